// Faults the sandbox injects, by a roll of 0..1 per request: no answer at all
// (the client's timeout must fire), 503, 429 with Retry-After, the socket
// reset after the change is applied, an answer that echoes the request; plus
// latency and rejected offering ids, read where they act.
import type http from 'node:http';
import type { Answer } from './answer';

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

/** What a fault makes of a request: no answer, an answer in place of the real one, or the real one (its socket then reset, or not). */
export type Injected = { kind: 'silence' } | { kind: 'answer'; answer: Answer } | { kind: 'through'; resetAfterApply: boolean };

export interface RequestSeen {
  method: string;
  url: string | undefined;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export function injectedFault(faults: Faults, roll: number, { method, url, headers, text }: RequestSeen): Injected {
  let edge = faults.timeout;
  if (roll < edge) return { kind: 'silence' };
  if (roll < (edge += faults.error503)) return { kind: 'answer', answer: { status: 503, body: { code: 'internal', message: 'Service unavailable (injected).' } } };
  if (roll < (edge += faults.rateLimit)) {
    return { kind: 'answer', answer: { status: 429, headers: { 'retry-after': String(faults.retryAfterSeconds) }, body: { code: 'general', message: 'Too many requests (injected).' } } };
  }
  const resetAfterApply = roll < edge + faults.resetAfterApply;
  if (faults.echoRequest === 'off') return { kind: 'through', resetAfterApply };
  const echo = `${method} ${url} authorization: ${headers.authorization ?? ''} key: ${String(headers.key ?? '')} body: ${text}`;
  if (faults.echoRequest === 'json') {
    return { kind: 'answer', answer: { status: 400, body: { code: 'invalid', message: `Request refused: ${echo}`, details: [{ path: 'courseName', message: `cannot read ${text}` }] } } };
  }
  const page = `<html><body><h1>502 Bad Gateway</h1><pre>${echo.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)}</pre></body></html>`;
  return { kind: 'answer', answer: { status: 502, html: page } };
}
