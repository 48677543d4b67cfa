// How the sandbox answers: JSON bodies (or an HTML page, as a careless gateway
// sends), and refusals thrown as an HttpFailure with the contract's error body.
import type http from 'node:http';
import type { z } from 'zod';
import type { ErrorBody } from './contract';

export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** An HTML page instead of a JSON body. */
  html?: string;
}

export class HttpFailure {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    readonly headers: Record<string, string> = {},
  ) {}
}

export const fail = (status: number, code: ErrorBody['code'], message: string, details?: ErrorBody['details']) =>
  new HttpFailure(status, { code, message, ...(details ? { details } : {}) });

export function issuesToDetails(error: z.ZodError): NonNullable<ErrorBody['details']> {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

export function send(res: http.ServerResponse, status: number, body?: unknown): void {
  if (body === undefined || status === 204) {
    res.writeHead(status).end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) }).end(text);
}

export function answer(res: http.ServerResponse, { status, body, headers, html }: Answer): void {
  for (const [k, v] of Object.entries(headers ?? {})) res.setHeader(k, v);
  if (html === undefined) return send(res, status, body);
  res.writeHead(status, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(html) }).end(html);
}
