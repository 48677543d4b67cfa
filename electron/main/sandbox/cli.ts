// `npm run sandbox -- --port N [--keys a,b] [--latency MS] [--fail503 0.2] …`
import { parseArgs } from 'node:util';
import { startSandbox } from './sandbox-server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    keys: { type: 'string' },
    latency: { type: 'string', default: '0' },
    fail503: { type: 'string', default: '0' },
    timeout: { type: 'string', default: '0' },
    reset: { type: 'string', default: '0' },
    ratelimit: { type: 'string', default: '0' },
  },
});

function share(name: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) {
    console.error(`--${name} must be a share between 0 and 1, not “${value}”.`);
    process.exit(2);
  }
  return n;
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, not “${values.port}”.`);
  process.exit(2);
}

const sandbox = await startSandbox({
  port,
  ...(values.keys ? { keys: values.keys.split(',') } : {}),
  faults: {
    latencyMs: Number(values.latency) || 0,
    error503: share('fail503', values.fail503),
    timeout: share('timeout', values.timeout),
    resetAfterApply: share('reset', values.reset),
    rateLimit: share('ratelimit', values.ratelimit),
  },
});
console.log(`Offering Desk sandbox Marketplace: ${sandbox.baseUrl}`);
const stop = () => void sandbox.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
