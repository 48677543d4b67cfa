// The start-up integrity check: the hot paths trust stored rows, so a row
// damaged outside the app must be found at start, held back and never sent.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import Database from 'better-sqlite3';
import { testSandbox, testServices } from '../support/services';
import { networkKey, tempDir, validDraft } from '../support/helpers';
import { toWire } from '../../electron/main/marketplace/wire';
import { ListQuery } from '../../shared/ipc';
import { damage } from '../../electron/main/catalogue/integrity-check';
import { createHandlers } from '../../electron/main/handlers';
import { dispatch } from '../../electron/main/ipc/dispatch';

/** A catalogue with these offerings saved (sound) and the network key set, closed so that its file can be edited by hand. */
async function closedCatalogue(t: TestContext, offeringIds: string[]) {
  const key = networkKey();
  const sandbox = await testSandbox(t);
  const dataDir = tempDir();
  const first = testServices(t, { dataDir, marketplaceUrlPreset: sandbox.baseUrl });
  await first.services.credentials.setKey(key);
  const saved = offeringIds.map((offeringId) => first.services.catalogue.save(null, validDraft({ offeringId })));
  assert.deepEqual((await first.services.integrity).damaged, [], 'nothing is damaged before the hand edit');
  await first.services.close();
  const reopen = (integrityWalkDelayMs: number) => testServices(t, { dataDir, marketplaceUrlPreset: sandbox.baseUrl, keychainService: first.keychainService, integrityWalkDelayMs }).services;
  const idOf = (offeringId: string) => saved.find((r) => r.draft.offeringId === offeringId)!.id;
  return { key, sandbox, idOf, db: () => new Database(path.join(dataDir, 'catalogue.sqlite')), reopen };
}

/** What a disk fault or a hand edit leaves: a field of the wrong type in a stored draft. */
function giveWrongType(db: Database.Database, id: string): void {
  const draft = JSON.parse((db.prepare('SELECT draft FROM offering_drafts WHERE id = ?').get(id) as { draft: string }).draft) as Record<string, unknown>;
  db.prepare('UPDATE offering_drafts SET draft = ? WHERE id = ?').run(JSON.stringify({ ...draft, courseName: 42 }), id);
}

test('a damaged stored offering is found at start, held as needing attention and never sent; sound ones publish', async (t) => {
  const { key, sandbox, idOf, db: open, reopen } = await closedCatalogue(t, ['sound-1', 'wrong-type', 'unreadable']);
  const [sound, wrongType, unreadable] = [idOf('sound-1'), idOf('wrong-type'), idOf('unreadable')];

  // What a disk fault or a hand edit leaves: a field of the wrong type, and JSON cut short; two of them queued.
  const db = open();
  giveWrongType(db, wrongType);
  db.prepare("UPDATE offerings SET pending = 'publish' WHERE id = ?").run(wrongType);
  db.prepare("UPDATE offering_drafts SET draft = '{\"offeringId\": \"unread' WHERE id = ?").run(unreadable);
  db.prepare("UPDATE offerings SET pending = 'publish' WHERE id = ?").run(sound);
  db.close();

  // The walk waits a minute: the queue reaches the two rows waiting first, and checks each before sending it.
  const services = reopen(60_000);
  await services.queue.drain();
  assert.deepEqual(sandbox.listings(key), [toWire(validDraft({ offeringId: 'sound-1' }))], 'only the sound offering reached the Marketplace');
  assert.equal(JSON.parse(services.catalogue.store.byId(wrongType)!.error!).code, 'damaged-offering', 'the queued damaged row is held');
  assert.equal(services.catalogue.store.byId(unreadable)!.error, null, 'the walk has not started yet');
  await services.close();

  // The walk finds the rest: an unreadable row that was not waiting to be sent.
  const next = reopen(0);
  const report = await next.integrity;
  assert.deepEqual([...report.damaged].sort(), ['unreadable', 'wrong-type']);
  assert.equal(report.checked, 3);

  const attention = next.lists.page(ListQuery.parse({ status: 'needs-attention' }), new Date());
  assert.deepEqual(attention.rows.map((r) => r.offeringId).sort(), ['unreadable', 'wrong-type']);
  const error = JSON.parse(next.catalogue.store.byId(wrongType)!.error!) as { code: string; message: string };
  assert.equal(error.code, 'damaged-offering');
  assert.match(error.message, /not sent/);
});

test('damage() tells a sound row from a damaged one, without throwing', () => {
  const draft = JSON.stringify(validDraft());
  assert.equal(damage({ draft, listed: null }), null);
  assert.equal(damage({ draft, listed: JSON.stringify(toWire(validDraft())) }), null);
  assert.match(damage({ draft: '{', listed: null })!.message, /not readable/);
  assert.match(damage({ draft: JSON.stringify({ ...validDraft(), seatsRemaining: 'many' }), listed: null })!.message, /do not fit/);
  assert.match(damage({ draft, listed: '[1, 2' })!.message, /listed/);
  // What an earlier version accepted and published, and today's rules refuse: the field to correct is named.
  const secret = validDraft({ registrationUrl: 'https://staff:hunter2@training.example.ca/register' });
  const refused = damage({ draft: JSON.stringify(secret), listed: JSON.stringify({ ...toWire(validDraft()), externalRegistrationUrl: secret.registrationUrl }) })!;
  assert.equal(refused.code, 'listing-refused');
  assert.deepEqual(refused.fields?.map((f) => [f.path, f.code]), [['registrationUrl', 'url.credentials']]);
});

test('closing during the wait before the walk ends the check at once, with what it found', async (t) => {
  const { services } = testServices(t);
  services.catalogue.save(null, validDraft({ offeringId: 'not-walked' }));
  await services.close();
  assert.deepEqual(await services.integrity, { checked: 0, damaged: [] }, 'ended before walking, not after');
});

test('a damaged row published before the walk reaches it is checked by the queue, held and never sent', async (t) => {
  const { key, sandbox, idOf, db: open, reopen } = await closedCatalogue(t, ['sound-2', 'damaged-2']);
  const damaged = idOf('damaged-2');
  const db = open();
  giveWrongType(db, damaged);
  db.close();

  // The walk waits a minute here: Publish all comes before it reaches anything.
  const services = reopen(60_000);
  const published = await dispatch(createHandlers(services), 'offerings:publishAll', {}, (e) => assert.fail(String(e)));
  assert.ok(published.ok);
  await services.queue.drain();
  assert.deepEqual(sandbox.listings(key), [toWire(validDraft({ offeringId: 'sound-2' }))], 'only the sound offering reached the Marketplace');
  const row = services.catalogue.store.byId(damaged)!;
  assert.equal(JSON.parse(row.error!).code, 'damaged-offering');
  assert.equal(row.held, 1);
});

test('a stored draft today’s schema refuses still opens: the fields that do not fit are named and left empty, the rest kept', async (t) => {
  const { idOf, db: open, reopen } = await closedCatalogue(t, ['wrong-type-3']);
  const id = idOf('wrong-type-3');
  const db = open();
  giveWrongType(db, id);
  db.close();
  const services = reopen(0);
  await services.integrity;
  const opened = await dispatch(createHandlers(services), 'offerings:get', { id }, (e) => assert.fail(String(e)));
  assert.ok(opened.ok, 'the offering opens');
  const record = opened.value as { status: string; draft: { courseName: string; offeringId: string; address: { city: string } }; error: { code: string; fields?: { path: string; code: string }[] } };
  assert.equal(record.status, 'needs-attention');
  assert.deepEqual([record.draft.courseName, record.draft.offeringId, record.draft.address.city], ['', 'wrong-type-3', 'Toronto']);
  assert.equal(record.error.code, 'damaged-offering');
  assert.deepEqual(record.error.fields?.map((f) => [f.path, f.code]), [['courseName', 'invalid']]);
});
