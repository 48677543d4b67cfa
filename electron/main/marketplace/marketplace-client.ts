// HTTP calls to the Marketplace's Class Offering API. Every call has a
// timeout, and every failure becomes a typed AppError a person can act on.
import type { AppError } from '../../../shared/errors';
import { silentLog, type AppLog } from '../logging';
import { WireError, formPathFor, type WireOffering } from './wire';

export type CallOutcome =
  | { ok: true; status: number; raw: string }
  | { ok: false; status: number | null; error: AppError; raw: string | null };

export interface MarketplaceClient {
  add(networkKey: string, offering: WireOffering): Promise<CallOutcome>;
  patch(networkKey: string, offeringId: string, fields: Record<string, unknown>): Promise<CallOutcome>;
  remove(networkKey: string, offeringId: string): Promise<CallOutcome>;
}

export interface ClientOptions {
  baseUrl: string;
  timeoutMs?: number;
  log?: AppLog;
}

const MAX_RAW = 4000;

export function createMarketplaceClient({ baseUrl, timeoutMs = 15_000, log = silentLog }: ClientOptions): MarketplaceClient {
  const base = baseUrl.replace(/\/+$/, '');
  const offeringUrl = (id: string) => `${base}/class-offerings/${encodeURIComponent(id)}`;

  async function call(method: string, url: string, body: unknown, okStatuses: number[]): Promise<CallOutcome> {
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        // A redirect would carry the network key to wherever it points.
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      log.warn(`${method} ${url} failed:`, e);
      return { ok: false, status: null, raw: null, error: networkError(e, timeoutMs) };
    }
    log.info(`${method} ${url} → ${response.status}`);
    let raw: string;
    try {
      raw = (await response.text()).slice(0, MAX_RAW);
    } catch (e) {
      return { ok: false, status: response.status, raw: null, error: networkError(e, timeoutMs) };
    }
    if (okStatuses.includes(response.status)) return { ok: true, status: response.status, raw };
    return { ok: false, status: response.status, raw, error: httpError(response, raw) };
  }

  return {
    add: (networkKey, offering) => call('POST', `${base}/class-offerings`, { networkKey, ...offering }, [200, 201, 204]),
    patch: (networkKey, offeringId, fields) => call('PATCH', offeringUrl(offeringId), { networkKey, ...fields }, [200, 204]),
    remove: (networkKey, offeringId) =>
      call('DELETE', `${offeringUrl(offeringId)}?networkKey=${encodeURIComponent(networkKey)}`, undefined, [200, 204]),
  };
}

function networkError(e: unknown, timeoutMs: number): AppError {
  const err = e as { name?: string; cause?: { code?: string } };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') {
    return { code: 'marketplace-timeout', message: `The Marketplace did not answer within ${Math.round(timeoutMs / 1000)} seconds. The change will be tried again.` };
  }
  const detail = err?.cause?.code ? ` (${err.cause.code})` : '';
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

function httpError(response: Response, raw: string): AppError {
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
    const retryAfter = retryAfterSeconds(response.headers.get('retry-after'));
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
