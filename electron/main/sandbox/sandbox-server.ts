// A real HTTP Marketplace that implements docs/marketplace-api.md strictly, in
// either dialect: the network API (networkKey in bodies) or the ministry
// gateway (client-credential tokens, a subscription key header, program IDs).
// It keeps class and online offerings per provider and can inject faults. It
// is the app's default Marketplace on first run and the one every test talks to.
import fs from 'node:fs';
import { PRIVATE_FILE_MODE } from '../platform/private-files';
import http from 'node:http';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { z } from 'zod';
import {
  addBody,
  patchBody,
  applyPatch,
  NetworkKey,
  LearningRecord,
  STANDARD_KEYS,
  type ClassOffering,
  type OnlineOffering,
  type Listing,
  type Resource,
  type ErrorBody,
  type StandardKey,
} from './contract';

export const SANDBOX_BASE_PATH = '/api-v2';
export const GATEWAY_BASE_PATH = '/gateway';
export const TOKEN_PATH = '/oauth2/token';

export type SandboxDialect = 'network' | 'gateway';

/** One provider's gateway credentials, and its approved program IDs (program ID → the standard it stands for). */
export interface GatewayAccount {
  clientId: string;
  clientSecret: string;
  subscriptionKey: string;
  programIds: Record<string, StandardKey>;
}

const COLLECTIONS: Record<SandboxDialect, Record<Resource, string>> = {
  network: { class: 'class-offerings', online: 'online-offerings' },
  gateway: { class: 'ClassOffering', online: 'OnlineOffering' },
};
const BASE_PATHS: Record<SandboxDialect, string> = { network: SANDBOX_BASE_PATH, gateway: GATEWAY_BASE_PATH };
const RECORDS: Record<SandboxDialect, string> = { network: 'learning-records', gateway: 'LearningRecord' };
/** The file's entry for learning record ids (never their learners: the embedded sandbox's file sits in the app's data folder). */
const RECORD_IDS_ENTRY = '__learningRecordIds';

export interface Faults {
  latencyMs: number;
  /** Shares of requests, 0..1. */
  error503: number;
  timeout: number;
  resetAfterApply: number;
  rateLimit: number;
  retryAfterSeconds: number;
  /** Offering ids answered 400 invalid (on courseName), to test one bad offering among many. */
  rejectOfferingIds: string[];
  /**
   * Answer every call with an error that echoes the request (URL, Authorization and key headers, body), as a
   * careless server or gateway does: as a JSON error (400, in its message and details) or an HTML page (502).
   */
  echoRequest: 'off' | 'json' | 'html';
}

export const NO_FAULTS: Faults = { latencyMs: 0, error503: 0, timeout: 0, resetAfterApply: 0, rateLimit: 0, retryAfterSeconds: 1, rejectOfferingIds: [], echoRequest: 'off' };

export interface ReceivedRequest {
  method: string;
  path: string;
  /** Body fields other than networkKey, as received. */
  body: Record<string, unknown> | null;
  /** The status answered; 0 when an injected timeout left it unanswered. */
  status: number;
}

export interface SandboxOptions {
  port?: number;
  /** Which dialect it speaks; the embedded sandbox speaks the network API. */
  dialect?: SandboxDialect;
  /** The gateway dialect's one provider. */
  gateway?: GatewayAccount;
  /** Lifetime of gateway tokens. */
  tokenTtlSeconds?: number;
  /** Accept only these network keys; by default any non-empty key is accepted. */
  keys?: string[];
  faults?: Partial<Faults>;
  random?: () => number;
  /** Keep listings in this JSON file, so the app's embedded sandbox survives a restart. */
  file?: string;
}

export interface Sandbox {
  url: string;
  baseUrl: string;
  /** The gateway dialect's token URL. */
  tokenUrl: string;
  port: number;
  dialect: SandboxDialect;
  /** A provider's class listings, by network key (network) or client id (gateway). */
  listings(owner: string): ClassOffering[];
  onlineListings(owner: string): OnlineOffering[];
  /** Learning records received from a provider since this sandbox started (ids survive a restart, bodies do not). */
  records(owner: string): LearningRecord[];
  tokenRequests(): number;
  /** Every token issued so far stops working (as when the gateway rotates its signing keys). */
  revokeTokens(): void;
  requests(): ReceivedRequest[];
  setFaults(faults: Partial<Faults>): void;
  /** Stops listening and starts again on the same port, keeping its data. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

// Keyed by a hash of the network key (or client id), so the embedded
// sandbox's file never holds a key in the clear.
type Listings = Record<Resource, Map<string, Listing>>;
type Store = Map<string, Listings>;
const keyId = (owner: string) => createHash('sha256').update(owner).digest('hex');

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function issuesToDetails(error: z.ZodError): NonNullable<ErrorBody['details']> {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

class HttpFailure {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    readonly headers: Record<string, string> = {},
  ) {}
}

const fail = (status: number, code: ErrorBody['code'], message: string, details?: ErrorBody['details']) =>
  new HttpFailure(status, { code, message, ...(details ? { details } : {}) });

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const dialect = options.dialect ?? 'network';
  const store: Store = new Map();
  const owners = new Map<string, string>(); // `${resource}:${offeringId}` → owner hash
  const recordOwners = new Map<string, string>(); // learningRecordId → owner hash
  const records = new Map<string, LearningRecord[]>(); // owner hash → records, in order
  const received: ReceivedRequest[] = [];
  let faults: Faults = { ...NO_FAULTS, ...options.faults };
  const random = options.random ?? Math.random;
  const allowed = options.keys ? new Set(options.keys) : null;
  const tokenTtlMs = (options.tokenTtlSeconds ?? 3600) * 1000;
  const tokens = new Map<string, number>(); // token → expiry (ms)
  let tokenCount = 0;
  if (dialect === 'gateway' && !options.gateway) throw new Error('The gateway sandbox needs an account (client id, secret, subscription key, program IDs).');
  if (options.file && fs.existsSync(options.file)) {
    const saved = JSON.parse(fs.readFileSync(options.file, 'utf8')) as Record<string, Listing[] | Record<Resource, Listing[]>>;
    for (const [key, value] of Object.entries(saved)) {
      if (key === RECORD_IDS_ENTRY) {
        for (const [owner, ids] of Object.entries(value as unknown as Record<string, string[]>)) for (const id of ids) recordOwners.set(id, owner);
        continue;
      }
      // Files written before online offerings held an array of class offerings.
      const byResource: Record<Resource, Listing[]> = Array.isArray(value) ? { class: value, online: [] } : value;
      for (const resource of ['class', 'online'] as const) {
        for (const o of byResource[resource] ?? []) {
          listingsOf(key)[resource].set(o.offeringId, o);
          owners.set(`${resource}:${o.offeringId}`, key);
        }
      }
    }
  }

  function persist(): void {
    if (!options.file) return;
    const data: Record<string, unknown> = Object.fromEntries([...store.entries()].map(([k, m]) => [k, { class: [...m.class.values()], online: [...m.online.values()] }]));
    const ids: Record<string, string[]> = {};
    for (const [id, owner] of recordOwners) (ids[owner] ??= []).push(id);
    data[RECORD_IDS_ENTRY] = ids;
    fs.writeFileSync(`${options.file}.tmp`, JSON.stringify(data), { mode: PRIVATE_FILE_MODE });
    fs.renameSync(`${options.file}.tmp`, options.file);
  }

  function authoriseNetwork(key: unknown): string {
    const parsed = NetworkKey.safeParse(key);
    if (!parsed.success) throw fail(401, 'unauthorized', 'A networkKey is required.');
    if (allowed && !allowed.has(parsed.data)) throw fail(401, 'unauthorized', 'Unknown networkKey.');
    return keyId(parsed.data);
  }

  function authoriseGateway(headers: http.IncomingHttpHeaders): string {
    const account = options.gateway!;
    const token = /^Bearer (\S+)$/.exec(headers.authorization ?? '')?.[1];
    const expires = token === undefined ? undefined : tokens.get(token);
    if (expires === undefined || expires <= Date.now()) throw fail(401, 'unauthorized', 'The access token is missing, unknown or expired.');
    if (!sameSecret(String(headers.key ?? ''), account.subscriptionKey)) throw fail(401, 'unauthorized', 'Access denied: a valid subscription key is required.');
    return keyId(account.clientId);
  }

  function issueToken(headers: http.IncomingHttpHeaders, text: string): { status: number; body: unknown } {
    tokenCount++;
    const account = options.gateway!;
    const basic = /^Basic (\S+)$/.exec(headers.authorization ?? '')?.[1];
    const [id, secret] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':').map((p) => decodeURIComponent(p)) : [];
    if (new URLSearchParams(text).get('grant_type') !== 'client_credentials') return { status: 400, body: { error: 'unsupported_grant_type' } };
    if (id !== account.clientId || !sameSecret(secret ?? '', account.clientSecret)) return { status: 401, body: { error: 'invalid_client' } };
    const token = randomBytes(24).toString('base64url');
    tokens.set(token, Date.now() + tokenTtlMs);
    return { status: 200, body: { access_token: token, token_type: 'Bearer', expires_in: Math.round(tokenTtlMs / 1000) } };
  }

  function listingsOf(key: string): Listings {
    let m = store.get(key);
    if (!m) store.set(key, (m = { class: new Map(), online: new Map() }));
    return m;
  }

  function ownedListing(key: string, resource: Resource, id: string): Listing {
    const owner = owners.get(`${resource}:${id}`);
    const what = resource === 'online' ? 'online offering' : 'class offering';
    if (owner === undefined) throw fail(404, 'notFound', `No ${what} ${id}.`);
    if (owner !== key) throw fail(403, 'forbidden', `The ${what} ${id} belongs to another provider.`);
    return listingsOf(key)[resource].get(id)!;
  }

  /** On the gateway, `trainingStandardKey` is a program ID: validate as the standard it stands for, keep what was sent. */
  function asStandard(body: Record<string, unknown>): Record<string, unknown> {
    if (dialect !== 'gateway' || body.trainingStandardKey === undefined) return body;
    const standard = options.gateway!.programIds[String(body.trainingStandardKey)];
    if (!standard) throw fail(400, 'invalid', 'The offering does not match the schema.', [{ path: 'trainingStandardKey', message: 'is not one of your approved program IDs' }]);
    return { ...body, trainingStandardKey: standard };
  }
  const asSent = (listing: Listing, sent: unknown): Listing => (dialect === 'gateway' && typeof sent === 'string' ? ({ ...listing, trainingStandardKey: sent } as Listing) : listing);

  // The gateway's offering bodies carry no networkKey; the network API's carry it.
  const addSchema = (resource: Resource) => addBody(resource, dialect === 'network');
  const patchSchema = (resource: Resource) => patchBody(resource, dialect === 'network');

  function route(path: string): { resource: Resource; id: string | null } | null {
    const base = BASE_PATHS[dialect];
    for (const resource of ['class', 'online'] as const) {
      const collection = `${base}/${COLLECTIONS[dialect][resource]}`;
      if (path === collection) return { resource, id: null };
      if (path.startsWith(`${collection}/`)) {
        try {
          return { resource, id: decodeURIComponent(path.slice(collection.length + 1)) };
        } catch {
          throw fail(400, 'invalid', 'The offering id in the path is not valid.');
        }
      }
    }
    return null;
  }

  /**
   * A learning record: add only, strictly validated, for a class offering this
   * provider listed; a second record with the same learningRecordId is refused
   * with 409 (the client counts that as already done).
   */
  function addRecord(headers: http.IncomingHttpHeaders, fields: Record<string, unknown>): { status: number; body?: unknown } {
    // On both connections the body carries the provider's network key.
    const key = dialect === 'gateway' ? authoriseGateway(headers) : authoriseNetwork(fields.networkKey);
    if (dialect === 'gateway') authoriseNetwork(fields.networkKey);
    const { networkKey: _key, ...record } = fields;
    const parsed = LearningRecord.safeParse(asStandard(record));
    if (!parsed.success) throw fail(400, 'invalid', 'The learning record does not match the schema.', issuesToDetails(parsed.error));
    const classOwner = owners.get(`class:${parsed.data.externalClassId}`);
    if (classOwner !== key) throw fail(400, 'invalid', 'The learning record does not match a class.', [{ path: 'externalClassId', message: 'is not a class offering you listed' }]);
    const existing = recordOwners.get(parsed.data.learningRecordId);
    if (existing !== undefined && existing !== key) throw fail(403, 'forbidden', 'This learning record id belongs to another provider.');
    if (existing !== undefined) throw fail(409, 'general', `The learning record ${parsed.data.learningRecordId} already exists; it cannot be changed through the API.`);
    recordOwners.set(parsed.data.learningRecordId, key);
    const stored = asSent(parsed.data as unknown as Listing, record.trainingStandardKey) as unknown as LearningRecord;
    records.set(key, [...(records.get(key) ?? []), stored]);
    return { status: 201, body: { learningRecordId: stored.learningRecordId } };
  }

  function handle(method: string, path: string, query: URLSearchParams, headers: http.IncomingHttpHeaders, body: unknown): { status: number; body?: unknown } {
    if (path === `${BASE_PATHS[dialect]}/${RECORDS[dialect]}`) {
      if (method !== 'POST') throw fail(405, 'general', 'Learning records can only be added.');
      return addRecord(headers, (body && typeof body === 'object' ? body : {}) as Record<string, unknown>);
    }
    const target = route(path);
    if (!target) throw fail(404, 'notFound', `No route ${method} ${path}.`);
    const { resource } = target;
    const what = resource === 'online' ? 'online offering' : 'class offering';
    const fields = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const targetId = target.id ?? fields.offeringId;
    if (typeof targetId === 'string' && faults.rejectOfferingIds.includes(targetId)) {
      throw fail(400, 'invalid', `The ${what} does not match the schema.`, [{ path: 'courseName', message: 'rejected by the sandbox (injected fault)' }]);
    }
    const owner = () => (dialect === 'gateway' ? authoriseGateway(headers) : authoriseNetwork(method === 'DELETE' ? (query.get('networkKey') ?? undefined) : fields.networkKey));
    if (target.id === null && method === 'POST') {
      const key = owner();
      const parsed = addSchema(resource).safeParse(asStandard(fields));
      if (!parsed.success) throw fail(400, 'invalid', `The ${what} does not match the schema.`, issuesToDetails(parsed.error));
      const { networkKey: _key, ...offering } = parsed.data as Listing & { networkKey?: string };
      const existing = owners.get(`${resource}:${offering.offeringId}`);
      if (existing !== undefined && existing !== key) throw fail(403, 'forbidden', `The ${what} ${offering.offeringId} belongs to another provider.`);
      if (existing !== undefined) throw fail(409, 'general', `The ${what} ${offering.offeringId} already exists.`);
      const stored = asSent(offering as Listing, fields.trainingStandardKey);
      owners.set(`${resource}:${offering.offeringId}`, key);
      listingsOf(key)[resource].set(offering.offeringId, stored);
      return { status: 201, body: stored };
    }
    if (target.id !== null && method === 'PATCH') {
      const key = owner();
      const parsed = patchSchema(resource).safeParse(asStandard(fields));
      if (!parsed.success) throw fail(400, 'invalid', 'The patch does not match the schema.', issuesToDetails(parsed.error));
      const current = ownedListing(key, resource, target.id);
      const { networkKey: _key, ...changes } = parsed.data as Record<string, unknown>;
      const merged = applyPatch(resource, asStandard(current as Record<string, unknown>) as Listing, changes);
      if (!merged.success) throw fail(400, 'invalid', `The patched ${what} would not match the schema.`, issuesToDetails(merged.error));
      listingsOf(key)[resource].set(target.id, asSent(merged.data, fields.trainingStandardKey ?? current.trainingStandardKey));
      return { status: 204 };
    }
    if (target.id !== null && method === 'DELETE') {
      const key = owner();
      ownedListing(key, resource, target.id);
      listingsOf(key)[resource].delete(target.id);
      owners.delete(`${resource}:${target.id}`);
      return { status: 204 };
    }
    throw fail(405, 'general', `${method} is not supported here.`);
  }

  function inspect(path: string, query: URLSearchParams, res: http.ServerResponse): boolean {
    if (path === '/__sandbox/offerings') {
      const key = query.get('networkKey') ?? query.get('clientId');
      const resource: Resource = query.get('collection') === 'online' ? 'online' : 'class';
      send(res, 200, key ? [...(store.get(keyId(key))?.[resource].values() ?? [])] : [...store.values()].flatMap((m) => [...m[resource].values()]));
      return true;
    }
    if (path === '/__sandbox/records') {
      const key = query.get('networkKey') ?? query.get('clientId');
      send(res, 200, key ? (records.get(keyId(key)) ?? []) : [...records.values()].flat());
      return true;
    }
    if (path === '/__sandbox/requests') {
      send(res, 200, received);
      return true;
    }
    return false;
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (url.pathname === '/__sandbox/faults' && req.method === 'POST') {
        try {
          faults = { ...faults, ...(JSON.parse(text) as Partial<Faults>) };
          send(res, 200, faults);
        } catch {
          send(res, 400, { code: 'invalid', message: 'Faults must be JSON.' });
        }
        return;
      }
      if (req.method === 'GET' && inspect(url.pathname, url.searchParams, res)) return;
      if (dialect === 'gateway' && url.pathname === TOKEN_PATH && req.method === 'POST') {
        const answer = issueToken(req.headers, text);
        send(res, answer.status, answer.body);
        return;
      }
      setTimeout(() => respond(req, res, url, text), faults.latencyMs);
    });
  });

  function respond(req: http.IncomingMessage, res: http.ServerResponse, url: URL, text: string): void {
    const method = req.method ?? 'GET';
    let body: unknown = null;
    let parseError: HttpFailure | null = null;
    if (text !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        parseError = fail(400, 'invalid', 'The request body is not valid JSON.');
      }
    }
    const { networkKey: _redacted, ...fields } = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const record = (status: number) => received.push({ method, path: url.pathname, body: body === null ? null : fields, status });

    const roll = random();
    let edge = faults.timeout;
    if (roll < edge) return void record(0); // never answer: the client's timeout must fire
    if (roll < (edge += faults.error503)) {
      record(503);
      return send(res, 503, { code: 'internal', message: 'Service unavailable (injected).' });
    }
    if (roll < (edge += faults.rateLimit)) {
      record(429);
      res.setHeader('retry-after', String(faults.retryAfterSeconds));
      return send(res, 429, { code: 'general', message: 'Too many requests (injected).' });
    }
    const resetAfterApply = roll < edge + faults.resetAfterApply;
    if (faults.echoRequest !== 'off') {
      const echo = `${method} ${req.url} authorization: ${req.headers.authorization ?? ''} key: ${String(req.headers.key ?? '')} body: ${text}`;
      if (faults.echoRequest === 'json') {
        record(400);
        return send(res, 400, { code: 'invalid', message: `Request refused: ${echo}`, details: [{ path: 'courseName', message: `cannot read ${text}` }] });
      }
      record(502);
      const page = `<html><body><h1>502 Bad Gateway</h1><pre>${echo.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)}</pre></body></html>`;
      res.writeHead(502, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(page) }).end(page);
      return;
    }

    let outcome: { status: number; body?: unknown; headers?: Record<string, string> };
    try {
      if (parseError) throw parseError;
      outcome = handle(method, url.pathname, url.searchParams, req.headers, body);
      persist();
    } catch (e) {
      if (!(e instanceof HttpFailure)) throw e;
      outcome = { status: e.status, body: e.body, headers: e.headers };
    }
    record(outcome.status);
    if (resetAfterApply) {
      req.socket.destroy();
      return;
    }
    for (const [k, v] of Object.entries(outcome.headers ?? {})) res.setHeader(k, v);
    send(res, outcome.status, outcome.body);
  }

  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  async function listen(port: number): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    return (server.address() as AddressInfo).port;
  }

  async function stop(): Promise<void> {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  const port = await listen(options.port ?? 0);
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    baseUrl: `${url}${BASE_PATHS[dialect]}`,
    tokenUrl: `${url}${TOKEN_PATH}`,
    port,
    dialect,
    listings: (owner) => [...(store.get(keyId(owner))?.class.values() ?? [])] as ClassOffering[],
    onlineListings: (owner) => [...(store.get(keyId(owner))?.online.values() ?? [])] as OnlineOffering[],
    records: (owner) => [...(records.get(keyId(owner)) ?? [])],
    tokenRequests: () => tokenCount,
    revokeTokens: () => tokens.clear(),
    requests: () => [...received],
    setFaults: (f) => {
      faults = { ...faults, ...f };
    },
    restart: async () => {
      await stop();
      await listen(port);
    },
    close: stop,
  };
}

function send(res: http.ServerResponse, status: number, body?: unknown): void {
  if (body === undefined || status === 204) {
    res.writeHead(status).end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) }).end(text);
}

/** Program IDs in the form of the ministry's scripts (WAH-10001, JHSC-2014-1-10007), one per standard: the standalone gateway sandbox's defaults. */
export function exampleProgramIds(): Record<string, StandardKey> {
  return Object.fromEntries(STANDARD_KEYS.map((key, i) => [`${key.split('-').slice(0, -2).join('-')}-${10001 + i}`, key]));
}
