// A throwaway PostgreSQL cluster per test file, from the system's own server
// binaries (Debian's `postgresql` package; scripts/postgres-bin.mjs finds them):
// `initdb` and `postgres` in a temporary folder, on a random free port of
// 127.0.0.1, with password (scram-sha-256) login over TCP for a test role and
// trust only on its own Unix socket. As root the server runs as the `postgres`
// user through `runuser` (PostgreSQL refuses root). Stopped and removed after.
// No mock, no in-memory stand-in: `postgresMissing` is the one reason to skip.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { TestContext } from 'node:test';
import pg from 'pg';
import { postgresBin } from '../../scripts/postgres-bin.mjs';

const bin = postgresBin();
const asRoot = process.getuid?.() === 0;

/** Why the PostgreSQL tests cannot run here (give it to `test(..., { skip })`), or false. */
export const postgresMissing: string | false = bin.dir === null ? `${bin.reason}: sudo apt-get install postgresql` : false;

export interface PgCluster {
  host: '127.0.0.1';
  port: number;
  /** A role that logs in with its password over TCP and owns the databases made here (not a superuser). */
  user: string;
  password: string;
  /** The data directory (tests grep it). */
  dataDir: string;
  /** A new empty database owned by the test role. */
  createDatabase(name?: string): Promise<string>;
  /** postgres://user:password@127.0.0.1:port/db */
  url(database: string, user?: string, password?: string): string;
  /** Runs SQL as the superuser over the cluster's Unix socket (for set-up only). */
  admin<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, database?: string): Promise<T[]>;
  /** Stops the server (fast shutdown), keeping its data. */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
}

function run(command: string, args: string[]): void {
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  const r = spawnSync(file, argv, { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`${path.basename(command)} failed (${r.status}): ${r.stderr || r.stdout}`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Starts a cluster for this test file; it is stopped and its folder removed after the file's tests. */
export async function startPostgres(t: Pick<TestContext, 'after'>): Promise<PgCluster> {
  if (bin.dir === null) throw new Error(postgresMissing as string);
  const binDir = bin.dir;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'offering-desk-pg-'));
  const dataDir = path.join(root, 'data');
  const socketDir = path.join(root, 'socket');
  fs.mkdirSync(socketDir);
  if (asRoot) spawnSync('chown', ['-R', 'postgres:postgres', root]);

  const user = 'desk_test';
  const password = `pw-${randomBytes(9).toString('hex')}`;
  run(path.join(binDir, 'initdb'), ['-D', dataDir, '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync', '--auth-local=trust', '--auth-host=scram-sha-256']);
  // Written out, not left to initdb's defaults: trust only on the private socket, passwords over TCP.
  const hba = ['local all all trust', 'host all all 127.0.0.1/32 scram-sha-256', 'host all all ::1/128 scram-sha-256', ''].join('\n');
  fs.writeFileSync(path.join(dataDir, 'pg_hba.conf'), hba);

  let port = await freePort();
  let server: ChildProcess | null = null;
  let log = '';

  const adminClient = (database = 'postgres') => new pg.Client({ host: socketDir, port, user: 'postgres', database });

  async function admin<T extends pg.QueryResultRow>(sql: string, database?: string): Promise<T[]> {
    const client = adminClient(database);
    await client.connect();
    try {
      return (await client.query<T>(sql)).rows;
    } finally {
      await client.end();
    }
  }

  async function start(): Promise<void> {
    const args = ['-D', dataDir, '-p', String(port), '-k', socketDir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'shared_buffers=16MB', '-c', 'max_connections=40'];
    const command = path.join(binDir, 'postgres');
    log = '';
    const child = asRoot ? spawn('runuser', ['-u', 'postgres', '--', command, ...args]) : spawn(command, args);
    child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    server = child;
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`postgres exited (${child.exitCode}): ${log}`);
      try {
        await admin('SELECT 1');
        return;
      } catch (e) {
        if (Date.now() > deadline) throw new Error(`postgres did not answer in 30 s: ${String(e)}\n${log}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }

  async function stop(): Promise<void> {
    const child = server;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    // The postmaster's own pid (runuser stands between when running as root): SIGINT is a fast shutdown.
    const pidFile = path.join(dataDir, 'postmaster.pid');
    const pid = fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]) : NaN;
    if (Number.isInteger(pid) && pid > 0) process.kill(pid, 'SIGINT');
    else child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
    server = null;
  }

  try {
    await start();
  } catch {
    // The port was taken between finding it and binding it: one more try on another.
    port = await freePort();
    await start();
  }
  await admin(`CREATE ROLE ${user} LOGIN PASSWORD '${password}'`);

  t.after(async () => {
    await stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  let made = 0;
  return {
    host: '127.0.0.1',
    get port() {
      return port;
    },
    user,
    password,
    dataDir,
    async createDatabase(name = `team_${++made}_${randomBytes(3).toString('hex')}`) {
      await admin(`CREATE DATABASE ${name} OWNER ${user}`);
      // A team database is the role's alone: nobody else may connect or create in it.
      await admin(`REVOKE ALL ON DATABASE ${name} FROM PUBLIC`);
      await admin(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`, name);
      return name;
    },
    url: (database, u = user, p = password) => `postgres://${encodeURIComponent(u)}:${encodeURIComponent(p)}@127.0.0.1:${port}/${database}`,
    admin,
    stop,
    start,
  };
}
