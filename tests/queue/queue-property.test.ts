// Model-based: random create/edit/publish/delete sequences of class and online offerings against a faulty
// sandbox; once the faults stop and the queue drains, the Marketplace holds
// exactly what the catalogue says it published, each offering at most once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createServices } from '../../electron/main/services';
import { keytarStore } from '../../electron/main/platform/credentials';
import { startSandbox } from '../../electron/main/sandbox/sandbox-server';
import { readListed } from '../../electron/main/catalogue/catalogue';
import { toWire } from '../../electron/main/marketplace/wire';
import { tempDir, uniqueKeychainService, networkKey, validDraft, validOnlineDraft } from '../support/helpers';
import type { OfferingDraft } from '../../shared/offering';

type Step =
  | { kind: 'create'; publish: boolean; seats: number; online: boolean }
  | { kind: 'edit'; pick: number; seats: number; publish: boolean }
  | { kind: 'delete'; pick: number }
  | { kind: 'send' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('create' as const), publish: fc.boolean(), seats: fc.nat(40), online: fc.nat(9).map((n) => n < 3) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('edit' as const), pick: fc.nat(), seats: fc.nat(40), publish: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'send' as const }) },
);

test('random edits under 503s, timeouts, resets and 429s converge to exactly the published state', { timeout: 300_000 }, async (t) => {
  const keychainService = uniqueKeychainService();
  t.after(() => keytarStore(keychainService).delete('marketplace-network-key'));
  let runs = 0;
  let requests = 0;
  let faulted = 0;

  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 10, maxLength: 40 }), fc.integer({ min: 1, max: 2 ** 30 }), async (steps, seed) => {
      runs++;
      let state = seed;
      const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      const key = networkKey();
      const sandbox = await startSandbox({
        random,
        faults: { error503: 0.2, timeout: 0.05, resetAfterApply: 0.05, rateLimit: 0.05, retryAfterSeconds: 0 },
      });
      const services = createServices({
        dataDir: tempDir(),
        keychainService,
        marketplaceUrlPreset: sandbox.baseUrl,
        requestTimeoutMs: 80,
        queue: { baseDelayMs: 2, maxDelayMs: 10, maxAttempts: 10_000, random },
      });
      try {
        await services.credentials.setKey(key);
        const { catalogue, queue } = services;
        const alive = () => catalogue.list().filter((r) => r.pendingAction !== 'delete');
        for (const s of steps) {
          if (s.kind === 'create') {
            const draft = s.online ? validOnlineDraft({ courseDurationHours: 1 + s.seats / 4 }) : validDraft({ seatsRemaining: s.seats });
            if (s.publish) catalogue.publish(null, draft);
            else catalogue.save(null, draft);
          } else if (s.kind === 'edit' || s.kind === 'delete') {
            const rows = alive();
            if (rows.length === 0) continue;
            const row = rows[s.pick % rows.length]!;
            if (s.kind === 'delete') {
              catalogue.delete(row.id);
              continue;
            }
            // Seats change a class; the duration (and the price) changes an online course.
            const edited: OfferingDraft = row.draft.kind === 'online' ? { ...row.draft, courseDurationHours: 1 + s.seats / 4, contactForPricing: s.seats % 3 === 0 } : { ...row.draft, seatsRemaining: s.seats };
            if (s.publish) catalogue.publish(row.id, edited);
            else catalogue.save(row.id, edited);
          } else {
            await queue.kick();
          }
        }
        sandbox.setFaults({ error503: 0, timeout: 0, resetAfterApply: 0, rateLimit: 0 });
        await queue.drain();
        requests += sandbox.requests().length;
        faulted += sandbox.requests().filter((r) => [0, 429, 503].includes(r.status)).length;

        const rows = catalogue.list();
        assert.deepEqual(rows.filter((r) => r.pendingAction !== null), [], 'nothing left waiting');
        const published = rows
          .map((r) => readListed(catalogue.row(r.id)))
          .filter((w) => w !== null)
          .sort((a, b) => a.offeringId.localeCompare(b.offeringId));
        const listed = [...sandbox.listings(key), ...sandbox.onlineListings(key)].sort((a, b) => a.offeringId.localeCompare(b.offeringId));
        assert.deepEqual(listed, published);
        for (const r of rows) {
          if (r.status === 'published') assert.deepEqual(readListed(catalogue.row(r.id)), toWire(r.draft));
        }
        const created = sandbox.requests().filter((r) => r.method === 'POST' && r.status === 201).map((r) => r.body!.offeringId);
        assert.equal(new Set(created).size, created.length, 'each offering listed at most once');
      } finally {
        await services.close();
        await sandbox.close();
      }
    }),
    { numRuns: 30 },
  );
  t.diagnostic(`runs: ${runs}; requests: ${requests}, of which answered by an injected fault: ${faulted}`);
});
