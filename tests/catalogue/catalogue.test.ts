import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openCatalogueDb } from '../../electron/main/database/open';
import { schemaVersion, migrate, LATEST_VERSION } from '../../electron/main/database/schema';
import { MIGRATIONS } from '../../electron/main/database/migrations/index';
import { createCatalogue } from '../../electron/main/catalogue/catalogue';
import { createCallLog } from '../../electron/main/queue/call-log';
import { createSettings } from '../../electron/main/settings/settings';
import { toWire } from '../../electron/main/marketplace/wire';
import { AppFailure } from '../../shared/errors';
import { tempDir, validDraft } from '../support/helpers';
import { testServices } from '../support/services';
import { emptyDraft } from '../../shared/offering';

const fileIn = (dir: string) => path.join(dir, 'catalogue.sqlite');

function rejects(fn: () => unknown, code: string, message?: RegExp): AppFailure {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof AppFailure, `expected an AppFailure, got ${String(e)}`);
    assert.equal(e.error.code, code);
    if (message) assert.match(e.error.message, message);
    return e;
  }
  assert.fail(`expected ${code}`);
}

test('migrations run from an empty file to the latest version, in WAL with synchronous=FULL on every open', () => {
  const dir = tempDir();
  const db = openCatalogueDb(fileIn(dir));
  assert.equal(schemaVersion(db), LATEST_VERSION);
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(db.pragma('synchronous', { simple: true }), 2);
  db.close();
  const again = openCatalogueDb(fileIn(dir));
  assert.equal(again.pragma('synchronous', { simple: true }), 2, 'FULL again after reopening a WAL file');
  again.close();
});

test('each migration applies on an in-memory database and a failing one rolls back', () => {
  for (const m of MIGRATIONS) {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.filter((x) => x.version <= m.version));
    assert.equal(schemaVersion(db), m.version);
    db.close();
  }
  const db = new Database(':memory:');
  const broken = [...MIGRATIONS, { version: LATEST_VERSION + 1, name: 'broken', up: (d: Database.Database) => d.exec('CREATE TABLE half (x); SELECT nonsense FROM nowhere;') }];
  assert.throws(() => migrate(db, broken), /no such table: nowhere/);
  assert.equal(schemaVersion(db), LATEST_VERSION);
  assert.deepEqual(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half'").get(), { n: 0 });
});

test('a catalogue written by a newer app version is refused with a clear message', () => {
  const dir = tempDir();
  const raw = new Database(fileIn(dir));
  raw.pragma(`user_version = ${LATEST_VERSION + 5}`);
  raw.close();
  rejects(() => openCatalogueDb(fileIn(dir)), 'catalogue-newer', /newer version of Offering Desk/);
  const check = new Database(fileIn(dir));
  assert.equal(check.pragma('user_version', { simple: true }), LATEST_VERSION + 5, 'left untouched');
  check.close();
});

test('drafts round-trip, may be incomplete, and survive a restart', () => {
  const dir = tempDir();
  let db = openCatalogueDb(fileIn(dir));
  let catalogue = createCatalogue(db);
  const incomplete = { ...emptyDraft(), courseName: 'Half typed' };
  const saved = catalogue.save(null, incomplete);
  assert.equal(saved.status, 'incomplete', 'saved, and marked as not ready to publish');
  assert.match(saved.draft.offeringId, /^offering-[a-z0-9x]{4}$/, 'an id is generated');
  const full = catalogue.save(null, validDraft({ offeringId: '' }));
  assert.equal(full.status, 'draft', 'a complete one is a draft ready to publish');
  assert.match(full.draft.offeringId, /^wah-e-i-\d{4}-03-10-[a-z0-9x]{4}$/);
  assert.equal(full.draft.address.postalCode, 'M5H 2N2', 'postal codes are stored as A1A 1A1');
  db.close();

  db = openCatalogueDb(fileIn(dir));
  catalogue = createCatalogue(db);
  const records = catalogue.list();
  assert.equal(records.length, 2);
  assert.deepEqual(catalogue.get(saved.id).draft, saved.draft);
  assert.deepEqual(catalogue.get(full.id).draft, full.draft);
  db.close();
});

test('publishing an invalid offering is refused with field errors and changes nothing', () => {
  const db = openCatalogueDb(fileIn(tempDir()));
  const catalogue = createCatalogue(db);
  const before = catalogue.save(null, validDraft());
  const failure = rejects(() => catalogue.publish(before.id, { ...before.draft, registrationUrl: '', courseName: 'Renamed' }), 'validation');
  assert.deepEqual(failure.error.fields?.map((f) => f.path), ['registrationUrl']);
  const after = catalogue.get(before.id);
  assert.deepEqual(after, before, 'neither the draft nor the status changed');
  assert.equal(catalogue.list().length, 1);
});

test('status follows the publishing lifecycle', () => {
  const db = openCatalogueDb(fileIn(tempDir()));
  const catalogue = createCatalogue(db);
  const draft = catalogue.save(null, validDraft());
  assert.equal(draft.status, 'draft');
  const queued = catalogue.publish(draft.id, draft.draft);
  assert.equal(queued.status, 'waiting');
  assert.equal(queued.pendingAction, 'publish');
  // What the queue records on success:
  db.prepare('UPDATE offerings SET listed = ?, pending = NULL WHERE id = ?').run(JSON.stringify(toWire(queued.draft)), draft.id);
  assert.equal(catalogue.get(draft.id).status, 'published');
  const edited = catalogue.save(draft.id, { ...queued.draft, seatsRemaining: 3 });
  assert.equal(edited.status, 'changed');
  rejects(() => catalogue.save(draft.id, { ...queued.draft, offeringId: 'something-else' }), 'locked-field', /cannot change once the offering has been published/);
  db.prepare("UPDATE offerings SET held = 1, error = ? WHERE id = ?").run(JSON.stringify({ code: 'marketplace-server', message: 'Down' }), draft.id);
  const failed = catalogue.get(draft.id);
  assert.equal(failed.status, 'failed');
  assert.equal(failed.error?.message, 'Down');
});

test('an offering id is unique in the catalogue', () => {
  const db = openCatalogueDb(fileIn(tempDir()));
  const catalogue = createCatalogue(db);
  catalogue.save(null, validDraft({ offeringId: 'wah-1' }));
  rejects(() => catalogue.save(null, validDraft({ offeringId: 'wah-1' })), 'validation', /already uses the ID “wah-1”/);
  assert.equal(catalogue.list().length, 1);
});

test('deleting a never-published draft removes it; a listed one is queued for deletion', () => {
  const db = openCatalogueDb(fileIn(tempDir()));
  const catalogue = createCatalogue(db);
  const a = catalogue.save(null, validDraft());
  assert.deepEqual(catalogue.delete(a.id), { removed: true });
  assert.equal(catalogue.list().length, 0);
  const b = catalogue.save(null, validDraft());
  db.prepare("UPDATE offerings SET listed = '{}' WHERE id = ?").run(b.id);
  assert.deepEqual(catalogue.delete(b.id), { removed: false });
  assert.equal(catalogue.row(b.id).pending, 'delete');
});

test('the call log is append-only', () => {
  const db = openCatalogueDb(fileIn(tempDir()));
  const log = createCallLog(db, { now: () => new Date('2026-11-27T10:00:00Z') });
  log.sending('wah-1', 'add');
  log.done('wah-1', 'add', 201);
  // Both rows are kept (the "sending" one is what a crash leaves behind); the list shows the call once.
  assert.deepEqual(db.prepare('SELECT phase, http_status FROM call_log ORDER BY id').all(), [{ phase: 'sending', http_status: null }, { phase: 'done', http_status: 201 }]);
  assert.deepEqual(log.list(false, 10).map((e) => [e.phase, e.httpStatus]), [['done', 201]]);
  log.sending('wah-1', 'patch');
  assert.deepEqual(log.list(false, 10).map((e) => [e.action, e.phase]), [['patch', 'sending'], ['add', 'done']], 'a call still on its way shows as sending');
  assert.throws(() => db.prepare('DELETE FROM call_log').run(), /append-only/);
  assert.throws(() => db.prepare("UPDATE call_log SET message = 'x'").run(), /append-only/);
});

test('the Marketplace URL setting takes https, or http only to this computer', () => {
  const db = openCatalogueDb(fileIn(tempDir()));
  const settings = createSettings(db);
  const setUrl = (marketplaceUrl: string) => settings.apply(settings.check({ marketplaceUrl }));
  assert.equal(settings.marketplaceUrl(), null, 'the sandbox by default');
  setUrl('https://marketplace.example.ca/api-v2/');
  assert.equal(settings.marketplaceUrl(), 'https://marketplace.example.ca/api-v2');
  setUrl('http://127.0.0.1:8080/api-v2');
  for (const bad of ['http://marketplace.example.ca/api-v2', 'ftp://x', 'not a url', 'https://u:p@x.example/api']) {
    rejects(() => setUrl(bad), 'settings-invalid');
  }
  assert.equal(settings.marketplaceUrl(), 'http://127.0.0.1:8080/api-v2', 'unchanged by the refused values');
  setUrl('');
  assert.equal(settings.marketplaceUrl(), null);
  assert.equal(createSettings(db, { marketplaceUrl: 'https://preset.example/api-v2' }).marketplaceUrl(), null, 'a preset never overrides a saved choice');
  const fresh = openCatalogueDb(fileIn(tempDir()));
  assert.equal(createSettings(fresh, { marketplaceUrl: 'https://preset.example/api-v2' }).marketplaceUrl(), 'https://preset.example/api-v2');
});

test('Run again and Repeat weekly copy an offering to new dates as new drafts, keeping the days’ spacing', () => {
  const db = openCatalogueDb(fileIn(tempDir()));
  const catalogue = createCatalogue(db);
  const source = catalogue.save(null, validDraft({ trainingStandardKey: 'JHSC-2014-1-E-I', classDays: [
    { date: '2027-03-10', start: '08:30', end: '15:00' },
    { date: '2027-03-11', start: '08:30', end: '15:00' },
    { date: '2027-03-17', start: '08:30', end: '15:00' },
  ] }));
  const [again] = catalogue.duplicate(source.id, '2027-04-05', 1);
  assert.deepEqual(again!.draft.classDays.map((d) => d.date), ['2027-04-05', '2027-04-06', '2027-04-12']);
  assert.equal(again!.status, 'draft');
  assert.notEqual(again!.draft.offeringId, source.draft.offeringId);
  assert.match(again!.draft.offeringId, /^jhsc-2014-1-e-i-2027-04-05-/);

  const weekly = catalogue.duplicate(source.id, '2027-10-26', 3);
  assert.deepEqual(weekly.map((r) => r.draft.classDays[0]!.date), ['2027-10-26', '2027-11-02', '2027-11-09'], 'calendar weeks across the end of daylight saving');
  assert.equal(catalogue.list().length, 5);
  assert.equal(new Set(catalogue.list().map((r) => r.draft.offeringId)).size, 5);
  rejects(() => catalogue.duplicate(source.id, 'next tuesday', 1), 'validation', /is not a date/);
  assert.equal(catalogue.list().length, 5, 'a refused duplicate creates nothing');
});

test('addresses already used are offered again, once each', () => {
  const db = openCatalogueDb(fileIn(tempDir()));
  const catalogue = createCatalogue(db);
  const a = { street: '100 Queen St W', extended: '', city: 'Toronto', province: 'ON', postalCode: 'M5H 2N2' };
  catalogue.save(null, validDraft({ address: a }));
  catalogue.save(null, validDraft({ address: { ...a, postalCode: 'm5h2n2' } }));
  catalogue.save(null, validDraft({ address: { street: '1 Sparks St', extended: 'Room 4', city: 'Ottawa', province: 'ON', postalCode: 'K1P 5B7' } }));
  catalogue.save(null, validDraft({ trainingStandardKey: 'JHSC-2014-1-E-V', address: { street: '', extended: '', city: '', province: 'ON', postalCode: '' } }));
  assert.deepEqual(catalogue.locations().map((l) => l.city).sort(), ['Ottawa', 'Toronto']);
});

test('deleted offerings wait in the Trash for 30 days and can be restored', () => {
  let now = Date.parse('2026-11-27T12:00:00Z');
  const db = openCatalogueDb(fileIn(tempDir()));
  const catalogue = createCatalogue(db, { now: () => new Date(now) });
  const a = catalogue.save(null, validDraft({ courseName: 'Kept in the trash' }));
  const b = catalogue.save(null, validDraft({ courseName: 'Trashed long ago' }));
  catalogue.delete(b.id);
  now += 10 * 24 * 3600 * 1000;
  catalogue.delete(a.id);
  assert.deepEqual(catalogue.list(), []);
  assert.deepEqual(catalogue.trash().map((r) => r.draft.courseName), ['Kept in the trash', 'Trashed long ago']);
  now += 25 * 24 * 3600 * 1000;
  assert.equal(catalogue.purgeTrash(), 1, 'only what is older than 30 days goes');
  const restored = catalogue.restore(a.id);
  assert.deepEqual([restored.trashedAt, restored.status, restored.draft], [null, 'draft', a.draft]);
  assert.deepEqual(catalogue.list().map((r) => r.id), [a.id]);
  rejects(() => catalogue.restore(a.id), 'not-found', /not in the Trash/);
});

test('the seats of a listed offering change straight from the list and queue a patch; past listed offerings are flagged and removed in one go', () => {
  const db = openCatalogueDb(fileIn(tempDir()));
  const catalogue = createCatalogue(db);
  const listed = catalogue.save(null, validDraft());
  db.prepare('UPDATE offerings SET listed = ? WHERE id = ?').run(JSON.stringify(toWire(listed.draft)), listed.id);
  const draft = catalogue.save(null, validDraft());
  assert.deepEqual([catalogue.setSeats(listed.id, 3).draft.seatsRemaining, catalogue.get(listed.id).pendingAction], [3, 'publish']);
  assert.deepEqual([catalogue.setSeats(draft.id, 9).draft.seatsRemaining, catalogue.get(draft.id).pendingAction], [9, null], 'a draft is only saved');

  const past = catalogue.save(null, validDraft({ classDays: [{ date: '2025-05-01', start: '08:00', end: '16:00' }] }));
  db.prepare('UPDATE offerings SET listed = ? WHERE id = ?').run(JSON.stringify(toWire(past.draft)), past.id);
  assert.equal(catalogue.get(past.id).past, true);
  assert.equal(catalogue.get(listed.id).past, false);
  assert.deepEqual(catalogue.removePast(), [past.id]);
  assert.equal(catalogue.get(past.id).pendingAction, 'delete');
});

test('a save from an editor that has not seen the list’s seats change keeps them: only the fields it changed since its base are written', () => {
  const db = openCatalogueDb(fileIn(tempDir()));
  const catalogue = createCatalogue(db);
  const opened = catalogue.save(null, validDraft({ courseName: 'WAH', seatsRemaining: 12 }));
  catalogue.setSeats(opened.id, 3);
  // The form still shows 12: it sends its whole draft, and the draft it started from.
  const saved = catalogue.save(opened.id, { ...opened.draft, courseName: 'WAH, renamed' }, opened.draft);
  assert.deepEqual([saved.draft.courseName, saved.draft.seatsRemaining], ['WAH, renamed', 3]);
  const published = catalogue.publish(opened.id, { ...saved.draft, seatsRemaining: 12, price: 99 }, { ...saved.draft, seatsRemaining: 12 });
  assert.deepEqual([published.draft.seatsRemaining, published.draft.price], [3, 99], 'Publish sends the list’s seats too');
  assert.equal(catalogue.save(opened.id, { ...published.draft, seatsRemaining: 8 }).draft.seatsRemaining, 8, 'without a base, the draft as sent');
  db.close();
});

test('a location is saved for the form to offer again only once its address is complete: a half-typed one is not kept', (t) => {
  const { services } = testServices(t);
  const full = { street: '55 York St', extended: 'Suite 300', city: 'Toronto', province: 'ON', postalCode: 'M5J 1R7' };
  // The form autosaves as the address is typed: street and city first, the postal code half done.
  const row = services.catalogue.save(null, validDraft({ address: { ...full, postalCode: '' } }));
  services.catalogue.save(row.id, validDraft({ offeringId: row.draft.offeringId, address: { ...full, postalCode: 'M5J' } }));
  assert.deepEqual(services.catalogue.locations(), []);
  services.catalogue.save(row.id, validDraft({ offeringId: row.draft.offeringId, address: full }));
  assert.deepEqual(services.catalogue.locations(), [{ ...full, postalCode: 'M5J 1R7' }]);
});
