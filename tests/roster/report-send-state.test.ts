// Report completions says, before the user confirms, what stops the records
// from leaving, and never answers that they are on their way when they cannot
// go. Through the IPC handlers, the real keychain and the sandbox over HTTP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testSandbox } from '../support/services';
import { readyToReport, taughtClass } from '../support/roster';

test('with no network key, the review names what is missing, the records are kept and nothing is sent; the key entered, they go', async (t) => {
  const sandbox = await testSandbox(t);
  const { ipc, services, key, offering, classOver } = await taughtClass(t, { sandbox });
  const learnerId = await readyToReport(ipc, offering.id, classOver);
  await services.credentials.networkKey.forget();

  const preview = await ipc('records:preview', { offeringRowId: offering.id });
  assert.equal(preview.learners.length, 1);
  assert.equal(preview.sending.problem?.code, 'no-key', 'said before confirming');
  const reported = await ipc('records:report', { offeringRowId: offering.id, ids: [learnerId] });
  assert.equal(reported.sending.problem?.code, 'no-key', 'the answer says they cannot go, not that they are on their way');
  assert.equal(reported.learners[0]!.record.state, 'waiting', 'kept');
  await services.queue.kick();
  assert.equal(sandbox.records(key).length, 0, 'nothing reached the ministry');
  assert.equal(sandbox.requests().filter((r) => r.path.endsWith('/learning-records')).length, 0, 'nothing was even tried without a key');

  await ipc('settings:save', { networkKey: key });
  await services.queue.drain();
  assert.equal(sandbox.records(key).length, 1);
  assert.equal((await ipc('roster:get', { offeringRowId: offering.id })).learners[0]!.record.state, 'reported');
  assert.equal((await ipc('records:preview', { offeringRowId: offering.id })).sending.problem, null);
});

test('with the key in place the review has nothing to say; offline, it says the records go when the connection is back', async (t) => {
  const sandbox = await testSandbox(t);
  const { ipc, services, offering, classOver } = await taughtClass(t, { sandbox });
  const learnerId = await readyToReport(ipc, offering.id, classOver);
  assert.deepEqual((await ipc('records:preview', { offeringRowId: offering.id })).sending, { problem: null, offline: false });
  await sandbox.close();
  const reported = await ipc('records:report', { offeringRowId: offering.id, ids: [learnerId] });
  assert.equal(reported.sending.problem, null);
  await services.queue.kick();
  assert.equal(services.queue.status().offline, true);
  assert.deepEqual((await ipc('records:preview', { offeringRowId: offering.id })).sending, { problem: null, offline: true });
});

test('on the gateway, an incomplete connection is named before confirming', async (t) => {
  const { ipc, services, offering, classOver } = await taughtClass(t);
  await readyToReport(ipc, offering.id, classOver);
  services.settings.apply(services.settings.check({ connection: 'gateway' }));
  const preview = await ipc('records:preview', { offeringRowId: offering.id });
  assert.equal(preview.sending.problem?.code, 'settings-invalid');
});
