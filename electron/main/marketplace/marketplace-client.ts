// HTTP calls to the Marketplace, whichever connection speaks them: every call
// has a timeout, never follows a redirect, and every failure becomes a typed
// AppError a person can act on. Paths, auth and the few differing fields are
// the dialect's (network.ts, gateway.ts).
import { AppFailure, type AppError } from '../../../shared/errors';
import type { ConnectionKind } from '../../../shared/connection';
import { redactCut, redactText, silentLog, type AppLog } from '../platform/logging';
import { WireError, formPathFor, resourceOf, type Resource, type WireListing } from './wire';
import type { WireLearningRecord } from './record-wire';
import { httpExchange, type HttpAnswer } from './http-exchange';

export type CallOutcome =
  | { ok: true; status: number; raw: string }
  /** `notSent`: the request never left (no token, no program id): it cannot have reached the Marketplace. */
  | { ok: false; status: number | null; error: AppError; raw: string | null; notSent?: true };

/** A collection of the API: class and online offerings, and learning records (add only). */
export type Collection = Resource | 'record';

export interface WireCall {
  action: 'add' | 'patch' | 'delete';
  resource: Collection;
  offeringId: string;
  body?: Record<string, unknown>;
}

export interface PreparedRequest {
  method: 'POST' | 'PATCH' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: Record<string, unknown>;
}

/** What one connection knows: where each call goes and how it authenticates. */
export interface Dialect {
  readonly connection: ConnectionKind;
  /** Reads the secrets this connection needs, before a batch: an AppFailure (no key, keychain locked…) pauses the queue. */
  ready(): Promise<void>;
  /** Throws an AppFailure when the call cannot be made (no token, no program id). */
  prepare(call: WireCall): Promise<PreparedRequest>;
  /** After a 401 to `request`: forget its cached credentials; true when one retry with fresh ones is worth it. */
  onUnauthorized(request: PreparedRequest): boolean;
  /** The 401 message, in this connection's words. */
  readonly unauthorizedMessage: string;
  /** A harmless request that proves the connection works; its answer is read by `describeTest`. */
  testRequest(): Promise<PreparedRequest | null>;
  describeTest(outcome: CallOutcome): string;
}

export interface MarketplaceClient {
  readonly connection: ConnectionKind;
  ready(): Promise<void>;
  add(listing: WireListing): Promise<CallOutcome>;
  patch(resource: Resource, offeringId: string, fields: Record<string, unknown>): Promise<CallOutcome>;
  remove(resource: Resource, offeringId: string): Promise<CallOutcome>;
  /** Submits a learning record (no patch or delete exists for one). */
  addRecord(record: WireLearningRecord): Promise<CallOutcome>;
  /** Checks the connection without listing anything: a plain sentence on success, an AppFailure otherwise. */
  test(): Promise<string>;
}

export interface ClientOptions {
  dialect: Dialect;
  timeoutMs?: number;
  log?: AppLog;
  /** Every secret the desk holds or was given (credentials.knownSecrets): taken out of every answer before anyone stores or shows it. */
  secrets?: () => readonly string[];
}

const MAX_RAW = 4000;
const SUCCESS: Record<WireCall['action'], number[]> = { add: [200, 201, 204], patch: [200, 204], delete: [200, 204] };

/** One HTTP exchange with a timeout and no redirects (a redirect would carry the credentials wherever it points). */
export async function exchange(prepared: PreparedRequest, okStatuses: number[], timeoutMs: number, log: AppLog): Promise<CallOutcome> {
  const body = prepared.body === undefined ? undefined : JSON.stringify(prepared.body);
  const headers: Record<string, string | number> = { accept: 'application/json', ...prepared.headers };
  if (body !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  let answer: HttpAnswer;
  try {
    answer = await httpExchange({ method: prepared.method, url: prepared.url, headers, body }, timeoutMs);
  } catch (e) {
    log.warn(`${prepared.method} ${prepared.url} failed:`, e);
    return { ok: false, status: null, raw: null, error: networkError(e, timeoutMs) };
  }
  // A cut body still comes with its status, which is the answer: the body only ever explains it.
  const cut = answer.cut === 'size' ? ' (answer cut: longer than the desk reads)' : answer.cut === 'time' ? ' (answer cut: still coming at the deadline)' : '';
  log.info(`${prepared.method} ${prepared.url} → ${answer.status}${cut}`);
  const raw = answer.text.slice(0, MAX_RAW);
  if (okStatuses.includes(answer.status)) return { ok: true, status: answer.status, raw };
  return { ok: false, status: answer.status, raw, error: httpError(answer, raw) };
}

/**
 * The outcome without any secret in it. A server or gateway that echoes the
 * request in its error (URL, headers, body) would otherwise put the network
 * key, the token or the subscription key into the call log, the offering's
 * error, backups, Activity and its CSV: everything downstream gets only this.
 */
export function redactOutcome(outcome: CallOutcome, secrets: readonly string[]): CallOutcome {
  const clean = (text: string) => redactText(text, secrets);
  // The raw body is kept to its first MAX_RAW characters, which may end inside a secret.
  const raw = outcome.raw === null ? null : redactCut(outcome.raw, secrets);
  if (outcome.ok) return { ...outcome, raw: raw ?? '' };
  const { error } = outcome;
  return {
    ...outcome,
    raw,
    error: {
      ...error,
      message: clean(error.message),
      ...(error.raw === undefined ? {} : { raw: redactCut(error.raw, secrets) }),
      ...(error.fields === undefined ? {} : { fields: error.fields.map((f) => ({ ...f, message: clean(f.message) })) }),
    },
  };
}

export function createMarketplaceClient({ dialect, timeoutMs = 15_000, log = silentLog, secrets = () => [] }: ClientOptions): MarketplaceClient {
  const send = async (request: PreparedRequest, okStatuses: number[]) => redactOutcome(await exchange(request, okStatuses, timeoutMs, log), secrets());

  async function call(wire: WireCall): Promise<CallOutcome> {
    for (let attempt = 0; ; attempt++) {
      let request: PreparedRequest;
      try {
        request = await dialect.prepare(wire);
      } catch (e) {
        if (!(e instanceof AppFailure)) throw e;
        return { ok: false, status: null, raw: null, error: e.error, notSent: true };
      }
      const outcome = await send(request, SUCCESS[wire.action]);
      if (outcome.ok || outcome.status !== 401) return outcome;
      // A token can expire between fetching it and using it: fetch a new one, and try once more.
      if (attempt === 0 && dialect.onUnauthorized(request)) continue;
      return { ...outcome, error: { ...outcome.error, message: dialect.unauthorizedMessage } };
    }
  }

  return {
    connection: dialect.connection,
    ready: () => dialect.ready(),
    add: (listing) => call({ action: 'add', resource: resourceOf(listing), offeringId: listing.offeringId, body: listing }),
    patch: (resource, offeringId, fields) => call({ action: 'patch', resource, offeringId, body: fields }),
    remove: (resource, offeringId) => call({ action: 'delete', resource, offeringId }),
    addRecord: (record) => call({ action: 'add', resource: 'record', offeringId: record.learningRecordId, body: record }),
    async test() {
      await dialect.ready();
      const request = await dialect.testRequest();
      const outcome: CallOutcome = request ? await send(request, [200, 204, 404]) : { ok: true, status: 200, raw: '' };
      if (!outcome.ok) throw new AppFailure(outcome.status === 401 ? { ...outcome.error, message: dialect.unauthorizedMessage } : outcome.error);
      return dialect.describeTest(outcome);
    },
  };
}

export function networkError(e: unknown, timeoutMs: number): AppError {
  // Every call, token included, goes through http-exchange (node:http): the system's code is on the error itself.
  const err = e as { name?: string; code?: string };
  if (err?.name === 'TimeoutError') {
    return { code: 'marketplace-timeout', message: `The Marketplace did not answer within ${Math.round(timeoutMs / 1000)} seconds. The change will be tried again.` };
  }
  const code = err?.code;
  const detail = code ? ` (${code})` : '';
  return { code: 'marketplace-unreachable', message: `Cannot reach the Marketplace${detail}. Check the internet connection; the change will wait and be sent later.` };
}

function parseWireError(raw: string): WireError | null {
  try {
    const parsed = WireError.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function httpError(response: HttpAnswer, raw: string): AppError {
  const body = parseWireError(raw);
  const status = response.status;
  const said = body?.message ? ` The Marketplace said: “${body.message}”` : '';
  const extra: Pick<AppError, 'marketplaceCode' | 'raw'> = body ? { marketplaceCode: body.code } : { raw: raw || `(empty ${status} response)` };

  if (status >= 300 && status < 400) {
    return { code: 'marketplace-redirect', message: 'The Marketplace address redirects elsewhere; check the URL in Settings. Nothing was sent there.', ...extra };
  }
  if (status === 400) {
    const fields = (body?.details ?? []).map((d) => ({ path: formPathFor(d.path), code: 'marketplace', message: d.message }));
    return { code: 'marketplace-invalid', message: `The Marketplace refused this offering as invalid.${said}`, fields, ...extra };
  }
  if (status === 401) return { code: 'marketplace-unauthorized', message: 'The Marketplace did not accept your network key. Check the key in Settings.', ...extra };
  if (status === 403) return { code: 'marketplace-forbidden', message: `The Marketplace says this offering belongs to another provider.${said}`, ...extra };
  if (status === 404) return { code: 'marketplace-not-found', message: `The Marketplace has no listing with this offering ID.${said}`, ...extra };
  if (status === 409) return { code: 'marketplace-conflict', message: `The Marketplace already has a listing with this offering ID.${said}`, ...extra };
  if (status === 429) {
    const retryAfter = retryAfterSeconds(response.headers['retry-after'] ?? null);
    return {
      code: 'marketplace-rate-limited',
      message: 'The Marketplace asked us to slow down; the change will be sent again shortly.',
      ...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }),
      ...extra,
    };
  }
  if (status >= 500) return { code: 'marketplace-server', message: `The Marketplace had a problem (HTTP ${status}). The change will be tried again.${said}`, ...extra };
  return { code: 'marketplace-unknown', message: `The Marketplace answered in an unexpected way (HTTP ${status}).${said}`, ...extra };
}

/** Retry-After is either seconds or an HTTP date. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}
