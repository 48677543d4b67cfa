// The sandbox's HTTP server on 127.0.0.1: each request handed on with its
// whole body read, and a stop that drops open connections, so a restart on
// the same port looks to the client like a server that went away.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type OnRequest = (req: http.IncomingMessage, res: http.ServerResponse, url: URL, text: string) => void;

export function createListener(onRequest: OnRequest) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => onRequest(req, res, url, Buffer.concat(chunks).toString('utf8')));
  });

  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  return {
    /** Listens on `port` (0: any free one) and resolves with the port. */
    async listen(port: number): Promise<number> {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
          server.off('error', reject);
          resolve();
        });
      });
      return (server.address() as AddressInfo).port;
    },
    async stop(): Promise<void> {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
