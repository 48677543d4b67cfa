// `npm run sandbox -- --port N [--dialect network|gateway] [--token-ttl SECONDS] [--keys a,b] [--latency MS] [--fail503 0.2] …`
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { startSandbox, exampleProgramIds } from './sandbox-server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    keys: { type: 'string' },
    latency: { type: 'string', default: '0' },
    fail503: { type: 'string', default: '0' },
    timeout: { type: 'string', default: '0' },
    reset: { type: 'string', default: '0' },
    ratelimit: { type: 'string', default: '0' },
    dialect: { type: 'string', default: 'network' },
    'token-ttl': { type: 'string', default: '3600' },
    'client-id': { type: 'string', default: 'offering-desk-sandbox' },
    'client-secret': { type: 'string' },
    'subscription-key': { type: 'string' },
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

if (values.dialect !== 'network' && values.dialect !== 'gateway') {
  console.error(`--dialect must be network or gateway, not “${values.dialect}”.`);
  process.exit(2);
}
const tokenTtl = Number(values['token-ttl']);
if (!Number.isInteger(tokenTtl) || tokenTtl < 1) {
  console.error(`--token-ttl must be a whole number of seconds, not “${values['token-ttl']}”.`);
  process.exit(2);
}
const dialect = values.dialect;
const gateway = {
  clientId: values['client-id']!,
  clientSecret: values['client-secret'] ?? randomBytes(18).toString('base64url'),
  subscriptionKey: values['subscription-key'] ?? randomBytes(16).toString('hex'),
  programIds: exampleProgramIds(),
};

const sandbox = await startSandbox({
  port,
  dialect,
  tokenTtlSeconds: tokenTtl,
  ...(dialect === 'gateway' ? { gateway } : {}),
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
if (dialect === 'gateway') {
  // A local test double's made-up credentials, printed so a person can paste them into Settings.
  console.log(`Token URL: ${sandbox.tokenUrl}`);
  console.log(`Client ID: ${gateway.clientId}\nClient secret: ${gateway.clientSecret}\nSubscription key: ${gateway.subscriptionKey}`);
  console.log(`Program IDs: ${Object.entries(gateway.programIds).map(([id, key]) => `${key} → ${id}`).join(', ')}`);
}
const stop = () => void sandbox.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
