// The web bridge over real services (a real catalogue, the real keychain under
// a test service name, the embedded sandbox), as the browser tests use it.
import fs from 'node:fs';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { createServices, type ServiceOptions } from '../../electron/main/services';
import { createHandlers } from '../../electron/main/handlers';
import { startWebBridge } from '../../electron/main/web-bridge';
import { silentLog } from '../../electron/main/platform/logging';
import { tempDir, uniqueKeychainService } from './helpers';

export async function bridgeWithServices(t: TestContext, options: Partial<ServiceOptions> = {}) {
  const rendererDir = tempDir();
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><html><head><title>x</title></head><body></body></html>');
  const services = createServices({ dataDir: tempDir(), keychainService: uniqueKeychainService(), ...options });
  // Unexpected errors are kept so a test can show them (the app itself writes them to its log file).
  const unexpected: string[] = [];
  const log = { ...silentLog, error: (...args: unknown[]) => unexpected.push(args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : String(a))).join(' ')) };
  const web = await startWebBridge({ handlers: createHandlers(services), events: services.events, rendererDir, log });
  t.after(async () => {
    await web.close();
    await services.credentials.forget().catch(() => undefined);
    await services.close();
  });
  const url = new URL(web.url);
  const token = url.searchParams.get('token')!;
  /** POSTs `body` as given: a string is sent raw, anything else as JSON. */
  const api = (channel: string, body: unknown, headers: Record<string, string> = { 'x-desk-token': token }) =>
    fetch(`${url.origin}/api/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { web, url, token, api, services, rendererDir, unexpected };
}
