// The connection to the team's PostgreSQL database: every field checked before
// anything is stored, TLS with the server's certificate and name verified
// (verify-full) unless the database is on this computer, and each way a
// connection fails said as one plain, specific error. Uses `pg`.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { AppFailure, failure, type FieldError } from '../../../shared/errors';
import { isLoopbackHost } from '../../../shared/url-rules';
import type { TeamConnection } from '../../../shared/team';
import { STAFF_NAME_MAX } from '../../../shared/app-rules';

export const TEAM_DEFAULT_PORT = 5432;
const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const IPV6 = /^\[?[0-9A-Fa-f:.]{2,45}\]?$/;
/** PostgreSQL's identifiers: at most 63 bytes; no spaces or control characters here, to keep a typo visible. */
const NAME = /^[\x21-\x7e]{1,63}$/;

/** The host as url-rules' loopback rule reads it ("::1" is written "[::1]" there). */
function hostForRules(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

export function isLoopbackTeamHost(host: string): boolean {
  return isLoopbackHost(hostForRules(host.trim().toLowerCase()));
}

const PLAIN_LOOPBACK_ONLY = 'Plain TCP is allowed only to this computer (localhost, 127.0.0.1 or ::1): choose TLS for another computer.';
const field = (p: string, code: string, message: string): FieldError => ({ path: p, code, message });

/** The connection as it will be stored, or every refused field at once (nothing is written). */
export function checkTeamConnection(input: TeamConnection): TeamConnection {
  const out: TeamConnection = {
    host: input.host.trim(),
    port: input.port,
    database: input.database.trim(),
    user: input.user.trim(),
    tls: input.tls,
    caFile: input.caFile.trim(),
  };
  const fields: FieldError[] = [];
  if (!HOSTNAME.test(out.host) && !IPV6.test(out.host)) fields.push(field('host', 'teamHost.invalid', 'Enter the database server’s name or address, such as db.example.ca or 192.168.1.20.'));
  if (!Number.isInteger(out.port) || out.port < 1 || out.port > 65_535) fields.push(field('port', 'teamPort.invalid', 'The port is a whole number from 1 to 65535 (PostgreSQL’s is usually 5432).'));
  if (!NAME.test(out.database)) fields.push(field('database', 'teamDatabase.invalid', 'The database name is 1 to 63 visible characters with no spaces.'));
  if (!NAME.test(out.user)) fields.push(field('user', 'teamUser.invalid', 'The user name is 1 to 63 visible characters with no spaces.'));
  if (out.tls === 'off' && fields.every((f) => f.path !== 'host') && !isLoopbackTeamHost(out.host)) fields.push(field('tls', 'teamTls.loopbackOnly', PLAIN_LOOPBACK_ONLY));
  if (out.caFile !== '') {
    if (!path.isAbsolute(out.caFile)) fields.push(field('caFile', 'teamCaFile.unreadable', 'The CA file cannot be read: choose a PEM certificate file.'));
    else {
      let text = '';
      try {
        text = fs.readFileSync(out.caFile, 'utf8');
      } catch {
        /* said below */
      }
      if (!text.includes('-----BEGIN CERTIFICATE-----')) fields.push(field('caFile', 'teamCaFile.unreadable', 'The CA file cannot be read: choose a PEM certificate file.'));
    }
  }
  if (fields.length > 0) throw failure('settings-invalid', fields.length === 1 ? fields[0]!.message : `${fields.length} team settings need attention.`, { fields });
  return out;
}

/** A staff name as others see it: trimmed, one line, up to STAFF_NAME_MAX characters ('' for none). */
export function checkStaffName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length > STAFF_NAME_MAX || /[\u0000-\u001f\u007f]/.test(trimmed)) {
    const message = `Your name is up to ${STAFF_NAME_MAX} characters on one line.`;
    throw failure('settings-invalid', message, { fields: [field('staffName', 'teamStaffName.invalid', message)] });
  }
  return trimmed;
}

export function checkTeamPassword(password: string): string {
  if (password.length < 1 || password.length > 500 || /[\u0000-\u001f\u007f]/.test(password)) {
    const message = 'The password is 1 to 500 characters with no line breaks.';
    throw failure('settings-invalid', message, { fields: [field('password', 'teamPassword.invalid', message)] });
  }
  return password;
}

/** pg's settings for this connection: TLS verify-full (system CAs, or the CA file), or plain TCP to loopback only. */
export function clientConfig(c: TeamConnection, password: string, timeoutMs: number): pg.ClientConfig {
  // Checked again here, not only at save: a stored setting is never trusted to have been checked.
  if (c.tls === 'off' && !isLoopbackTeamHost(c.host)) {
    throw failure('settings-invalid', PLAIN_LOOPBACK_ONLY, { fields: [field('tls', 'teamTls.loopbackOnly', PLAIN_LOOPBACK_ONLY)] });
  }
  return {
    host: c.host.replace(/^\[|\]$/g, ''),
    port: c.port,
    database: c.database,
    user: c.user,
    password,
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs * 4,
    application_name: 'Offering Desk',
    ssl: c.tls === 'off' ? false : { rejectUnauthorized: true, ...(c.caFile ? { ca: fs.readFileSync(c.caFile, 'utf8') } : {}) },
  };
}

/** One plain error for each way a connection fails; the cause is kept in the message for the log. */
export function teamFailure(e: unknown, c: TeamConnection): AppFailure {
  if (e instanceof AppFailure) return e;
  const err = e as { code?: string; message?: string };
  const where = `${c.host}:${c.port}`;
  const detail = err.message ?? String(e);
  switch (err.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return failure('team-host-unknown', `The database server ${c.host} was not found. Check the host name, or the network.`);
    case '28P01':
    case '28000':
      return failure('team-login-refused', `The database refused the user name or password for ${c.user}. Check them in Settings → Team.`);
    case '3D000':
      return failure('team-login-refused', `The database ${c.database} does not exist on ${where}, or this user may not open it.`);
    case '42501':
      // Logged in, but this user may not open the database or the team's tables (insufficient_privilege).
      return failure('team-login-refused', `The user ${c.user} may not use the team catalogue in ${c.database} (${detail}). Ask whoever runs the database to grant it.`);
    case 'ECONNREFUSED':
    case 'ETIMEDOUT':
    case 'ECONNRESET':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return failure('team-unreachable', `The database at ${where} did not answer (${err.code}). It may be off, or a firewall is in the way.`);
  }
  if (/SSL|TLS|certificate|self[- ]signed|altnames|does not support SSL/i.test(detail)) {
    return failure('team-tls-refused', `The secure connection to ${where} was refused (${detail}). Check the CA file, or ask your IT for the server’s certificate.`);
  }
  if (/timeout|timed out/i.test(detail)) return failure('team-unreachable', `The database at ${where} did not answer in time.`);
  return failure('team-unreachable', `The database at ${where} cannot be used (${detail}).`);
}

/** A connected client, or the plain failure; the caller ends it. */
export async function connectTeam(c: TeamConnection, password: string, timeoutMs = 8000): Promise<pg.Client> {
  const client = new pg.Client(clientConfig(c, password, timeoutMs));
  // An error after connecting (the server went away) must not crash the main process: the next query says so.
  client.on('error', () => {});
  try {
    await client.connect();
    return client;
  } catch (e) {
    await client.end().catch(() => {});
    throw teamFailure(e, c);
  }
}

/** Reads OFFERING_DESK_TEAM_URL (postgres://user:password@host:port/db[?sslmode=disable|verify-full]). */
export function parseTeamUrl(value: string): { connection: TeamConnection; password: string } {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw failure('settings-invalid', 'OFFERING_DESK_TEAM_URL is not an address such as postgres://user:password@host:5432/database.');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') throw failure('settings-invalid', 'OFFERING_DESK_TEAM_URL must start with postgres://.');
  const sslmode = url.searchParams.get('sslmode') ?? 'verify-full';
  if (sslmode !== 'disable' && sslmode !== 'verify-full') throw failure('settings-invalid', 'OFFERING_DESK_TEAM_URL takes sslmode=verify-full (the default) or sslmode=disable (this computer only).');
  const connection = checkTeamConnection({
    host: url.hostname,
    port: url.port ? Number(url.port) : TEAM_DEFAULT_PORT,
    database: decodeURIComponent(url.pathname.replace(/^\//, '')),
    user: decodeURIComponent(url.username),
    tls: sslmode === 'disable' ? 'off' : 'verify-full',
    caFile: url.searchParams.get('sslrootcert') ?? '',
  });
  return { connection, password: checkTeamPassword(decodeURIComponent(url.password)) };
}
