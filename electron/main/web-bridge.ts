// Serves the built renderer and the same IPC handler map over loopback, for
// browser tests. Loopback only, random token, Host checked against rebinding.
import { UNKNOWN_REQUEST } from '../../shared/channels';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { CHANNELS, type DeskEvent } from '../../shared/ipc';
import { contentSecurityPolicy } from './shell/security';
import type { Handlers } from '../../shared/ipc';
import { dispatch } from './ipc/dispatch';
import { silentLog, type AppLog } from './platform/logging';
import { rendererFileFor, safeDecode } from './platform/renderer-files';

/** Requests above this are refused unread: no call of the contract comes near it. */
export const MAX_REQUEST_BYTES = 1024 * 1024;

/** The body as text, or 'too-large' as soon as it passes MAX_REQUEST_BYTES (the rest is discarded). */
function readBody(req: http.IncomingMessage): Promise<string | 'too-large'> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > MAX_REQUEST_BYTES) {
      req.resume();
      resolve('too-large');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        over = true;
        chunks.length = 0;
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Browsers refuse keepalive requests past 64 KiB in flight together; a draft is far smaller. Larger calls (a schedule file) go without. */
export const KEEPALIVE_MAX_BYTES = 48 * 1024;

/** Plays the preload's part in a browser: `window.api.invoke` over fetch. */
function bridgeScript(): string {
  return `(() => {
  const token = new URLSearchParams(location.search).get('token') || sessionStorage.getItem('desk-token') || '';
  sessionStorage.setItem('desk-token', token);
  const channels = new Set(${JSON.stringify(CHANNELS)});
  const eventListeners = [];
  let source = null;
  const api = {
    onEvent(listener) {
      eventListeners.push(listener);
      // One server-sent event stream stands in for Electron's pushed events (EventSource cannot send headers: the token goes in the query).
      if (!source) {
        source = new EventSource('/api/events?token=' + encodeURIComponent(token));
        source.onmessage = (m) => { const event = JSON.parse(m.data); for (const l of eventListeners) l(event); };
      }
    },
    async invoke(channel, request) {
      if (!channels.has(channel)) return { ok: false, error: { code: 'bad-request', message: ${JSON.stringify(UNKNOWN_REQUEST)} } };
      try {
        const body = JSON.stringify(request ?? {});
        // keepalive lets a call made as the page goes (the form's last save on pagehide) outlive it; browsers allow it for small bodies only.
        const res = await fetch('/api/' + encodeURIComponent(channel), { method: 'POST', headers: { 'content-type': 'application/json', 'x-desk-token': token }, body, keepalive: new Blob([body]).size <= ${KEEPALIVE_MAX_BYTES} });
        return await res.json();
      } catch (e) {
        return { ok: false, error: { code: 'internal', message: 'Offering Desk is not running.' } };
      }
    },
  };
  Object.defineProperty(window, 'api', { value: Object.freeze(api) });
})();`;
}

export interface WebBridge {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface BridgeOptions {
  handlers: Handlers;
  rendererDir: string;
  /** Where the main process's pushed events come from; the page reads them as server-sent events. */
  events?: { subscribe(listener: (event: DeskEvent) => void): () => void };
  port?: number;
  log?: AppLog;
}

export async function startWebBridge({ handlers, rendererDir, events, port = 0, log = silentLog }: BridgeOptions): Promise<WebBridge> {
  const token = randomBytes(24).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const indexHtml = fs
    .readFileSync(path.join(rendererDir, 'index.html'), 'utf8')
    .replace('<head>', '<head>\n    <script src="/__bridge.js"></script>');
  let actualPort = port;

  const headers = { 'content-security-policy': contentSecurityPolicy({ connectSelf: true }), 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' };

  function answerError(res: http.ServerResponse, status: number, message: string): void {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.writeHead(status, { ...headers, 'content-type': 'application/json', connection: 'close' }).end(JSON.stringify({ ok: false, error: { code: 'bad-request', message } }));
  }

  const tokenMatches = (value: unknown) => {
    const given = Buffer.from(String(value ?? ''));
    return given.length === tokenBytes.length && timingSafeEqual(given, tokenBytes);
  };

  function serveEvents(req: http.IncomingMessage, res: http.ServerResponse, query: URLSearchParams): void {
    if (req.method !== 'GET' || !tokenMatches(query.get('token')) || !events) {
      answerError(res, 403, 'Forbidden');
      return;
    }
    res.writeHead(200, { ...headers, 'content-type': 'text/event-stream', connection: 'keep-alive' });
    res.write(': connected\n\n');
    const unsubscribe = events.subscribe((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
    req.on('close', unsubscribe);
  }

  async function serveApi(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): Promise<void> {
    if (req.method !== 'POST' || !tokenMatches(req.headers['x-desk-token'])) {
      answerError(res, 403, 'Forbidden');
      return;
    }
    const channel = safeDecode(pathname.slice(5));
    if (channel === null) {
      answerError(res, 400, 'The request address is not valid.');
      return;
    }
    const body = await readBody(req);
    if (body === 'too-large') {
      answerError(res, 413, `The request is larger than ${MAX_REQUEST_BYTES / 1024 / 1024} MB.`);
      return;
    }
    let request: unknown = {};
    // Only an empty body means "no arguments"; anything else must be JSON.
    if (body.trim() !== '') {
      try {
        request = JSON.parse(body);
      } catch {
        answerError(res, 400, 'The request body is not valid JSON; nothing was done.');
        return;
      }
    }
    const result = await dispatch(handlers, channel, request, (e) => log.error('Unexpected error in a request', e));
    res.writeHead(200, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify(result));
  }

  function serveStatic(res: http.ServerResponse, pathname: string): void {
    if (pathname === '/__bridge.js') {
      res.writeHead(200, { ...headers, 'content-type': TYPES['.js']! }).end(bridgeScript());
      return;
    }
    if (pathname === '/' || pathname === '/index.html') {
      res.writeHead(200, { ...headers, 'content-type': TYPES['.html']! }).end(indexHtml);
      return;
    }
    const found = rendererFileFor(rendererDir, pathname);
    if (!found.ok) {
      res.writeHead(found.status).end(found.status === 400 ? 'Bad request' : 'Not found');
      return;
    }
    if (!fs.existsSync(found.file) || !fs.statSync(found.file).isFile()) {
      res.writeHead(404).end('Not found');
      return;
    }
    res.writeHead(200, { ...headers, 'content-type': TYPES[path.extname(found.file)] ?? 'application/octet-stream' });
    fs.createReadStream(found.file).pipe(res);
  }

  const server = http.createServer((req, res) => {
    // The catch-all: whatever a request contains, it is answered and the process stays up.
    void (async () => {
      if (req.headers.host !== `127.0.0.1:${actualPort}` && req.headers.host !== `localhost:${actualPort}`) {
        res.writeHead(421).end('Wrong host');
        return;
      }
      let url: URL;
      try {
        url = new URL(req.url ?? '/', 'http://127.0.0.1');
      } catch {
        answerError(res, 400, 'The request address is not valid.');
        return;
      }
      const pathname = url.pathname;
      if (pathname === '/api/events') serveEvents(req, res, url.searchParams);
      else if (pathname.startsWith('/api/')) await serveApi(req, res, pathname);
      else serveStatic(res, pathname);
    })().catch((e: unknown) => {
      log.error('Unexpected error while answering a request', e);
      answerError(res, 500, 'Something went wrong inside Offering Desk. Your work is saved; please try again.');
    });
  });
  // Malformed HTTP never reaches the handler; answer it instead of letting it raise.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  actualPort = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actualPort}/?token=${token}`,
    port: actualPort,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
