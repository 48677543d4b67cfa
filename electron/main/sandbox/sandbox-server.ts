// A real HTTP Marketplace that implements docs/marketplace-api.md strictly,
// keeps offerings per network key, and can inject faults. It is the app's
// default Marketplace on first run and the Marketplace every test talks to.
import fs from 'node:fs';
import http from 'node:http';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { z } from 'zod';
import { AddBody, PatchBody, applyPatch, NetworkKey, type WireOffering, type WireError } from '../marketplace/wire';

export const SANDBOX_BASE_PATH = '/api-v2';

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
}

export const NO_FAULTS: Faults = { latencyMs: 0, error503: 0, timeout: 0, resetAfterApply: 0, rateLimit: 0, retryAfterSeconds: 1, rejectOfferingIds: [] };

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
  port: number;
  listings(networkKey: string): WireOffering[];
  requests(): ReceivedRequest[];
  setFaults(faults: Partial<Faults>): void;
  /** Stops listening and starts again on the same port, keeping its data. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

// Keyed by a hash of the network key, so the embedded sandbox's file never
// holds a key in the clear.
type Store = Map<string, Map<string, WireOffering>>;
const keyId = (networkKey: string) => createHash('sha256').update(networkKey).digest('hex');

function issuesToDetails(error: z.ZodError): NonNullable<WireError['details']> {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

class HttpFailure {
  constructor(
    readonly status: number,
    readonly body: WireError,
    readonly headers: Record<string, string> = {},
  ) {}
}

const fail = (status: number, code: WireError['code'], message: string, details?: WireError['details']) =>
  new HttpFailure(status, { code, message, ...(details ? { details } : {}) });

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const store: Store = new Map();
  const owners = new Map<string, string>(); // offeringId → networkKey
  const received: ReceivedRequest[] = [];
  let faults: Faults = { ...NO_FAULTS, ...options.faults };
  const random = options.random ?? Math.random;
  const allowed = options.keys ? new Set(options.keys) : null;
  if (options.file && fs.existsSync(options.file)) {
    const saved = JSON.parse(fs.readFileSync(options.file, 'utf8')) as Record<string, WireOffering[]>;
    for (const [key, offerings] of Object.entries(saved)) {
      for (const o of offerings) {
        listingsOf(key).set(o.offeringId, o);
        owners.set(o.offeringId, key);
      }
    }
  }

  function persist(): void {
    if (!options.file) return;
    const data = Object.fromEntries([...store.entries()].map(([k, m]) => [k, [...m.values()]]));
    fs.writeFileSync(`${options.file}.tmp`, JSON.stringify(data));
    fs.renameSync(`${options.file}.tmp`, options.file);
  }

  function authorise(key: unknown): string {
    const parsed = NetworkKey.safeParse(key);
    if (!parsed.success) throw fail(401, 'unauthorized', 'A networkKey is required.');
    if (allowed && !allowed.has(parsed.data)) throw fail(401, 'unauthorized', 'Unknown networkKey.');
    return keyId(parsed.data);
  }

  function listingsOf(key: string): Map<string, WireOffering> {
    let m = store.get(key);
    if (!m) store.set(key, (m = new Map()));
    return m;
  }

  function ownedListing(key: string, id: string): WireOffering {
    const owner = owners.get(id);
    if (owner === undefined) throw fail(404, 'notFound', `No class offering ${id}.`);
    if (owner !== key) throw fail(403, 'forbidden', `Class offering ${id} belongs to another provider.`);
    return listingsOf(key).get(id)!;
  }

  function handle(method: string, path: string, query: URLSearchParams, body: unknown): { status: number; body?: unknown } {
    const collection = `${SANDBOX_BASE_PATH}/class-offerings`;
    const targetId = path.startsWith(`${collection}/`) ? decodeURIComponent(path.slice(collection.length + 1)) : (body as { offeringId?: unknown } | null)?.offeringId;
    if (typeof targetId === 'string' && faults.rejectOfferingIds.includes(targetId)) {
      throw fail(400, 'invalid', 'The class offering does not match the schema.', [{ path: 'courseName', message: 'rejected by the sandbox (injected fault)' }]);
    }
    if (path === collection && method === 'POST') {
      const key = authorise((body as { networkKey?: unknown } | null)?.networkKey);
      const parsed = AddBody.safeParse(body);
      if (!parsed.success) throw fail(400, 'invalid', 'The class offering does not match the schema.', issuesToDetails(parsed.error));
      const { networkKey: _key, ...offering } = parsed.data;
      const owner = owners.get(offering.offeringId);
      if (owner !== undefined && owner !== key) throw fail(403, 'forbidden', `Class offering ${offering.offeringId} belongs to another provider.`);
      if (owner !== undefined) throw fail(409, 'general', `Class offering ${offering.offeringId} already exists.`);
      owners.set(offering.offeringId, key);
      listingsOf(key).set(offering.offeringId, offering);
      return { status: 201, body: offering };
    }
    if (path.startsWith(`${collection}/`)) {
      const id = decodeURIComponent(path.slice(collection.length + 1));
      if (method === 'PATCH') {
        const key = authorise((body as { networkKey?: unknown } | null)?.networkKey);
        const parsed = PatchBody.safeParse(body);
        if (!parsed.success) throw fail(400, 'invalid', 'The patch does not match the schema.', issuesToDetails(parsed.error));
        const current = ownedListing(key, id);
        const { networkKey: _key, ...fields } = parsed.data;
        const merged = applyPatch(current, fields);
        if (!merged.success) throw fail(400, 'invalid', 'The patched class offering would not match the schema.', issuesToDetails(merged.error));
        listingsOf(key).set(id, merged.data);
        return { status: 204 };
      }
      if (method === 'DELETE') {
        const key = authorise(query.get('networkKey') ?? undefined);
        ownedListing(key, id);
        listingsOf(key).delete(id);
        owners.delete(id);
        return { status: 204 };
      }
      throw fail(405, 'general', `${method} is not supported here.`);
    }
    throw fail(404, 'notFound', `No route ${method} ${path}.`);
  }

  function inspect(path: string, query: URLSearchParams, res: http.ServerResponse): boolean {
    if (path === '/__sandbox/offerings') {
      const key = query.get('networkKey');
      send(res, 200, key ? [...(store.get(keyId(key))?.values() ?? [])] : [...store.values()].flatMap((m) => [...m.values()]));
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

    let outcome: { status: number; body?: unknown; headers?: Record<string, string> };
    try {
      if (parseError) throw parseError;
      outcome = handle(method, url.pathname, url.searchParams, body);
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
    baseUrl: `${url}${SANDBOX_BASE_PATH}`,
    port,
    listings: (key) => [...(store.get(keyId(key))?.values() ?? [])],
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
