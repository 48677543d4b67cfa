// Which failed calls stop every send, which are tried again, and when: the
// same rules for every kind of job. Pure: the time and the random source come in.
import type { AppError } from '../../../shared/errors';

/** Problems with the connection itself, which only the user can fix in Settings: every send stops. */
const PAUSING = new Set<AppError['code']>(['marketplace-unauthorized', 'marketplace-redirect', 'gateway-refused']);
/** Problems of the moment (the server, its answer's time, the network): the same call goes again later. */
const RETRYABLE = new Set<AppError['code']>(['marketplace-server', 'marketplace-timeout', 'marketplace-unreachable']);

export const isPausing = (code: AppError['code']): boolean => PAUSING.has(code);
export const isRetryable = (code: AppError['code']): boolean => RETRYABLE.has(code);

export interface Backoff {
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Exponential backoff with full jitter: a random delay in [0, min(cap, base·2^attempt)). */
export function backoffDelay(attempt: number, baseMs: number, capMs: number, random: () => number): number {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** attempt));
}

/** The next try, `step` backoffs after `nowMs`: a step is a failure, or an unanswered send in a row while offline. */
export function nextTryAt(nowMs: number, step: number, backoff: Backoff, random: () => number): string {
  return new Date(nowMs + backoffDelay(step, backoff.baseDelayMs, backoff.maxDelayMs, random)).toISOString();
}

/** When a 429 allows the next try: its Retry-After, or five seconds. */
export function rateLimitedUntil(nowMs: number, error: AppError): string {
  return new Date(nowMs + (error.retryAfterSeconds ?? 5) * 1000).toISOString();
}
