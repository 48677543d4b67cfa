// Each rule row-rules writes twice, in TypeScript and in SQL over the list
// columns, gives the same answer for the same offerings at the same moment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openCatalogueDb } from '../../electron/main/database/open';
import { createCatalogue, parseDraft, type OfferingRow } from '../../electron/main/catalogue/catalogue';
import { LISTED_OR_SENT_SQL, PAST_LISTED_SQL, PAST_SQL, UPCOMING_SQL, isPast, listedVia, publishableProblems, publishableSql } from '../../electron/main/catalogue/row-rules';
import { toWire } from '../../electron/main/marketplace/wire';
import { OFFERING_STATUSES } from '../../shared/list-values';
import type { FieldError } from '../../shared/errors';
import { tempDir, validDraft, validOnlineDraft } from '../support/helpers';

const day = (date: string, start = '08:30', end = '16:30') => ({ date, start, end });
const notAllowed: FieldError = { path: 'trainingStandardKey', code: 'programId.missing', message: 'Enter the program ID.' };

/** Offerings on both sides of every line the rules draw: complete or not, days over or not, each kind and standard. */
function setup() {
  const db = openCatalogueDb(path.join(tempDir(), 'catalogue.sqlite'));
  const catalogue = createCatalogue(db);
  const saved = [
    validDraft({ classDays: [day('2027-03-10')] }),
    validDraft({ classDays: [day('2027-03-10'), day('2027-03-17')] }),
    validDraft({ classDays: [day('2026-11-02'), day('2027-03-17')] }),
    validDraft({ classDays: [day('2026-11-02')] }),
    validDraft({ trainingStandardKey: 'JHSC-2014-1-E-I', classDays: [day('2027-01-05', '09:00', '17:00')] }),
    validDraft({ trainingStandardKey: 'WAH-F-I', classDays: [day('2027-01-05', '09:00', '12:00')] }),
    validDraft({ courseName: '', classDays: [day('2027-03-10')] }),
    validDraft({ classDays: [day('2027-03-10', '', '')] }),
    validDraft({ classDays: [] }),
    validOnlineDraft(),
    validOnlineDraft({ courseDurationHours: null }),
  ].map((draft) => catalogue.save(null, draft));
  // Listed ones too: one past, one being sent through the gateway, one whose removal is queued.
  const list = (id: string, fields: Record<string, unknown>) => {
    const sets = Object.keys(fields).map((k) => `${k} = @${k}`).join(', ');
    db.prepare(`UPDATE offerings SET ${sets} WHERE id = @id`).run({ ...fields, id });
  };
  list(saved[3]!.id, { listed: JSON.stringify(toWire(saved[3]!.draft)), listed_via: 'network' });
  list(saved[2]!.id, { listed: JSON.stringify(toWire(saved[2]!.draft)), listed_via: 'network', pending: 'delete' });
  list(saved[4]!.id, { in_flight: 'add', listed_via: 'gateway' });
  list(saved[9]!.id, { listed: JSON.stringify(toWire(saved[9]!.draft)), listed_via: 'gateway' });
  const rows = () => db.prepare('SELECT o.*, d.draft FROM offerings o JOIN offering_drafts d USING (id) ORDER BY o.seq').all() as OfferingRow[];
  const where = (sql: string, params: Record<string, unknown>) =>
    (db.prepare(`SELECT id FROM offerings WHERE ${sql} ORDER BY seq`).all(params) as { id: string }[]).map((r) => r.id);
  return { db, rows, where };
}

/** Moments before, between and after the class days above, and on the very end of one. */
const MOMENTS = ['2026-10-01T12:00:00.000Z', '2026-11-02T21:30:00.000Z', '2026-12-01T12:00:00.000Z', '2027-03-11T12:00:00.000Z', '2028-01-01T00:00:00.000Z'];

test('publishable: publishableProblems and publishableSql pick the same offerings, at every moment and for every set of standards', () => {
  const { rows, where } = setup();
  for (const now of MOMENTS) {
    for (const allowed of [null, [], ['WAH-E-I'], ['WAH-E-I', 'JHSC-2014-1-E-I', 'JHSC-2014-1-E-O'], ["O'Brien"]]) {
      const byTs = rows()
        .filter((r) => publishableProblems(parseDraft(r), { now: new Date(now), allowed, notAllowed }).length === 0)
        .map((r) => r.id);
      assert.deepEqual(where(publishableSql(allowed), { now }), byTs, `at ${now}, allowed ${JSON.stringify(allowed)}`);
    }
  }
  assert.ok(where(publishableSql(null), { now: MOMENTS[0] }).length >= 5, 'the offerings include publishable ones');
});

test('past: isPast and PAST_SQL agree, and UPCOMING_SQL is every other offering', () => {
  const { rows, where } = setup();
  for (const now of MOMENTS) {
    const past = rows().filter((r) => isPast(r, now)).map((r) => r.id);
    assert.deepEqual(where(PAST_SQL, { now }), past, `past at ${now}`);
    assert.deepEqual(where(UPCOMING_SQL, { now }), rows().filter((r) => !isPast(r, now)).map((r) => r.id), `upcoming at ${now}`);
  }
  assert.ok(where(PAST_SQL, { now: MOMENTS[2] }).length > 0);
});

test('past and still listed: PAST_LISTED_SQL is isPast among the listed, in the catalogue, whose removal is not queued', () => {
  const { rows, where } = setup();
  for (const now of MOMENTS) {
    const expected = rows().filter((r) => r.trashed_at === null && r.listed !== null && r.pending !== 'delete' && isPast(r, now)).map((r) => r.id);
    assert.deepEqual(where(PAST_LISTED_SQL, { now }), expected, `at ${now}`);
  }
  assert.equal(where(PAST_LISTED_SQL, { now: MOMENTS[2] }).length, 1);
});

test('listed or being sent: listedVia names a connection for exactly the rows LISTED_OR_SENT_SQL takes', () => {
  const { rows, where } = setup();
  const withVia = rows().filter((r) => listedVia(r.listed !== null, r) !== null).map((r) => r.id);
  assert.deepEqual(where(LISTED_OR_SENT_SQL, {}), withVia);
  assert.equal(withVia.length, 4);
});

test('the status the runtime reads is the generated column, and it says exactly the statuses shared/list-values names', () => {
  const { db } = setup();
  const table = (db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'offerings'").get() as { sql: string }).sql;
  const expression = /status TEXT GENERATED ALWAYS AS \((CASE[\s\S]*?END)\) VIRTUAL/.exec(table)?.[1];
  assert.ok(expression, 'status is a generated column');
  const values = [...expression.matchAll(/(?:THEN|ELSE) '([a-z-]+)'/g)].map((m) => m[1]);
  assert.deepEqual([...new Set(values)].sort(), [...OFFERING_STATUSES].sort());
});
