// Serves the built renderer and the same IPC handler map over loopback, for
// browser tests. Loopback only, random token, Host checked against rebinding.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { CHANNELS } from '../../shared/ipc';
import { contentSecurityPolicy } from './security';
import { dispatch, type Handlers } from './handlers';
import { silentLog, type AppLog } from './logging';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Plays the preload's part in a browser: `window.api.invoke` over fetch. */
function bridgeScript(): string {
  return `(() => {
  const token = new URLSearchParams(location.search).get('token') || sessionStorage.getItem('desk-token') || '';
  sessionStorage.setItem('desk-token', token);
  const channels = new Set(${JSON.stringify(CHANNELS)});
  const api = {
    async invoke(channel, request) {
      if (!channels.has(channel)) return { ok: false, error: { code: 'bad-request', message: 'Unknown request ' + channel } };
      try {
        const res = await fetch('/api/' + encodeURIComponent(channel), { method: 'POST', headers: { 'content-type': 'application/json', 'x-desk-token': token }, body: JSON.stringify(request ?? {}) });
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

export async function startWebBridge({ handlers, rendererDir, port = 0, log = silentLog }: { handlers: Handlers; rendererDir: string; port?: number; log?: AppLog }): Promise<WebBridge> {
  const token = randomBytes(24).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const indexHtml = fs
    .readFileSync(path.join(rendererDir, 'index.html'), 'utf8')
    .replace('<head>', '<head>\n    <script src="/__bridge.js"></script>');
  const root = path.resolve(rendererDir);
  let actualPort = port;

  const headers = { 'content-security-policy': contentSecurityPolicy({ connectSelf: true }), 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.headers.host !== `127.0.0.1:${actualPort}` && req.headers.host !== `localhost:${actualPort}`) {
      res.writeHead(421).end('Wrong host');
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      const given = Buffer.from(String(req.headers['x-desk-token'] ?? ''));
      if (req.method !== 'POST' || given.length !== tokenBytes.length || !timingSafeEqual(given, tokenBytes)) {
        res.writeHead(403, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: { code: 'bad-request', message: 'Forbidden' } }));
        return;
      }
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        let body: unknown;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
        } catch {
          body = undefined;
        }
        const result = await dispatch(handlers, decodeURIComponent(url.pathname.slice(5)), body, (e) => log.error('Unexpected error in a request', e));
        res.writeHead(200, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify(result));
      });
      return;
    }
    if (url.pathname === '/__bridge.js') {
      res.writeHead(200, { ...headers, 'content-type': TYPES['.js']! }).end(bridgeScript());
      return;
    }
    if (url.pathname === '/' || url.pathname === '/index.html') {
      res.writeHead(200, { ...headers, 'content-type': TYPES['.html']! }).end(indexHtml);
      return;
    }
    const file = path.resolve(root, `.${decodeURIComponent(url.pathname)}`);
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end('Not found');
      return;
    }
    res.writeHead(200, { ...headers, 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
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
