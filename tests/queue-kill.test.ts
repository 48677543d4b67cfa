// The worker is killed with SIGKILL at random moments while publishing 200
// changes to class and online offerings, or while reporting learning records;
// after each restart it converges: no duplicate, no lost edit, no second record.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServices } from '../electron/main/services';
import { keytarStore } from '../electron/main/credentials';
import { startSandbox } from '../electron/main/sandbox/sandbox-server';
import { toWire } from '../electron/main/marketplace/wire';
import { readListed } from '../electron/main/catalogue';
import { tempDir, uniqueKeychainService, networkKey, validDraft, validOnlineDraft } from './support/helpers';
import { taughtClass, learner, MovableClock, DAY_ONE, DAY_TWO } from './support/roster';

function runWorker(args: string[], killAfterMs: number | null): Promise<'killed' | 'drained'> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/queue-worker.ts', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  let timer: NodeJS.Timeout | null = null;
  // The clock starts once the worker is up, so kills land while calls are on the wire.
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
    if (killAfterMs !== null && timer === null && out.includes('started')) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal === 'SIGKILL') resolve('killed');
      else if (code === 0 && out.includes('drained')) resolve('drained');
      else reject(new Error(`worker exited with ${code}`));
    });
  });
}

test('SIGKILL at random moments while publishing 200 changes: the Marketplace ends equal to the catalogue', { timeout: 240_000 }, async (t) => {
  const key = networkKey();
  const sandbox = await startSandbox({ faults: { latencyMs: 15 } });
  const dataDir = tempDir();
  const keychainService = uniqueKeychainService();
  const services = createServices({ dataDir, keychainService, marketplaceUrlPreset: sandbox.baseUrl });
  t.after(async () => {
    await services.close();
    await sandbox.close();
    await keytarStore(keychainService).delete('marketplace-network-key');
  });
  await services.credentials.setKey(key);

  // 150 new offerings (one in five an online course), then 50 edits and deletions queued while workers come and go.
  const ids = Array.from({ length: 150 }, (_, i) => services.catalogue.publish(null, i % 5 === 0 ? validOnlineDraft({ courseDurationHours: 1 + i / 10 }) : validDraft({ seatsRemaining: i })).id);
  const args = [dataDir, sandbox.baseUrl, keychainService];
  let kills = 0;
  let edits = 0;
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  while (kills < 12) {
    const outcome = await runWorker(args, Math.floor(random() * 400));
    if (outcome === 'killed') kills++;
    for (let i = 0; i < 5 && edits < 50; i++, edits++) {
      const id = ids[Math.floor(random() * ids.length)]!;
      const row = services.catalogue.list().find((r) => r.id === id);
      if (!row || row.pendingAction === 'delete') continue;
      if (edits % 5 === 4) services.catalogue.delete(id);
      else {
        const draft = services.catalogue.get(id).draft;
        services.catalogue.publish(id, draft.kind === 'online' ? { ...draft, courseDurationHours: 100 + edits } : { ...draft, seatsRemaining: 1000 + edits });
      }
    }
  }
  assert.equal(await runWorker(args, null), 'drained');
  const sent = sandbox.requests().length;
  t.diagnostic(`kills survived: ${kills}; edits and deletions queued between kills: ${edits}; requests the sandbox received: ${sent}`);

  const rows = services.catalogue.list();
  assert.equal(rows.filter((r) => r.pendingAction !== null).length, 0, 'nothing left waiting');
  const expected = rows.map((r) => toWire(r.draft)).sort((a, b) => a.offeringId.localeCompare(b.offeringId));
  const listed = [...sandbox.listings(key), ...sandbox.onlineListings(key)].sort((a, b) => a.offeringId.localeCompare(b.offeringId));
  assert.ok(sandbox.onlineListings(key).length > 0, 'online offerings were among them');
  assert.deepEqual(listed, expected, 'the Marketplace holds exactly the catalogue, latest edits included');
  for (const r of rows) assert.deepEqual(readListed(services.catalogue.row(r.id)), toWire(r.draft));
  const created = sandbox.requests().filter((r) => r.method === 'POST' && r.status === 201).map((r) => r.body!.offeringId);
  assert.equal(new Set(created).size, created.length, 'no offering was ever listed twice');
  assert.ok(kills >= 10);
});

test('SIGKILL at random moments while reporting 40 learners: each learner is reported exactly once', { timeout: 240_000 }, async (t) => {
  // Lost answers too: one call in ten reaches the ministry and the connection drops before its answer.
  const sandbox = await startSandbox({ faults: { latencyMs: 20, resetAfterApply: 0.1 } });
  const clock = new MovableClock();
  const { services, keychainService, key, ipc, offering, classOver } = await taughtClass(t, { sandbox, clock });
  t.after(() => sandbox.close());
  const person = (await ipc('people:save', { id: null, name: 'Jordan Smith' }))[0]!.id;
  for (const day of [DAY_ONE, DAY_TWO]) await ipc('roster:setDayStaff', { offeringRowId: offering.id, day, instructors: [person], evaluators: [person] });
  for (let i = 0; i < 40; i++) {
    const roster = await ipc('learners:save', { offeringRowId: offering.id, id: null, details: learner({ firstName: `Learner${i}`, email: `learner${i}@example.ca`, learnerId: `K-${i}` }) });
    const id = roster.learners.at(-1)!.id;
    for (const day of [DAY_ONE, DAY_TWO]) await ipc('roster:setAttendance', { id, day, present: true });
    await ipc('roster:setResult', { id, result: 'completed', score: 80 });
  }
  classOver();
  const all = (await ipc('records:preview', { offeringRowId: offering.id })).learners.map((l) => l.id);
  assert.equal(all.length, 40);
  // The intent (with each learningRecordId) is stored here; only the killed workers send.
  await services.queue.stop();
  await ipc('records:report', { offeringRowId: offering.id, ids: all });

  const args = [services.dataDir, sandbox.baseUrl, keychainService, String(clock.now().getTime() - Date.now())];
  let kills = 0;
  let seed = 11;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  while (kills < 10) if ((await runWorker(args, Math.floor(random() * 250))) === 'killed') kills++;
  assert.equal(await runWorker(args, null), 'drained');

  const posts = sandbox.requests().filter((r) => r.path.endsWith('/learning-records'));
  t.diagnostic(`kills survived: ${kills}; learning-record requests: ${posts.length} (${posts.filter((p) => p.status === 409).length} answered "already exists")`);
  const records = sandbox.records(key);
  assert.equal(records.length, 40, 'every learner reported');
  assert.equal(new Set(records.map((r) => r.learner.uniqueId)).size, 40, 'no learner reported twice');
  const states = services.learners.byOffering(offering.id).map((r) => r.record_state);
  assert.deepEqual(new Set(states), new Set(['reported']));
  assert.ok(kills >= 10);
});
