// `npm run web -- --port N`: the app in a browser, for tests and for trying it
// on machines without Electron. Same catalogue, keychain and Marketplace code.
import path from 'node:path';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createServices, optionsFromEnv } from './services';
import { createHandlers } from './handlers';
import { startWebBridge } from './web-bridge';

const { values } = parseArgs({ options: { port: { type: 'string', default: '0' } } });
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number (0 picks a free one), not “${values.port}”.`);
  process.exit(2);
}

const here = path.dirname(fileURLToPath(import.meta.url));
const services = createServices(optionsFromEnv(path.join(os.homedir(), '.offering-desk')));
const bridge = await startWebBridge({ handlers: createHandlers(services), rendererDir: path.resolve(here, '../../out/renderer'), port });
void services.queue.kick();
console.log(`Offering Desk web: ${bridge.url}`);

async function shutdown(): Promise<void> {
  await bridge.close();
  await services.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
