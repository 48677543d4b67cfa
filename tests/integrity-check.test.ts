// The start-up integrity check: the hot paths trust stored rows, so a row
// damaged outside the app must be found at start, held back and never sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import Database from 'better-sqlite3';
import { testSandbox, testServices } from './support/services';
import { networkKey, tempDir, validDraft } from './support/helpers';
import { toWire } from '../electron/main/marketplace/wire';
import { ListQuery } from '../shared/ipc';
import { damage } from '../electron/main/integrity-check';
import { createHandlers, dispatch } from '../electron/main/handlers';

test('a damaged stored offering is found at start, held as needing attention and never sent; sound ones publish', async (t) => {
  const key = networkKey();
  const sandbox = await testSandbox(t);
  const dataDir = tempDir();
  const first = testServices(t, { dataDir, marketplaceUrlPreset: sandbox.baseUrl });
  await first.services.credentials.setKey(key);
  const sound = first.services.catalogue.save(null, validDraft({ offeringId: 'sound-1' }));
  const wrongType = first.services.catalogue.save(null, validDraft({ offeringId: 'wrong-type' }));
  const unreadable = first.services.catalogue.save(null, validDraft({ offeringId: 'unreadable' }));
  assert.deepEqual((await first.services.integrity).damaged, [], 'nothing is damaged before the hand edit');
  await first.services.close();

  // What a disk fault or a hand edit leaves: a field of the wrong type, and JSON cut short; two of them queued.
  const db = new Database(path.join(dataDir, 'catalogue.sqlite'));
  const broken = JSON.stringify({ ...JSON.parse((db.prepare('SELECT draft FROM offering_drafts WHERE id = ?').get(wrongType.id) as { draft: string }).draft), courseName: 42 });
  db.prepare('UPDATE offering_drafts SET draft = ? WHERE id = ?').run(broken, wrongType.id);
  db.prepare("UPDATE offerings SET pending = 'publish' WHERE id = ?").run(wrongType.id);
  db.prepare("UPDATE offering_drafts SET draft = '{\"offeringId\": \"unread' WHERE id = ?").run(unreadable.id);
  db.prepare("UPDATE offerings SET pending = 'publish' WHERE id = ?").run(sound.id);
  db.close();

  const { services } = testServices(t, { dataDir, marketplaceUrlPreset: sandbox.baseUrl, keychainService: first.keychainService, integrityWalkDelayMs: 300 });
  // A row waiting to be sent is checked before the queue starts; the walk over the rest waits while the window loads.
  assert.equal(JSON.parse(services.catalogue.store.byId(wrongType.id)!.error!).code, 'damaged-offering', 'the queued damaged row is held at once');
  await new Promise((resolve) => setTimeout(resolve, 50)); // timers fire in order: this one before the walk's
  assert.equal(services.catalogue.store.byId(unreadable.id)!.error, null, 'the walk has not started yet');
  const report = await services.integrity;
  assert.deepEqual([...report.damaged].sort(), ['unreadable', 'wrong-type']);
  assert.equal(report.checked, 3);
  await services.queue.drain();
  assert.deepEqual(sandbox.listings(key), [toWire(validDraft({ offeringId: 'sound-1' }))], 'only the sound offering reached the Marketplace');

  const attention = services.lists.page(ListQuery.parse({ status: 'needs-attention' }), new Date());
  assert.deepEqual(attention.rows.map((r) => r.offeringId).sort(), ['unreadable', 'wrong-type']);
  const error = JSON.parse(services.catalogue.store.byId(wrongType.id)!.error!) as { code: string; message: string };
  assert.equal(error.code, 'damaged-offering');
  assert.match(error.message, /not sent/);
});

test('damage() tells a sound row from a damaged one, without throwing', () => {
  const draft = JSON.stringify(validDraft());
  assert.equal(damage({ draft, listed: null }), null);
  assert.equal(damage({ draft, listed: JSON.stringify(toWire(validDraft())) }), null);
  assert.match(damage({ draft: '{', listed: null })!, /not readable/);
  assert.match(damage({ draft: JSON.stringify({ ...validDraft(), seatsRemaining: 'many' }), listed: null })!, /do not fit/);
  assert.match(damage({ draft, listed: '[1, 2' })!, /listed/);
});

test('closing during the wait before the walk ends the check at once, with what it found', async (t) => {
  const { services } = testServices(t);
  services.catalogue.save(null, validDraft({ offeringId: 'not-walked' }));
  await services.close();
  assert.deepEqual(await services.integrity, { checked: 0, damaged: [] }, 'ended before walking, not after');
});

test('a damaged row published before the walk reaches it is checked by the queue, held and never sent', async (t) => {
  const key = networkKey();
  const sandbox = await testSandbox(t);
  const dataDir = tempDir();
  const first = testServices(t, { dataDir, marketplaceUrlPreset: sandbox.baseUrl });
  await first.services.credentials.setKey(key);
  first.services.catalogue.save(null, validDraft({ offeringId: 'sound-2' }));
  const damaged = first.services.catalogue.save(null, validDraft({ offeringId: 'damaged-2' }));
  await first.services.close();
  const db = new Database(path.join(dataDir, 'catalogue.sqlite'));
  const draft = JSON.parse((db.prepare('SELECT draft FROM offering_drafts WHERE id = ?').get(damaged.id) as { draft: string }).draft) as Record<string, unknown>;
  db.prepare('UPDATE offering_drafts SET draft = ? WHERE id = ?').run(JSON.stringify({ ...draft, courseName: 42 }), damaged.id);
  db.close();

  // The walk waits a minute here: Publish all comes before it reaches anything.
  const { services } = testServices(t, { dataDir, marketplaceUrlPreset: sandbox.baseUrl, keychainService: first.keychainService, integrityWalkDelayMs: 60_000 });
  const published = await dispatch(createHandlers(services), 'offerings:publishAll', {}, (e) => assert.fail(String(e)));
  assert.ok(published.ok);
  await services.queue.drain();
  assert.deepEqual(sandbox.listings(key), [toWire(validDraft({ offeringId: 'sound-2' }))], 'only the sound offering reached the Marketplace');
  const row = services.catalogue.store.byId(damaged.id)!;
  assert.equal(JSON.parse(row.error!).code, 'damaged-offering');
  assert.equal(row.held, 1);
});
