import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { ServiceOptions } from '../../electron/main/services';
import { testSandbox, testServices } from '../support/services';
import { backoffDelay } from '../../electron/main/queue/retry-policy';
import type { Sandbox } from '../../electron/main/sandbox/sandbox-server';
import { toWire } from '../../electron/main/marketplace/wire';
import { networkKey, validDraft, waitFor } from '../support/helpers';

async function setup(t: TestContext, options: Partial<ServiceOptions> = {}, sandboxKeys?: string[]) {
  const key = networkKey();
  const sandbox = await testSandbox(t, sandboxKeys ? { keys: [...sandboxKeys, key] } : {});
  const { services, keychainService } = testServices(t, { marketplaceUrlPreset: sandbox.baseUrl, requestTimeoutMs: 500, queue: { baseDelayMs: 20, maxDelayMs: 100 }, ...options });
  await services.credentials.setKey(key);
  return { key, sandbox, services, keychainService };
}

const methods = (sandbox: Sandbox) => sandbox.requests().map((r) => r.method);

test('publish adds, an edit patches only what changed, delete removes; each call is logged before and after', async (t) => {
  const { key, sandbox, services } = await setup(t);
  const { catalogue, queue, callLog } = services;

  const draft = validDraft();
  const record = catalogue.publish(null, draft);
  assert.equal(record.status, 'waiting');
  await queue.drain();
  assert.equal(catalogue.get(record.id).status, 'published');
  assert.deepEqual(sandbox.listings(key), [toWire(draft)]);

  const edited = catalogue.save(record.id, { ...draft, seatsRemaining: 5 });
  assert.equal(edited.status, 'changed', 'saving a draft does not publish it');
  await queue.drain();
  assert.deepEqual(methods(sandbox), ['POST']);
  catalogue.publish(record.id, edited.draft);
  await queue.drain();
  assert.deepEqual(sandbox.requests().at(-1)?.body, { seatsRemaining: 5 });
  assert.equal(catalogue.get(record.id).status, 'published');

  assert.deepEqual(catalogue.delete(record.id), { removed: false });
  await queue.drain();
  assert.deepEqual(sandbox.listings(key), []);
  assert.equal(catalogue.list().length, 0);
  assert.deepEqual(methods(sandbox), ['POST', 'PATCH', 'DELETE']);
  // The log keeps both rows of each call (the "sending" one is written before the request leaves)…
  assert.deepEqual(
    services.db.prepare('SELECT action, phase FROM call_log ORDER BY id').all().map((e) => `${(e as { action: string }).action}:${(e as { phase: string }).phase}`),
    ['add:sending', 'add:done', 'patch:sending', 'patch:done', 'delete:sending', 'delete:done'],
  );
  // …and Activity shows each call once, with its outcome.
  assert.deepEqual(callLog.list(false, 10).reverse().map((e) => `${e.action}:${e.phase}`), ['add:done', 'patch:done', 'delete:done']);
});

test('an add whose answer was lost is resent, and the 409 is resolved with a full patch: listed once', async (t) => {
  const { key, sandbox, services } = await setup(t, { queue: { baseDelayMs: 10, maxDelayMs: 20 } });
  sandbox.setFaults({ resetAfterApply: 1 });
  const draft = validDraft();
  const record = services.catalogue.publish(null, draft);
  await services.queue.kick();
  assert.equal(sandbox.listings(key).length, 1, 'the Marketplace applied the add');
  assert.equal(services.catalogue.get(record.id).status, 'waiting', 'but we never heard back');

  sandbox.setFaults({ resetAfterApply: 0 });
  await waitFor(() => services.catalogue.get(record.id).status === 'published', { what: 'published' });
  assert.deepEqual(sandbox.listings(key), [toWire(draft)]);
  // Resent adds (while the connection still reset) all meet 409; the last one is resolved by a full patch.
  const calls = sandbox.requests().map((r) => `${r.method} ${r.status}`);
  assert.equal(calls[0], 'POST 201');
  assert.equal(calls.at(-1), 'PATCH 204');
  assert.deepEqual(new Set(calls.slice(1, -1)), new Set(['POST 409']));
  const { offeringId: _id, ...patched } = toWire(draft);
  assert.deepEqual(sandbox.requests().at(-1)?.body, { ...patched, virtualClassUrl: null }, 'the patch carries the full offering, null for what it lacks');
});

test('a lost add, then an edit that drops fields before the retry: the 409 patch removes them, so the Marketplace equals the catalogue', async (t) => {
  const { key, sandbox, services } = await setup(t, { queue: { baseDelayMs: 10, maxDelayMs: 20 } });
  sandbox.setFaults({ resetAfterApply: 1 });
  const virtual = validDraft({ trainingStandardKey: 'JHSC-2014-1-E-B', virtualClassUrl: 'https://meet.example.ca/jhsc' });
  const record = services.catalogue.publish(null, virtual);
  await services.queue.kick();
  assert.equal(sandbox.listings(key)[0]?.price, 149.5, 'the lost add arrived with a price and a virtual class URL');
  // Before the retry: contact for pricing instead of a price, and an in-person standard without the virtual URL.
  const edited = { ...virtual, contactForPricing: true, trainingStandardKey: 'JHSC-2014-1-E-I' as const, virtualClassUrl: '' };
  services.catalogue.publish(record.id, edited);
  sandbox.setFaults({ resetAfterApply: 0 });
  await waitFor(() => services.catalogue.get(record.id).status === 'published', { what: 'published' });
  const [listed] = sandbox.listings(key);
  assert.deepEqual(listed, toWire(services.catalogue.get(record.id).draft));
  assert.equal('price' in listed!, false, 'the stale price is gone');
  assert.equal('virtualClassUrl' in listed!, false, 'the stale virtual class URL is gone');
});

test('offline: changes wait and say so, then drain by themselves when the Marketplace is back', async (t) => {
  const { key, sandbox, services } = await setup(t);
  await sandbox.close();
  const a = services.catalogue.publish(null, validDraft());
  const b = services.catalogue.publish(null, validDraft());
  await services.queue.kick();
  const { waiting, failed, offline, paused } = services.queue.status();
  assert.deepEqual({ waiting, failed, offline, paused }, { waiting: 2, failed: 0, offline: true, paused: null });

  await sandbox.restart();
  await waitFor(() => services.queue.status().waiting === 0, { what: 'the queue to drain' });
  assert.equal(services.queue.status().offline, false);
  assert.deepEqual(sandbox.listings(key).map((o) => o.offeringId).sort(), [a.draft.offeringId, b.draft.offeringId].sort());
});

test('401 pauses the whole queue until a new key is saved', async (t) => {
  const { sandbox, services } = await setup(t, {}, ['the-right-key']);
  await services.credentials.setKey('a-wrong-key');
  const record = services.catalogue.publish(null, validDraft());
  await services.queue.kick();
  const status = services.queue.status();
  assert.equal(status.paused?.code, 'marketplace-unauthorized');
  assert.equal(status.waiting, 1);
  await services.credentials.setKey('the-right-key');
  services.queue.resume();
  await waitFor(() => services.catalogue.get(record.id).status === 'published', { what: 'published' });
  assert.equal(sandbox.listings('the-right-key').length, 1);
});

test('no key stored pauses the queue with a message pointing at Settings', async (t) => {
  const { services } = await setup(t);
  await services.credentials.forget();
  services.catalogue.publish(null, validDraft());
  await services.queue.kick();
  assert.equal(services.queue.status().paused?.code, 'no-key');
});

test('400 invalid fails that offering with its field errors and the rest continue', async (t) => {
  const { key, sandbox, services } = await setup(t);
  const bad = validDraft();
  sandbox.setFaults({ rejectOfferingIds: [bad.offeringId] });
  const badRecord = services.catalogue.publish(null, bad);
  const good = services.catalogue.publish(null, validDraft());
  await services.queue.drain();
  const failed = services.catalogue.get(badRecord.id);
  assert.equal(failed.status, 'failed');
  assert.equal(failed.error?.code, 'marketplace-invalid');
  // Refused, so never listed: its "sending" mark (written a step ahead) does not leave it in doubt.
  assert.equal(services.catalogue.row(badRecord.id).in_flight, null);
  assert.deepEqual(failed.error?.fields, [{ path: 'courseName', code: 'marketplace', message: 'rejected by the sandbox (injected fault)' }]);
  assert.equal(services.catalogue.get(good.id).status, 'published');
  assert.deepEqual(sandbox.listings(key).map((o) => o.offeringId), [good.draft.offeringId]);
  const { waiting, failed: failedCount, offline, paused } = services.queue.status();
  assert.deepEqual({ waiting, failedCount, offline, paused }, { waiting: 0, failedCount: 1, offline: false, paused: null });

  sandbox.setFaults({ rejectOfferingIds: [] });
  services.catalogue.retry(badRecord.id);
  await services.queue.drain();
  assert.equal(services.catalogue.get(badRecord.id).status, 'published');
});

test('server errors are retried with backoff, then shown as failed with Retry', async (t) => {
  const { sandbox, services } = await setup(t, { queue: { baseDelayMs: 5, maxDelayMs: 10, maxAttempts: 3 } });
  sandbox.setFaults({ error503: 1 });
  const record = services.catalogue.publish(null, validDraft());
  void services.queue.kick();
  await waitFor(() => services.catalogue.get(record.id).status === 'failed', { what: 'failed' });
  assert.deepEqual(sandbox.requests().map((r) => r.status), [503, 503, 503], 'exactly maxAttempts tries');
  assert.equal(services.catalogue.get(record.id).error?.code, 'marketplace-server');
});

test('a 404 on patch means the listing is gone: needs attention, and Retry lists it again', async (t) => {
  const { key, sandbox, services } = await setup(t);
  const draft = validDraft();
  const record = services.catalogue.publish(null, draft);
  await services.queue.drain();
  await fetch(`${sandbox.baseUrl}/class-offerings/${draft.offeringId}?networkKey=${key}`, { method: 'DELETE' });
  services.catalogue.publish(record.id, { ...draft, seatsRemaining: 1 });
  await services.queue.drain();
  assert.equal(services.catalogue.get(record.id).status, 'needs-attention');
  services.catalogue.retry(record.id);
  await services.queue.drain();
  assert.equal(services.catalogue.get(record.id).status, 'published');
  assert.equal(sandbox.listings(key)[0]?.seatsRemaining, 1);
});

test('an edit made while a call is in flight is sent next, never lost', async (t) => {
  const { key, sandbox, services } = await setup(t);
  sandbox.setFaults({ latencyMs: 150 });
  const draft = validDraft();
  const record = services.catalogue.publish(null, draft);
  const sending = services.queue.kick();
  await waitFor(() => services.catalogue.row(record.id).in_flight === 'add', { what: 'the add to be in flight' });
  services.catalogue.publish(record.id, { ...draft, seatsRemaining: 2 });
  await sending;
  await services.queue.drain();
  assert.equal(sandbox.listings(key)[0]?.seatsRemaining, 2);
  assert.equal(services.catalogue.get(record.id).status, 'published');
});

test('an offering deleted in the turn its publish started the worker is never sent', async (t) => {
  const { key, sandbox, services } = await setup(t);
  // The publish kicks the worker, which reads it as due before it opens the connection; the Delete lands then.
  const record = services.catalogue.publish(null, validDraft());
  assert.deepEqual(services.catalogue.delete(record.id), { removed: true });
  await services.queue.drain();
  assert.deepEqual(sandbox.requests(), [], 'nothing sent');
  assert.deepEqual(sandbox.listings(key), []);
  assert.equal(services.catalogue.row(record.id).in_flight, null, 'nothing in doubt');
});

test('backoff is exponential with full jitter, capped', () => {
  assert.equal(backoffDelay(0, 1000, 60_000, () => 0.5), 500);
  assert.equal(backoffDelay(3, 1000, 60_000, () => 0.5), 4000);
  assert.equal(backoffDelay(10, 1000, 60_000, () => 0.999), 59_940);
  assert.equal(backoffDelay(4, 1000, 60_000, () => 0), 0);
});

test('only one worker drains a catalogue, even from two app instances', async (t) => {
  const { sandbox, services, keychainService } = await setup(t);
  const { services: second } = testServices(t, { dataDir: services.dataDir, keychainService, marketplaceUrlPreset: sandbox.baseUrl });
  sandbox.setFaults({ latencyMs: 50 });
  for (let i = 0; i < 6; i++) services.catalogue.publish(null, validDraft());
  await Promise.all([services.queue.kick(), second.queue.kick()]);
  await services.queue.drain();
  assert.equal(sandbox.requests().filter((r) => r.method === 'POST').length, 6, 'each add sent once');
});

test('retry delays follow the injected clock and randomness exactly; 429 waits for Retry-After', async (t) => {
  let now = Date.parse('2026-11-27T12:00:00.000Z');
  const clock = { now: () => new Date(now) };
  const { sandbox, services } = await setup(t, { clock, queue: { baseDelayMs: 1000, maxDelayMs: 60_000, random: () => 0.5 } });
  sandbox.setFaults({ error503: 1 });
  const record = services.catalogue.publish(null, validDraft());
  await services.queue.kick();
  assert.equal(services.catalogue.row(record.id).next_attempt_at, '2026-11-27T12:00:01.000Z', 'attempt 1: 0.5 × 1000 × 2¹');
  now += 1000;
  await services.queue.kick();
  assert.equal(services.catalogue.row(record.id).next_attempt_at, '2026-11-27T12:00:03.000Z', 'attempt 2: 0.5 × 1000 × 2²');

  sandbox.setFaults({ error503: 0, rateLimit: 1, retryAfterSeconds: 30 });
  now += 2000;
  await services.queue.kick();
  const row = services.catalogue.row(record.id);
  assert.equal(row.next_attempt_at, '2026-11-27T12:00:33.000Z', '429: exactly Retry-After');
  assert.equal(row.attempts, 2, 'a 429 is not counted as a failed attempt');
});

test('Cancel stops new sends and leaves the rest waiting; Resume sends them', async (t) => {
  const { key, sandbox, services } = await setup(t, { queue: { concurrency: 1 } });
  sandbox.setFaults({ latencyMs: 40 });
  for (let i = 0; i < 5; i++) services.catalogue.publish(null, validDraft());
  const sending = services.queue.kick();
  await waitFor(() => sandbox.requests().length >= 1, { what: 'a first send' });
  services.queue.cancel();
  await sending;
  const sent = sandbox.requests().length;
  const status = services.queue.status();
  assert.equal(status.cancelled, true);
  assert.ok(sent < 5, `only ${sent} sent before the cancel took effect`);
  assert.deepEqual(status.batch, { total: 5, done: sent, waiting: 5 - sent, failed: 0 });
  // The next change was marked as sending while the last call was on the wire; unsent, its mark is taken back,
  // so nothing unsent is in doubt and a draft never sent is deleted at once, without asking the Marketplace.
  const unsent = services.catalogue.list().filter((o) => o.status !== 'published');
  assert.equal(unsent.length, 5 - sent);
  for (const o of unsent) assert.equal(services.catalogue.row(o.id).in_flight, null, `${o.draft.offeringId} is not in doubt`);
  assert.deepEqual(services.catalogue.deleteMany([unsent[0]!.id]), { trashed: 1, deleting: 0 });
  await services.queue.kick();
  assert.equal(sandbox.requests().length, sent, 'nothing sent while cancelled');
  services.queue.resume();
  await services.queue.drain();
  assert.equal(sandbox.listings(key).length, 4, 'all but the one deleted');
  assert.deepEqual(services.queue.status().batch, { total: 5, done: 5, waiting: 0, failed: 0 });
});

test('each worker marks its next change as sending while its call is on the wire; the log says sending only when it goes', async (t) => {
  const { sandbox, services } = await setup(t, { queue: { concurrency: 1 } });
  sandbox.setFaults({ latencyMs: 150 });
  // Both in one batch: each publish would otherwise start the worker on its own.
  services.queue.cancel();
  const first = services.catalogue.publish(null, validDraft());
  const second = services.catalogue.publish(null, validDraft());
  services.queue.resume();
  const sending = services.queue.kick();
  // The sandbox counts a request once it answers it (after its latency).
  // The first call's log line is written in the background, a turn after its mark: wait for it too, then check it is the only one.
  await waitFor(() => services.catalogue.row(first.id).in_flight === 'add' && services.catalogue.row(second.id).in_flight === 'add' && services.callLog.list(false, 10).length > 0, { what: 'the second marked while the first is on the wire' });
  assert.equal(sandbox.requests().length, 0);
  const logged = services.callLog.list(false, 10).map((e) => e.offeringId);
  assert.deepEqual(logged, [first.draft.offeringId], 'only the call on the wire is logged');
  await sending;
  assert.equal(sandbox.requests().length, 2);
  assert.equal(services.catalogue.get(second.id).status, 'published');
  assert.equal(services.catalogue.row(second.id).in_flight, null);
});

test('the activity log lists every call and filters to failures', async (t) => {
  const { sandbox, services } = await setup(t);
  const bad = validDraft();
  sandbox.setFaults({ rejectOfferingIds: [bad.offeringId] });
  services.catalogue.publish(null, bad);
  services.catalogue.publish(null, validDraft());
  await services.queue.drain();
  const all = services.callLog.list(false, 50);
  assert.equal(all.length, 2, 'one row per call');
  const failures = services.callLog.list(true, 50);
  assert.deepEqual(failures.map((e) => [e.offeringId, e.action, e.phase, e.httpStatus, e.errorCode]), [[bad.offeringId, 'add', 'failed', 400, 'invalid']]);
  assert.match(failures[0]!.message ?? '', /refused this offering as invalid/);
});

test('when the system reports the network is back, waiting changes go at once instead of at their next retry', async (t) => {
  const { key, sandbox, services } = await setup(t, { queue: { baseDelayMs: 60_000, maxDelayMs: 600_000, random: () => 0.9 } });
  await sandbox.close();
  services.catalogue.publish(null, validDraft());
  await services.queue.kick();
  assert.equal(services.queue.status().offline, true);
  await sandbox.restart();
  services.queue.nudge();
  await waitFor(() => services.queue.status().waiting === 0, { what: 'the queue to drain', timeoutMs: 5000 });
  assert.equal(sandbox.listings(key).length, 1);
});

test('a batch of slow calls keeps its lease: a second instance never sends the same change', async (t) => {
  const { sandbox, services, keychainService } = await setup(t, { queue: { concurrency: 1, leaseMs: 100 } });
  const { services: second } = testServices(t, { dataDir: services.dataDir, keychainService, marketplaceUrlPreset: sandbox.baseUrl, queue: { concurrency: 1, leaseMs: 100 } });
  sandbox.setFaults({ latencyMs: 60 });
  for (let i = 0; i < 8; i++) services.catalogue.publish(null, validDraft());
  const first = services.queue.kick();
  const rival = (async () => {
    for (let i = 0; i < 12; i++) {
      await new Promise((r) => setTimeout(r, 40));
      await second.queue.kick();
    }
  })();
  await Promise.all([first, rival]);
  await services.queue.drain();
  await second.queue.drain();
  const posts = sandbox.requests().filter((r) => r.method === 'POST');
  assert.deepEqual(posts.map((r) => r.status), Array(8).fill(201), 'eight adds, none repeated');
});
