// One HTTP exchange with a server the desk does not control (the Marketplace,
// the gateway and its token endpoint): it never follows a redirect, one
// deadline covers the whole exchange, the answer's body included, and at most
// ANSWER_MAX_BYTES of that body are read. A 600 MB answer held whole would take
// the main process down (no string can be that long), at every start while its
// change waits; an endless one would be buffered until the deadline.
//
// node:http rather than fetch: the queue makes one call per change on the main
// thread (every window waits in Electron), and fetch's streams and headers
// objects cost about twice the CPU per call.
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';

/** The most of an answer's body read: error bodies and token answers are a few KB; the call log keeps 4,000 characters. */
export const ANSWER_MAX_BYTES = 256 * 1024;

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body as read, at most ANSWER_MAX_BYTES of it. */
  text: string;
  /** Why the body is not whole: it was longer than the cap, or still coming at the deadline. */
  cut: 'size' | 'time' | null;
}

export interface HttpRequest {
  method: 'POST' | 'PATCH' | 'DELETE';
  url: string;
  headers: Record<string, string | number>;
  body?: string;
}

// Connections are kept open between calls: a batch sends hundreds through one or a few sockets.
const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

export function httpExchange({ method, url, headers, body }: HttpRequest, timeoutMs: number): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    let settled = false;
    let answer: { status: number; headers: IncomingHttpHeaders; chunks: Buffer[]; bytes: number } | null = null;

    /** The answer as read so far; the rest of the body is not wanted, so the socket closes (never back to the pool half-read). */
    function finish(cut: HttpAnswer['cut']): void {
      if (settled || !answer) return;
      settled = true;
      clearTimeout(timer);
      if (cut !== null) req.destroy();
      resolve({ status: answer.status, headers: answer.headers, text: Buffer.concat(answer.chunks).toString('utf8'), cut });
    }
    function fail(e: unknown): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(e);
    }

    const req = (secure ? https : http).request(target, { method, headers, agent: secure ? agents.https : agents.http }, (res) => {
      answer = { status: res.statusCode ?? 0, headers: res.headers, chunks: [], bytes: 0 };
      const read = answer;
      res.on('data', (chunk: Buffer) => {
        if (settled) return;
        const room = ANSWER_MAX_BYTES - read.bytes;
        read.chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
        read.bytes += Math.min(chunk.length, room);
        if (chunk.length > room) finish('size');
      });
      res.on('end', () => finish(null));
      res.on('error', fail);
    });
    // Before the status line, the deadline is a timeout; after it, the status is the answer and the body is what came.
    const timer = setTimeout(() => {
      if (answer) return finish('time');
      req.destroy(Object.assign(new Error(`No answer within ${timeoutMs} ms`), { name: 'TimeoutError' }));
    }, timeoutMs);
    req.on('error', fail);
    req.end(body);
  });
}
