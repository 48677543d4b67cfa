// Both connections end to end against the sandbox over real HTTP: the network
// API and the ministry gateway (tokens, subscription key, program IDs), for
// class and online offerings, through the IPC handlers as the window uses them.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { ServiceOptions } from '../../electron/main/services';
import { gatewaySettings, testServices } from '../support/services';
import { createHandlers } from '../../electron/main/handlers';
import { dispatch } from '../../electron/main/ipc/dispatch';
import { startSandbox, type GatewayAccount, type Sandbox } from '../../electron/main/sandbox/sandbox-server';
import { refreshMargin } from '../../electron/main/marketplace/gateway-token';
import type { AppLog } from '../../electron/main/platform/logging';
import { filesContaining, networkKey, validDraft, validOnlineDraft, waitFor } from '../support/helpers';
import { MovableClock } from '../support/roster';

function account(): GatewayAccount {
  return {
    clientId: `provider-${randomBytes(3).toString('hex')}`,
    clientSecret: `cs-${randomBytes(16).toString('hex')}`,
    subscriptionKey: randomBytes(16).toString('hex'),
    programIds: { 'WAH-10083': 'WAH-E-I', 'JHSC-2014-1-10096': 'JHSC-2014-1-E-I', 'JHSC-2014-1-10097': 'JHSC-2014-1-E-O' },
  };
}

/** Every line the app logs, to check no secret reaches the log. */
function memoryLog(): AppLog & { lines: string[] } {
  const lines: string[] = [];
  const keep = (...args: unknown[]) => lines.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
  return { lines, info: keep, warn: keep, error: keep };
}

async function servicesFor(t: TestContext, options: Partial<ServiceOptions> = {}) {
  const log = memoryLog();
  const { services } = testServices(t, { requestTimeoutMs: 2000, log, queue: { baseDelayMs: 10, maxDelayMs: 50 }, ...options });
  const handlers = createHandlers(services);
  const ipc = async (channel: string, request: unknown) => {
    const result = await dispatch(handlers, channel, request);
    return { result, text: JSON.stringify(result) };
  };
  return { services, ipc, log };
}

async function gatewaySetup(t: TestContext, { ttl, concurrency, clock }: { ttl?: number; concurrency?: number; clock?: MovableClock } = {}) {
  const acct = account();
  const sandbox = await startSandbox({ dialect: 'gateway', gateway: acct, ...(ttl ? { tokenTtlSeconds: ttl } : {}) });
  t.after(() => sandbox.close());
  const { services, ipc, log } = await servicesFor(t, { ...(concurrency ? { queue: { baseDelayMs: 10, maxDelayMs: 50, concurrency } } : {}), ...(clock ? { clock } : {}) });
  const saved = await ipc('settings:save', gatewaySettings(sandbox, acct, { 'WAH-E-I': 'WAH-10083', 'JHSC-2014-1-E-I': 'JHSC-2014-1-10096', 'JHSC-2014-1-E-O': 'JHSC-2014-1-10097' }));
  assert.equal(saved.result.ok, true, saved.text);
  return { acct, sandbox, services, ipc, log };
}

async function publishAndDrain(services: Awaited<ReturnType<typeof servicesFor>>['services'], draft = validDraft()) {
  const record = services.catalogue.publish(null, draft);
  await services.queue.drain();
  return services.catalogue.get(record.id);
}

test('network API: list, patch and delete a class offering and an online offering', async (t) => {
  const key = networkKey();
  const sandbox = await startSandbox({ keys: [key] });
  t.after(() => sandbox.close());
  const { services, ipc } = await servicesFor(t, { marketplaceUrlPreset: sandbox.baseUrl });
  assert.equal((await ipc('settings:save', { networkKey: key })).result.ok, true);

  const cls = await publishAndDrain(services);
  const online = await publishAndDrain(services, validOnlineDraft());
  assert.deepEqual([cls.status, online.status, online.listedVia], ['published', 'published', 'network']);
  assert.equal(sandbox.listings(key).length, 1);
  assert.deepEqual(sandbox.onlineListings(key), [
    { offeringId: online.draft.offeringId, trainingStandardKey: 'JHSC-2014-1-E-O', courseName: 'JHSC Part One — online', courseDuration: 2.5, contactForPricing: false, price: 199, externalRegistrationUrl: 'https://training.example.ca/register/jhsc-online' },
  ]);
  assert.ok(sandbox.requests().some((r) => r.method === 'POST' && r.path === '/api-v2/online-offerings'));

  services.catalogue.publish(online.id, { ...online.draft, courseDurationHours: 4, contactForPricing: true });
  await services.queue.drain();
  assert.deepEqual(sandbox.requests().at(-1), { method: 'PATCH', path: `/api-v2/online-offerings/${online.draft.offeringId}`, body: { courseDuration: 4, contactForPricing: true, price: null }, status: 204 });
  assert.equal(sandbox.onlineListings(key)[0]!.courseDuration, 4);
  assert.equal('price' in sandbox.onlineListings(key)[0]!, false);

  services.catalogue.delete(online.id);
  services.catalogue.delete(cls.id);
  await services.queue.drain();
  assert.deepEqual([sandbox.listings(key), sandbox.onlineListings(key)], [[], []]);
  assert.ok(sandbox.requests().some((r) => r.method === 'DELETE' && r.path === `/api-v2/online-offerings/${online.draft.offeringId}`));
});

test('ministry gateway: list, patch and delete a class and an online offering with a bearer token, the key header and program IDs', async (t) => {
  const { acct, sandbox, services } = await gatewaySetup(t);
  const cls = await publishAndDrain(services);
  const online = await publishAndDrain(services, validOnlineDraft());
  assert.deepEqual([cls.status, cls.listedVia, online.status, online.listedVia], ['published', 'gateway', 'published', 'gateway']);
  assert.equal(sandbox.listings(acct.clientId)[0]!.trainingStandardKey, 'WAH-10083' as never, 'the program ID is sent instead of the standard');
  assert.equal(sandbox.onlineListings(acct.clientId)[0]!.trainingStandardKey, 'JHSC-2014-1-10097' as never);
  const posts = sandbox.requests().filter((r) => r.method === 'POST');
  assert.deepEqual(posts.map((r) => r.path), ['/gateway/ClassOffering', '/gateway/OnlineOffering']);
  assert.ok(posts.every((r) => r.body && !('networkKey' in r.body)), 'offering bodies carry no networkKey');

  services.catalogue.setSeats(cls.id, 3);
  await services.queue.drain();
  assert.deepEqual(sandbox.requests().at(-1), { method: 'PATCH', path: `/gateway/ClassOffering/${cls.draft.offeringId}`, body: { seatsRemaining: 3 }, status: 204 });
  services.catalogue.publish(online.id, { ...online.draft, courseName: 'JHSC Part One — online, new edition' });
  await services.queue.drain();
  assert.equal(sandbox.onlineListings(acct.clientId)[0]!.courseName, 'JHSC Part One — online, new edition');

  services.catalogue.delete(cls.id);
  services.catalogue.delete(online.id);
  await services.queue.drain();
  assert.deepEqual([sandbox.listings(acct.clientId), sandbox.onlineListings(acct.clientId)], [[], []]);
  assert.equal(sandbox.tokenRequests(), 1, 'one token for all of it');
});

test('gateway tokens: one token request for 50 publishes at once, a refresh shortly before expiry', async (t) => {
  const clock = new MovableClock();
  const { acct, sandbox, services } = await gatewaySetup(t, { ttl: 3, clock });
  const ids = Array.from({ length: 50 }, () => services.catalogue.save(null, validDraft()).id);
  services.catalogue.publishMany(ids);
  await services.queue.drain();
  assert.equal(sandbox.listings(acct.clientId).length, 50);
  assert.equal(sandbox.tokenRequests(), 1, 'concurrent sends share one token request');

  // A 3-second token is renewed 1.5 s before it expires: no call ever meets an expired token.
  assert.equal(refreshMargin(3000), 1500);
  // The app's clock 1.6 s on: the token is judged by it, not by the computer's.
  clock.set(new Date(clock.now().getTime() + 1600).toISOString());
  await publishAndDrain(services);
  assert.equal(sandbox.tokenRequests(), 2, 'renewed by the app clock');
  assert.equal(sandbox.requests().filter((r) => r.status === 401).length, 0);
  assert.equal(refreshMargin(12 * 3600 * 1000), 60_000, 'a 12-hour token is renewed a minute before');
});

test('gateway: a 401 in the middle of publishing fetches one new token and retries each call once', async (t) => {
  const { acct, sandbox, services } = await gatewaySetup(t, { concurrency: 4 });
  await publishAndDrain(services);
  sandbox.revokeTokens();
  const ids = Array.from({ length: 8 }, () => services.catalogue.save(null, validDraft()).id);
  services.catalogue.publishMany(ids);
  await services.queue.drain();
  assert.equal(sandbox.listings(acct.clientId).length, 9, 'every offering listed');
  assert.equal(services.queue.status().paused, null);
  assert.ok(sandbox.requests().some((r) => r.status === 401), 'the revoked token was refused');
  assert.equal(sandbox.tokenRequests(), 2, 'refreshed once, shared by the concurrent sends');
});

test('gateway: a wrong client secret pauses the queue with a plain message, and nothing is listed', async (t) => {
  const { acct, sandbox, services, ipc } = await gatewaySetup(t);
  assert.equal((await ipc('settings:save', { clientSecret: 'not-the-secret' })).result.ok, true);
  const record = services.catalogue.publish(null, validDraft());
  void services.queue.kick();
  const paused = await waitFor(() => services.queue.status().paused, { what: 'the queue to pause' });
  assert.deepEqual([paused.code, paused.message], ['gateway-refused', 'The ministry gateway refused the client id or secret — check Settings.']);
  assert.equal(services.catalogue.get(record.id).status, 'waiting');
  assert.equal(services.catalogue.get(record.id).listedVia, null, 'never sent: not in doubt');
  assert.deepEqual(sandbox.listings(acct.clientId), []);

  const tested = await ipc('connection:test', {});
  assert.equal(tested.result.ok, false);
  assert.match(tested.text, /refused the client id or secret/);
  assert.equal((await ipc('settings:save', { clientSecret: acct.clientSecret })).result.ok, true, 'saving the right secret resumes');
  await services.queue.drain();
  assert.equal(services.catalogue.get(record.id).status, 'published');
});

test('Test connection: fetches a token (gateway) or proves the key (network API), and never lists anything', async (t) => {
  const { acct, sandbox, ipc } = await gatewaySetup(t);
  const ok = await ipc('connection:test', {});
  assert.deepEqual(ok.result, { ok: true, value: { connection: 'gateway', message: 'Connected: the ministry gateway accepted the client id and secret and issued a token.' } });
  assert.equal(sandbox.tokenRequests(), 1);
  assert.deepEqual(sandbox.requests(), [], 'no offering call');
  assert.deepEqual(sandbox.listings(acct.clientId), []);

  const key = networkKey();
  const network = await startSandbox({ keys: [key] });
  t.after(() => network.close());
  const n = await servicesFor(t, { marketplaceUrlPreset: network.baseUrl });
  await n.ipc('settings:save', { networkKey: key });
  assert.deepEqual((await n.ipc('connection:test', {})).result, { ok: true, value: { connection: 'network', message: 'Connected: the Marketplace accepted the network key.' } });
  await n.ipc('settings:save', { networkKey: networkKey() });
  const refused = await n.ipc('connection:test', {});
  assert.equal(refused.result.ok, false);
  assert.match(refused.text, /marketplace-unauthorized.*did not accept your network key/);
  assert.deepEqual(network.listings(key), []);
});

test('program IDs: sent instead of the standard on the gateway; a standard without one is refused at the field', async (t) => {
  const { services, ipc } = await gatewaySetup(t);
  const jhsc2 = validDraft({ trainingStandardKey: 'JHSC-2014-2-E-I', classDays: validDraft().classDays });
  const refused = await ipc('offerings:publish', { id: null, draft: jhsc2 });
  assert.equal(refused.result.ok, false);
  const error = (refused.result as { ok: false; error: { fields: { path: string; code: string }[] } }).error;
  assert.deepEqual(error.fields.map((f) => [f.path, f.code]), [['trainingStandardKey', 'programId.missing']]);
  assert.deepEqual(services.catalogue.list(), [], 'nothing saved or queued');

  const badId = await ipc('settings:save', { programIds: { 'JHSC-2014-2-E-I': 'has spaces' } });
  assert.equal(badId.result.ok, false);
  assert.match(badId.text, /programIds\.JHSC-2014-2-E-I/);
  assert.equal((await ipc('settings:save', { programIds: { 'JHSC-2014-2-E-I': 'JHSC-2014-2-10099' } })).result.ok, true);
  assert.deepEqual(services.settings.programIds(), { 'JHSC-2014-2-E-I': 'JHSC-2014-2-10099' }, 'the table is saved as a whole');
});

test('the client secret, subscription key and tokens are in no file, log line or IPC answer', async (t) => {
  const { acct, services, ipc, log } = await gatewaySetup(t);
  await publishAndDrain(services);
  await publishAndDrain(services, validOnlineDraft());
  await ipc('connection:test', {});
  const view = await ipc('settings:get', {});
  const answers = [view.text, (await ipc('offerings:page', {})).text, (await ipc('activity:list', {})).text];
  for (const secret of [acct.clientSecret, acct.subscriptionKey]) {
    assert.deepEqual(filesContaining(services.dataDir, secret), [], 'no file');
    assert.ok(!log.lines.some((l) => l.includes(secret)), 'no log line');
    assert.ok(!answers.some((a) => a.includes(secret)), 'no IPC answer');
  }
  assert.match(view.text, new RegExp(`"subscriptionKey":\\{"set":true,"last4":"${acct.subscriptionKey.slice(-4)}"\\}`));
  assert.ok(!log.lines.some((l) => /Bearer|access_token/.test(l)), 'no token in the log');
});

test('switching connection: listings remember who made them, the other connection is refused, and can remove them first', async (t) => {
  const { acct, sandbox, services, ipc } = await gatewaySetup(t);
  const listed = await publishAndDrain(services);
  assert.equal(listed.listedVia, 'gateway');

  const key = networkKey();
  const network = await startSandbox({ keys: [key] });
  t.after(() => network.close());
  await ipc('settings:save', { connection: 'network', marketplaceUrl: network.baseUrl, networkKey: key });
  const view = (await ipc('settings:get', {})).result as { ok: true; value: { listedVia: { network: number; gateway: number } } };
  assert.deepEqual(view.value.listedVia, { network: 0, gateway: 1 });

  services.catalogue.setSeats(listed.id, 2);
  await services.queue.drain();
  const held = services.catalogue.get(listed.id);
  assert.deepEqual([held.status, held.error?.code], ['failed', 'other-connection']);
  assert.match(held.error!.message, /listed through the Ontario ministry gateway; switch back/);
  assert.deepEqual(network.requests(), [], 'nothing went to the other connection');

  const wrongSide = await ipc('offerings:removeListedVia', { connection: 'gateway' });
  assert.equal(wrongSide.result.ok, false);
  await ipc('settings:save', { connection: 'gateway' });
  assert.deepEqual((await ipc('offerings:removeListedVia', { connection: 'gateway' })).result, { ok: true, value: { deleting: 1 } });
  await services.queue.drain();
  assert.deepEqual(sandbox.listings(acct.clientId), []);
  assert.equal(services.catalogue.list().length, 0, 'removed from the Marketplace, then to the Trash');
});

test('the sandbox gateway refuses a missing token, a wrong subscription key, a networkKey in the body and an unknown program ID', async (t) => {
  const acct = account();
  const sandbox: Sandbox = await startSandbox({ dialect: 'gateway', gateway: acct });
  t.after(() => sandbox.close());
  const token = (await (await fetch(sandbox.tokenUrl, { method: 'POST', headers: { authorization: `Basic ${Buffer.from(`${acct.clientId}:${acct.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' })).json()) as { access_token: string; expires_in: number };
  assert.equal(token.expires_in, 3600);
  const wrongSecret = await fetch(sandbox.tokenUrl, { method: 'POST', headers: { authorization: `Basic ${Buffer.from(`${acct.clientId}:nope`).toString('base64')}` }, body: 'grant_type=client_credentials' });
  assert.equal(wrongSecret.status, 401);
  const body = { offeringId: 'jhsc-o-1', trainingStandardKey: 'JHSC-2014-1-10097', courseName: 'Online', courseDuration: 2, contactForPricing: true, externalRegistrationUrl: 'https://x.example/r' };
  const post = (headers: Record<string, string>, b: unknown = body) => fetch(`${sandbox.baseUrl}/OnlineOffering`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(b) });
  const good = { authorization: `Bearer ${token.access_token}`, key: acct.subscriptionKey };
  assert.equal((await post({ key: acct.subscriptionKey })).status, 401, 'no token');
  assert.equal((await post({ ...good, key: 'wrong' })).status, 401, 'wrong subscription key');
  assert.equal((await post(good, { ...body, networkKey: 'x' })).status, 400, 'no networkKey on the gateway');
  assert.equal((await post(good, { ...body, trainingStandardKey: 'JHSC-2014-1-E-O' })).status, 400, 'a standard key is not a program ID');
  assert.equal((await post(good, { ...body, courseDuration: -1 })).status, 400);
  assert.equal((await post(good)).status, 201);
  assert.equal((await post(good)).status, 409);
});
