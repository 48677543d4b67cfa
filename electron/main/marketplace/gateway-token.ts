// OAuth 2.0 client-credentials tokens for the ministry gateway: fetched only
// here, in the main process, kept in memory only, reused until shortly before
// they expire, and shared by concurrent sends (one request at a time).
import { z } from 'zod';
import { failure } from '../../../shared/errors';
import { silentLog, type AppLog } from '../platform/logging';
import { networkError } from './marketplace-client';
import { ANSWER_MAX_BYTES, httpExchange, type HttpAnswer } from './http-exchange';

export const GATEWAY_REFUSED_MESSAGE = 'The ministry gateway refused the client id or secret — check Settings.';

const TokenAnswer = z.object({ access_token: z.string().min(1), token_type: z.string().optional(), expires_in: z.coerce.number().positive().optional() });

export interface TokenSourceOptions {
  tokenUrl: string;
  clientId: string;
  getSecret(): Promise<string>;
  timeoutMs?: number;
  now?: () => number;
  log?: AppLog;
  /** Told every secret this source sends or receives (the Basic credentials, each token), so none is ever stored or logged. */
  onSecret?: (secret: string) => void;
}

export interface TokenSource {
  /** A valid token: the one in memory, or a new one when it is about to expire. */
  token(): Promise<{ token: string; expiresAt: number }>;
  /** Forgets the token (when the secret changes), or only `stale` if it is still the current one (after a 401). */
  invalidate(stale?: string): void;
}

/** Lifetime assumed when the answer gives none (the ministry's tokens live 12 hours). */
const DEFAULT_LIFETIME_S = 3600;

/** Refresh this long before expiry: a minute, or half the lifetime of a short-lived token. */
export function refreshMargin(lifetimeMs: number): number {
  return Math.min(60_000, lifetimeMs / 2);
}

export function createTokenSource({ tokenUrl, clientId, getSecret, timeoutMs = 15_000, now = Date.now, log = silentLog, onSecret = () => {} }: TokenSourceOptions): TokenSource {
  let current: { token: string; expiresAt: number; refreshAt: number } | null = null;
  let pending: Promise<{ token: string; expiresAt: number }> | null = null;

  async function fetchToken(): Promise<{ token: string; expiresAt: number }> {
    const secret = await getSecret();
    const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64');
    onSecret(basic);
    let response: HttpAnswer;
    try {
      // The same exchange as every API call: no redirect, one deadline over the answer's body too, and its size capped.
      response = await httpExchange(
        {
          method: 'POST',
          url: tokenUrl,
          headers: {
            authorization: `Basic ${basic}`,
            'content-type': 'application/x-www-form-urlencoded',
            accept: 'application/json',
          },
          body: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
        },
        timeoutMs,
      );
    } catch (e) {
      log.warn('The gateway token request failed:', e);
      throw failure(...codeAndMessage(networkError(e, timeoutMs)));
    }
    log.info(`POST ${tokenUrl} → ${response.status}`);
    const text = response.text;
    if (response.status === 400 || response.status === 401) throw failure('gateway-refused', GATEWAY_REFUSED_MESSAGE);
    if (response.status >= 300 && response.status < 400) throw failure('marketplace-redirect', 'The token URL redirects elsewhere; check it in Settings. Nothing was sent there.');
    if (response.status >= 500) throw failure('marketplace-server', `The ministry gateway's sign-in service had a problem (HTTP ${response.status}). It will be tried again.`);
    // A token is in the whole answer only: one cut short is no token.
    if (response.cut === 'time') throw failure('marketplace-timeout', `The ministry gateway's sign-in service did not finish its answer within ${Math.round(timeoutMs / 1000)} seconds. It will be tried again.`);
    if (response.cut === 'size') throw failure('marketplace-unknown', `The ministry gateway's sign-in service answered with more than ${ANSWER_MAX_BYTES / 1024} KB, far more than a token; it was not read.`);
    let answer: z.infer<typeof TokenAnswer>;
    try {
      answer = TokenAnswer.parse(JSON.parse(text));
    } catch {
      throw failure('marketplace-unknown', `The ministry gateway's sign-in service answered in an unexpected way (HTTP ${response.status}).`);
    }
    onSecret(answer.access_token);
    const lifetimeMs = (answer.expires_in ?? DEFAULT_LIFETIME_S) * 1000;
    const at = now();
    current = { token: answer.access_token, expiresAt: at + lifetimeMs, refreshAt: at + lifetimeMs - refreshMargin(lifetimeMs) };
    return { token: current.token, expiresAt: current.expiresAt };
  }

  return {
    token() {
      if (current && now() < current.refreshAt) return Promise.resolve({ token: current.token, expiresAt: current.expiresAt });
      pending ??= fetchToken().finally(() => {
        pending = null;
      });
      return pending;
    },
    invalidate(stale) {
      // Concurrent sends that met the same 401 must not throw away the token the first of them already renewed.
      if (stale === undefined || current?.token === stale) current = null;
    },
  };
}

function codeAndMessage(error: { code: Parameters<typeof failure>[0]; message: string }): [Parameters<typeof failure>[0], string] {
  return [error.code, error.message];
}
