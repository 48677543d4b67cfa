// The worker is killed with SIGKILL at random moments while publishing 200
// changes to class and online offerings; after each restart it converges: no duplicate, no lost edit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServices } from '../electron/main/services';
import { keytarStore } from '../electron/main/credentials';
import { startSandbox } from '../electron/main/sandbox/sandbox-server';
import { toWire } from '../electron/main/marketplace/wire';
import { readListed } from '../electron/main/catalogue';
import { tempDir, uniqueKeychainService, networkKey, validDraft, validOnlineDraft } from './support/helpers';

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
