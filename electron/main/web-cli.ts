// `npm run web -- --port N`: the app in a browser, for tests and for trying it
// on machines without Electron. Same catalogue, keychain and Marketplace code.
import path from 'node:path';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createServices, optionsFromEnv } from './services';
import { createHandlers } from './handlers';
import { startWebBridge } from './web-bridge';
import { configureFileLog } from './platform/logging';
import log from 'electron-log/node';

// `--now 2027-04-16T18:00:00Z` starts the clock at that moment (it then runs on):
// to try, or test, what happens after a class without waiting for it.
const { values } = parseArgs({ options: { port: { type: 'string', default: '0' }, now: { type: 'string' } } });
const offset = values.now === undefined ? 0 : Date.parse(values.now) - Date.now();
if (Number.isNaN(offset)) {
  console.error(`--now must be a date and time such as 2027-04-16T18:00:00Z, not “${values.now}”.`);
  process.exit(2);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number (0 picks a free one), not “${values.port}”.`);
  process.exit(2);
}

const here = path.dirname(fileURLToPath(import.meta.url));
const options = optionsFromEnv(path.join(os.homedir(), '.offering-desk'));
let secrets: () => readonly string[] = () => [];
configureFileLog(log, { dir: path.join(options.dataDir, 'logs'), secrets: () => secrets() });
log.transports.console.level = false;
const services = createServices({ ...options, log, ...(offset ? { clock: { now: () => new Date(Date.now() + offset) } } : {}) });
secrets = () => services.credentials.knownSecrets();
void services.warmKeychain();
const bridge = await startWebBridge({ handlers: createHandlers(services), events: services.events, rendererDir: path.resolve(here, '../../out/renderer'), port, log });
void services.queue.kick();
console.log(`Offering Desk web: ${bridge.url}`);

async function shutdown(): Promise<void> {
  await bridge.close();
  await services.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
