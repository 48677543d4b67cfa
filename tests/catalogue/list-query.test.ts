// The list's questions answered by SQLite, against a real catalogue file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openCatalogueDb } from '../../electron/main/database/open';
import { createCatalogue } from '../../electron/main/catalogue/catalogue';
import { createListQuery, ftsQuery } from '../../electron/main/catalogue/list-query';
import { ListQuery } from '../../shared/ipc';
import { tempDir, validDraft, validOnlineDraft, futureDate } from '../support/helpers';

function setup() {
  const db = openCatalogueDb(path.join(tempDir(), 'catalogue.sqlite'));
  const catalogue = createCatalogue(db);
  const lists = createListQuery(db);
  const page = (q: Record<string, unknown> = {}) => lists.page(ListQuery.parse(q), new Date());
  const names = (q: Record<string, unknown> = {}) => page(q).rows.map((r) => r.courseName);
  return { db, catalogue, lists, page, names };
}

const day = (date: string) => [{ date, start: '08:30', end: '16:30' }];

test('filters, sorts and accent- and case-insensitive prefix search, from columns', () => {
  const { catalogue, names, page } = setup();
  catalogue.save(null, validDraft({ courseName: 'Sécurité à Trois-Rivières', trainingStandardKey: 'WAH-F-I', classDays: day(futureDate('05-03')), address: { ...validDraft().address, city: 'Trois-Rivières' } }));
  const ottawa = catalogue.save(null, validDraft({ courseName: 'JHSC Ottawa', offeringId: 'jhsc-2014-1-e-i-ott7', trainingStandardKey: 'JHSC-2014-1-E-I', classDays: day(futureDate('04-01')), address: { ...validDraft().address, city: 'Ottawa' } }));
  catalogue.save(null, validDraft({ courseName: 'WAH Toronto', classDays: day(futureDate('06-01')) }));
  catalogue.save(null, validOnlineDraft({ courseName: 'JHSC e-learning' }));
  catalogue.save(null, validDraft({ courseName: 'Old WAH', classDays: day('2024-02-01') }));

  assert.deepEqual(names(), ['Old WAH', 'JHSC Ottawa', 'Sécurité à Trois-Rivières', 'WAH Toronto', 'JHSC e-learning'], 'first date, undated last');
  assert.deepEqual(names({ search: 'securite trois rivieres' }), ['Sécurité à Trois-Rivières']);
  assert.deepEqual(names({ search: 'TROIS-RIV' }), ['Sécurité à Trois-Rivières'], 'prefix, case and punctuation');
  assert.deepEqual(names({ search: 'ottawa' }), ['JHSC Ottawa'], 'the city is searched');
  assert.deepEqual(names({ search: 'jhsc-2014-1-e-i-ott' }), [ottawa.draft.courseName], 'the offering id is searched');
  assert.deepEqual(names({ search: '"; DROP TABLE offerings; --' }), [], 'search text is only ever a match expression');
  assert.deepEqual(names({ kind: 'online' }), ['JHSC e-learning']);
  assert.deepEqual(names({ program: 'JHSC-2014' }), ['JHSC Ottawa', 'JHSC e-learning']);
  assert.deepEqual(names({ language: 'fr' }), ['Sécurité à Trois-Rivières']);
  assert.deepEqual(names({ when: 'past' }), ['Old WAH']);
  assert.equal(names({ when: 'upcoming' }).includes('Old WAH'), false);
  assert.deepEqual(names({ sort: 'course' }), ['JHSC e-learning', 'JHSC Ottawa', 'Old WAH', 'Sécurité à Trois-Rivières', 'WAH Toronto'], 'accents fold in the sort');
  assert.deepEqual(names({ sort: 'city' }).at(-1), 'JHSC e-learning', 'no city sorts after every city');
  assert.equal(page({ status: 'draft' }).total, 5);
  const row = page({ search: 'ottawa' }).rows[0]!;
  assert.deepEqual({ ...row, id: undefined, offeringId: undefined }, { id: undefined, offeringId: undefined, courseName: 'JHSC Ottawa', kind: 'class', standardKey: 'JHSC-2014-1-E-I', city: 'Ottawa', firstDate: futureDate('04-01'), seats: 12, durationHours: null, status: 'draft', past: false, listed: false, listedVia: null, pendingAction: null });
});

test('pages follow a keyset cursor (or jump by offset) without gaps or repeats, whatever the sort', () => {
  const { catalogue, page } = setup();
  for (let i = 0; i < 57; i++) catalogue.save(null, validDraft({ courseName: `Class ${String(i % 7)}`, seatsRemaining: i % 5, classDays: day(futureDate(`0${1 + (i % 9)}-1${i % 10}`)) }));
  for (const sort of ['firstDate', 'course', 'seats', 'status'] as const) {
    for (const direction of ['asc', 'desc'] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const p = page({ sort, direction, limit: 10, cursor });
        seen.push(...p.rows.map((r) => r.id));
        cursor = p.nextCursor;
      } while (cursor !== null);
      assert.equal(seen.length, 57, `${sort} ${direction}`);
      assert.equal(new Set(seen).size, 57, `${sort} ${direction}: no repeats`);
      const jumped = page({ sort, direction, limit: 10, offset: 20 }).rows.map((r) => r.id);
      assert.deepEqual(jumped, seen.slice(20, 30), `${sort} ${direction}: offset agrees with the cursor`);
    }
  }
  assert.throws(() => page({ cursor: 'not a cursor' }), /list position is not valid/);
  assert.throws(() => page({ cursor: '[{"a":1},2]' }), /list position is not valid/);
});

test('counts per status and past listings by SQL; the calendar reads a date range from class_days', () => {
  const { catalogue, lists, db } = setup();
  const a = catalogue.save(null, validDraft({ courseName: 'Three days', classDays: [futureDate('03-09'), futureDate('03-10'), futureDate('03-11')].map((d) => ({ date: d, start: '08:30', end: '15:00' })) }));
  catalogue.save(null, validDraft({ courseName: 'April', classDays: day(futureDate('04-20')) }));
  catalogue.publish(a.id, a.draft);
  db.prepare("UPDATE offerings SET listed = '{}', pending = NULL, last_end_utc = '2020-01-01T00:00:00.000Z' WHERE id = ?").run(a.id);
  const counts = lists.counts(new Date());
  assert.equal(counts.total, 2);
  assert.equal(counts.pastListed, 1);
  assert.equal(counts.byStatus.draft, 1);
  const march = lists.calendar(futureDate('03-01'), futureDate('03-10'));
  assert.deepEqual(march.map((d) => [d.courseName, d.date, d.day]), [['Three days', futureDate('03-09'), 0], ['Three days', futureDate('03-10'), 1]]);
});

test('ftsQuery folds accents and case and makes every word a prefix', () => {
  assert.equal(ftsQuery('  Sécurité   TROIS-Riv '), '"securite"* "trois"* "riv"*');
  assert.equal(ftsQuery(' -- '), null);
});

test('a broad match is counted only up to the bound, and says there is more', () => {
  const { db, catalogue } = setup();
  for (let i = 0; i < 8; i++) catalogue.save(null, validDraft({ courseName: i === 3 ? 'Class with a zebra' : `Class ${i}` }));
  const capped = createListQuery(db, { maxCounted: 5 });
  const all = capped.page(ListQuery.parse({ search: 'class' }), new Date());
  assert.deepEqual([all.total, all.more, all.rows.length], [5, true, 8]);
  const few = capped.page(ListQuery.parse({ search: 'zebra' }), new Date());
  assert.deepEqual([few.total, few.more], [1, false]);
});

test('a search counts what the list would show: nothing in the Trash, and only within the other filters', () => {
  const { catalogue, page } = setup();
  const trashed = catalogue.save(null, validDraft({ courseName: 'Fall arrest, trashed', classDays: day(futureDate('05-02')) }));
  catalogue.save(null, validDraft({ courseName: 'Fall arrest upcoming', classDays: day(futureDate('05-01')) }));
  catalogue.save(null, validDraft({ courseName: 'Fall arrest past', classDays: day('2024-02-01') }));
  catalogue.save(null, validOnlineDraft({ courseName: 'Fall arrest online' }));
  catalogue.save(null, validDraft({ courseName: 'Confined space', classDays: day(futureDate('05-03')) }));
  catalogue.deleteMany([trashed.id]);
  const counted = (q: Record<string, unknown>) => [page(q).total, page(q).rows.length];
  assert.deepEqual(counted({ search: 'fall' }), [3, 3], 'the trashed match is not counted');
  assert.deepEqual(counted({ search: 'fall', kind: 'class' }), [2, 2]);
  assert.deepEqual(counted({ search: 'fall', when: 'upcoming', kind: 'class' }), [1, 1]);
  assert.deepEqual(counted({ search: 'fall', status: 'draft' }), [3, 3], 'with a status, counted from the status index');
  assert.deepEqual(counted({ search: 'fall', status: 'published' }), [0, 0]);
});

test('the Needs attention filter shows what needs the user: failed changes and listings gone from the Marketplace; Incomplete is a filter of its own', () => {
  const { db, catalogue, names } = setup();
  const failed = catalogue.save(null, validDraft({ courseName: 'Failed WAH' }));
  const gone = catalogue.save(null, validDraft({ courseName: 'Gone WAH' }));
  catalogue.save(null, validDraft({ courseName: 'Fine WAH' }));
  catalogue.save(null, validDraft({ courseName: 'Half typed', registrationUrl: '' }));
  db.prepare("UPDATE offerings SET held = 1, error = '{}' WHERE id = ?").run(failed.id);
  db.prepare('UPDATE offerings SET needs_attention = 1 WHERE id = ?').run(gone.id);
  assert.deepEqual(names({ status: 'needs-attention' }).sort(), ['Failed WAH', 'Gone WAH']);
  assert.deepEqual(names({ status: 'failed' }), ['Failed WAH']);
  assert.deepEqual(names({ status: 'incomplete' }), ['Half typed']);
  assert.deepEqual(names({ status: 'draft' }), ['Fine WAH']);
});

test('a busy calendar day shows the first few classes and counts them all; the Trash takes its days along and gives them back', () => {
  const { catalogue, lists } = setup();
  const date = futureDate('05-12');
  const made = Array.from({ length: 10 }, (_, i) => catalogue.save(null, validDraft({ courseName: `Busy ${i}`, classDays: [{ date, start: `${String(8 + i).padStart(2, '0')}:00`, end: '18:30' }] })));
  const shown = () => lists.calendar(date, date);
  assert.deepEqual(shown().map((d) => d.courseName), ['Busy 0', 'Busy 1', 'Busy 2', 'Busy 3', 'Busy 4', 'Busy 5', 'Busy 6', 'Busy 7'], 'the first eight, by start time');
  assert.deepEqual([...new Set(shown().map((d) => d.onDay))], [10]);
  catalogue.delete(made[0]!.id);
  assert.equal(shown()[0]!.onDay, 9, 'a class in the Trash is not on the calendar');
  assert.equal(shown()[0]!.courseName, 'Busy 1');
  catalogue.restore(made[0]!.id);
  assert.equal(shown()[0]!.courseName, 'Busy 0', 'restored with its day');
});
