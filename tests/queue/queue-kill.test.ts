// The worker is killed with SIGKILL at random moments while publishing 200
// changes to class and online offerings, or while reporting learning records;
// after each restart it converges: no duplicate, no lost edit, no second record.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServices } from '../../electron/main/services';
import { keytarStore } from '../../electron/main/platform/credentials';
import { startSandbox, type Sandbox } from '../../electron/main/sandbox/sandbox-server';
import { toWire } from '../../electron/main/marketplace/wire';
import { readListed } from '../../electron/main/catalogue/catalogue';
import { tempDir, uniqueKeychainService, networkKey, validDraft, validOnlineDraft } from '../support/helpers';
import { taughtClass, learner, MovableClock, DAY_ONE, DAY_TWO } from '../support/roster';

/** Runs the worker; once it is up, kills it with SIGKILL as soon as `killWhen` says so (checked every 2 ms). */
function runWorker(args: string[], killWhen: (() => boolean) | null): Promise<'killed' | 'drained'> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/queue-worker.ts', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  let poll: NodeJS.Timeout | null = null;
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
    if (killWhen !== null && poll === null && out.includes('started')) {
      poll = setInterval(() => {
        if (killWhen()) child.kill('SIGKILL');
      }, 2);
    }
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code, signal) => {
      if (poll) clearInterval(poll);
      if (signal === 'SIGKILL') resolve('killed');
      else if (code === 0 && out.includes('drained')) resolve('drained');
      else reject(new Error(`worker exited with ${code}`));
    });
  });
}

/** A moment `ms` after the first time it is asked. */
function afterMs(ms: number): () => boolean {
  let start: number | null = null;
  return () => Date.now() >= (start ??= Date.now()) + ms;
}

/** A moment `jitterMs` after the sandbox has received `count` requests: calls are on the wire then. */
function afterRequests(sandbox: Sandbox, count: number, jitterMs: number): () => boolean {
  let reached: number | null = null;
  return () => {
    if (reached === null && sandbox.requests().length >= count) reached = Date.now();
    return reached !== null && Date.now() >= reached + jitterMs;
  };
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
  // This process only queues (as the window would); only the killed workers send.
  await services.queue.stop();

  // 150 new offerings (one in five an online course), then 50 edits and deletions queued while workers come and go.
  const ids = Array.from({ length: 150 }, (_, i) => services.catalogue.publish(null, i % 5 === 0 ? validOnlineDraft({ courseDurationHours: 1 + i / 10 }) : validDraft({ seatsRemaining: i })).id);
  const args = [dataDir, sandbox.baseUrl, keychainService];
  let kills = 0;
  let edits = 0;
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  // A kill counts as landing mid-work when the worker had sent something and left work behind.
  const waiting = () => services.catalogue.list().some((r) => r.pendingAction !== null);
  let midWork = 0;
  for (let round = 0; kills < 12; round++) {
    assert.ok(round < 60, `twelve kills in 60 workers (${kills} so far)`);
    const sentBefore = sandbox.requests().length;
    // Killed after its first few calls reached the Marketplace, while others are on the wire.
    const outcome = await runWorker(args, afterRequests(sandbox, sentBefore + 1 + Math.floor(random() * 4), Math.floor(random() * 20)));
    if (outcome === 'killed') {
      kills++;
      if (sandbox.requests().length > sentBefore && waiting()) midWork++;
    }
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
  t.diagnostic(`kills survived: ${kills} (${midWork} while sending with work left); edits and deletions queued between kills: ${edits}; requests the sandbox received: ${sent}`);

  const rows = services.catalogue.list();
  assert.equal(rows.filter((r) => r.pendingAction !== null).length, 0, 'nothing left waiting');
  const expected = rows.map((r) => toWire(r.draft)).sort((a, b) => a.offeringId.localeCompare(b.offeringId));
  const listed = [...sandbox.listings(key), ...sandbox.onlineListings(key)].sort((a, b) => a.offeringId.localeCompare(b.offeringId));
  assert.ok(sandbox.onlineListings(key).length > 0, 'online offerings were among them');
  assert.deepEqual(listed, expected, 'the Marketplace holds exactly the catalogue, latest edits included');
  for (const r of rows) assert.deepEqual(readListed(services.catalogue.row(r.id)), toWire(r.draft));
  const created = sandbox.requests().filter((r) => r.method === 'POST' && r.status === 201).map((r) => r.body!.offeringId);
  assert.equal(new Set(created).size, created.length, 'no offering was ever listed twice');
  assert.ok(midWork >= 10, `kills must stop a worker in the middle of its work, not an idle one (${midWork} of ${kills})`);
});

test('SIGKILL at random moments while reporting 40 learners: each learner is reported exactly once', { timeout: 240_000 }, async (t) => {
  // Lost answers too: one call in ten reaches the ministry and the connection drops before its answer.
  const sandbox = await startSandbox({ faults: { latencyMs: 60, resetAfterApply: 0.1 } });
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
  const unreported = () => services.learners.byOffering(offering.id).some((r) => r.record_state !== 'reported');
  let midWork = 0;
  for (let round = 0; kills < 10; round++) {
    assert.ok(round < 60, `ten kills in 60 workers (${kills} so far)`);
    if ((await runWorker(args, afterMs(Math.floor(random() * 250)))) !== 'killed') continue;
    kills++;
    // Killed with records still to send: not an idle worker.
    if (unreported()) midWork++;
  }
  assert.equal(await runWorker(args, null), 'drained');

  const posts = sandbox.requests().filter((r) => r.path.endsWith('/learning-records'));
  t.diagnostic(`kills survived: ${kills} (${midWork} with records left to send); learning-record requests: ${posts.length} (${posts.filter((p) => p.status === 409).length} answered "already exists")`);
  const records = sandbox.records(key);
  assert.equal(records.length, 40, 'every learner reported');
  assert.equal(new Set(records.map((r) => r.learner.uniqueId)).size, 40, 'no learner reported twice');
  const states = services.learners.byOffering(offering.id).map((r) => r.record_state);
  assert.deepEqual(new Set(states), new Set(['reported']));
  assert.ok(midWork >= 8, `kills must stop a worker with records left to send, not an idle one (${midWork} of ${kills})`);
});
