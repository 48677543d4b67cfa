// The sandbox Marketplace against the golden exchanges: every golden request
// is answered exactly as the fixture says (accepted with its status and body,
// or refused with its error), on a fresh sandbox after the fixture's `given`
// requests. The sandbox reads the contract itself (sandbox/contract.ts), so
// these fixtures, not the client's code, are what it is held to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../electron/main/sandbox/sandbox-server';
import {
  goldens,
  givenRequest,
  GOLDEN_NETWORK_KEY,
  GOLDEN_OTHER_NETWORK_KEY,
  GOLDEN_PROGRAM_IDS,
  GOLDEN_SUBSCRIPTION_KEY,
  GOLDEN_TOKEN,
  type Golden,
  type GoldenDialect,
  type GoldenRequest,
} from '../support/golden';

const CLIENT_ID = 'golden-client';
const CLIENT_SECRET = 'golden-client-secret';

async function sandboxFor(dialect: GoldenDialect): Promise<Sandbox> {
  if (dialect === 'network') return startSandbox({ keys: [GOLDEN_NETWORK_KEY, GOLDEN_OTHER_NETWORK_KEY] });
  return startSandbox({
    dialect: 'gateway',
    gateway: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, subscriptionKey: GOLDEN_SUBSCRIPTION_KEY, programIds: { ...GOLDEN_PROGRAM_IDS } },
  });
}

/** A real token from the sandbox's token URL, put where the fixtures say `Bearer golden-token`. */
async function tokenOf(sandbox: Sandbox): Promise<string> {
  const response = await fetch(sandbox.tokenUrl, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  assert.equal(response.status, 200);
  return ((await response.json()) as { access_token: string }).access_token;
}

async function send(sandbox: Sandbox, request: GoldenRequest, token: string | null): Promise<{ status: number; body?: unknown }> {
  const headers: Record<string, string> = { ...request.headers };
  if (token && headers.authorization === `Bearer ${GOLDEN_TOKEN}`) headers.authorization = `Bearer ${token}`;
  if (request.body) headers['content-type'] = 'application/json';
  const response = await fetch(`${sandbox.url}${request.path}`, { method: request.method, headers, ...(request.body ? { body: JSON.stringify(request.body) } : {}), redirect: 'manual' });
  const text = await response.text();
  return { status: response.status, ...(text === '' ? {} : { body: JSON.parse(text) as unknown }) };
}

async function replay(g: Golden): Promise<{ status: number; body?: unknown }> {
  const sandbox = await sandboxFor(g.dialect);
  try {
    const token = g.dialect === 'gateway' ? await tokenOf(sandbox) : null;
    for (const given of g.given ?? []) {
      const before = await send(sandbox, givenRequest(g.dialect, given), token);
      assert.ok(before.status >= 200 && before.status < 300, `the given ${JSON.stringify(given)} of ${g.name} was answered ${before.status}: ${JSON.stringify(before.body)}`);
    }
    return await send(sandbox, g.request, token);
  } finally {
    await sandbox.close();
  }
}

for (const dialect of ['network', 'gateway'] as const) {
  const all = goldens(dialect);
  test(`${dialect}: the golden fixtures cover add, patch and delete of both offerings, a learning record, and errors`, () => {
    const names = all.map((g) => g.name);
    for (const name of ['class/add', 'class/patch', 'class/delete', 'online/add', 'online/patch', 'online/delete', 'record/add']) assert.ok(names.includes(name), `${dialect}/${name}`);
    const statuses = new Set(all.map((g) => g.response.status));
    for (const status of dialect === 'network' ? [400, 401, 403, 404, 409] : [400, 401]) assert.ok(statuses.has(status), `${dialect} has a golden ${status}`);
  });

  for (const g of all) {
    const accepted = g.response.status < 300;
    test(`${dialect} sandbox ${accepted ? 'accepts' : 'refuses'} ${g.name}: ${g.description}`, async () => {
      assert.deepEqual(await replay(g), g.response);
    });
  }
}

test('a refused golden request changes nothing: the sandbox holds what it held before', async (t) => {
  const sandbox = await sandboxFor('network');
  t.after(() => sandbox.close());
  for (const g of goldens('network').filter((g) => g.response.status >= 400 && g.request.method === 'POST' && g.name.startsWith('class/') && !g.given)) {
    assert.equal((await send(sandbox, g.request, null)).status, g.response.status, g.name);
  }
  assert.deepEqual(sandbox.listings(GOLDEN_NETWORK_KEY), []);
  assert.deepEqual(sandbox.listings('golden-unknown-network-key'), []);
});
