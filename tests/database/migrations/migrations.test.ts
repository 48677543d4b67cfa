// Each migration on its own: the catalogue at the version before, filled with
// rows the app of that version wrote, then migrated and checked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { migrate, schemaVersion } from '../../../electron/main/database/schema';
import { MIGRATIONS } from '../../../electron/main/database/migrations/index';
import { toWire } from '../../../electron/main/marketplace/wire';
import { validDraft, futureDate } from '../../support/helpers';
import { LIST_INDEXES, SORT_EXPRESSIONS } from '../../../electron/main/catalogue/list-indexes';
import { createListQuery } from '../../../electron/main/catalogue/list-query';
import { createOfferingsStore, DUE_SQL } from '../../../electron/main/catalogue/offerings-store';
import { ListQuery } from '../../../shared/ipc';

// By version, not by place in the list: a version may be missing while another change holds it (13).
const through = (version: number) => MIGRATIONS.filter((m) => m.version <= version);
const at = (version: number) => {
  const db = new Database(':memory:');
  migrate(db, through(version));
  assert.equal(schemaVersion(db), version);
  return db;
};
const upTo = (db: Database.Database, version: number) => migrate(db, through(version));

/** A draft as the app saved it before online offerings: no `kind`, no `courseDurationHours`. */
function oldDraft(overrides: Record<string, unknown> = {}): string {
  const { kind: _k, courseDurationHours: _c, ...draft } = validDraft();
  return JSON.stringify({ ...draft, ...overrides });
}

function insertV1(db: Database.Database, draft: string, listed: string | null = null, offeringId: string = JSON.parse(draft).offeringId): string {
  const id = randomUUID();
  db.prepare("INSERT INTO offerings (id, offering_id, draft, created_at, updated_at, listed) VALUES (?, ?, ?, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', ?)").run(id, offeringId, draft, listed);
  return id;
}

test('migration 1: offerings, an append-only call log, settings and the worker lease', () => {
  const db = at(1);
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all().map((r) => (r as { name: string }).name);
  assert.deepEqual(tables.filter((n) => !n.startsWith('sqlite_')), ['call_log', 'offerings', 'settings', 'worker_lease']);
  db.prepare("INSERT INTO call_log (at, offering_id, action, phase) VALUES ('x', 'o', 'add', 'sending')").run();
  assert.throws(() => db.prepare('DELETE FROM call_log').run(), /append-only/);
});

test('migration 2: every offering is out of the Trash', () => {
  const db = at(1);
  insertV1(db, oldDraft());
  upTo(db, 2);
  assert.deepEqual(db.prepare('SELECT trashed_at FROM offerings').all(), [{ trashed_at: null }]);
});

test('migration 3: what was listed before the gateway was listed through the network API', () => {
  const db = at(2);
  const listed = insertV1(db, oldDraft(), JSON.stringify(toWire(validDraft())));
  const draft = insertV1(db, oldDraft());
  upTo(db, 3);
  const via = (id: string) => (db.prepare('SELECT listed_via FROM offerings WHERE id = ?').get(id) as { listed_via: string | null }).listed_via;
  assert.equal(via(listed), 'network');
  assert.equal(via(draft), null);
});

test('migration 4: list columns, class days, locations and search backfilled from 10,000 offerings', (t) => {
  const db = at(3);
  const insert = db.transaction(() => {
    for (let i = 0; i < 10_000; i++) {
      const city = ['Toronto', 'Trois-Rivières', 'Ottawa', 'Sudbury'][i % 4]!;
      const draft = oldDraft({
        offeringId: `wah-${i}`,
        courseName: i === 7 ? 'Sécurité en hauteur' : `Class ${i}`,
        seatsRemaining: i % 30,
        address: { street: `${i % 10} Main St`, extended: '', city, province: 'ON', postalCode: 'M5H 2N2' },
        classDays: [{ date: futureDate('03-10'), start: '08:30', end: '12:00' }, { date: futureDate('03-11'), start: '08:30', end: '16:30' }],
      });
      insertV1(db, draft, i % 3 === 0 ? JSON.stringify(toWire(JSON.parse(draft))) : null);
    }
  });
  insert();
  const started = performance.now();
  upTo(db, 4);
  const ms = performance.now() - started;
  t.diagnostic(`migration 4 backfilled 10,000 offerings in ${ms.toFixed(0)} ms`);

  const row = db.prepare("SELECT * FROM offerings WHERE offering_id = 'wah-7'").get() as Record<string, unknown>;
  assert.deepEqual(
    [row.kind, row.course_name, row.course_sort, row.standard_key, row.program, row.language, row.delivery, row.city, row.first_date, row.seats, row.problem_count],
    ['class', 'Sécurité en hauteur', 'securite en hauteur', 'WAH-E-I', 'WAH', 'en', 'in-person', 'Sudbury', futureDate('03-10'), 7, 0],
  );
  assert.match(String(row.last_end_utc), new RegExp(`^${futureDate('03-11')}T2[01]:30:00\\.000Z$`));
  const statuses = Object.fromEntries((db.prepare('SELECT status, COUNT(*) AS n FROM offerings GROUP BY status').all() as { status: string; n: number }[]).map((r) => [r.status, r.n]));
  assert.deepEqual(statuses, { draft: 6666, published: 3334 }, 'listed ones are published, the rest drafts');
  assert.equal((db.prepare('SELECT COUNT(*) AS n FROM class_days').get() as { n: number }).n, 20_000);
  assert.equal((db.prepare('SELECT COUNT(*) AS n FROM locations').get() as { n: number }).n, 20, 'one location per address: 10 streets in the cities they meet');
  const found = db.prepare("SELECT o.offering_id FROM offerings_fts f JOIN offerings o ON o.seq = f.rowid WHERE offerings_fts MATCH '\"securite\"*'").all();
  assert.deepEqual(found, [{ offering_id: 'wah-7' }]);
  assert.equal((db.prepare('SELECT COUNT(DISTINCT seq) AS n FROM offerings').get() as { n: number }).n, 10_000, 'every offering has its own seq');
});

test('migration 4 never throws on a row it cannot read: every row is kept, with what could be read, for the integrity walk to mark', () => {
  const db = at(3);
  const secret = JSON.parse(oldDraft({ offeringId: 'secret-link', registrationUrl: 'https://staff:hunter2@training.example.ca/register' })) as Record<string, unknown>;
  const rows = {
    unreadable: insertV1(db, '{"offeringId": "unread', null, 'unreadable'),
    wrongTypes: insertV1(db, JSON.stringify({ offeringId: 'wrong-types', courseName: 42, classDays: 'soon', address: null, trainingStandardKey: 'NOT-A-STANDARD' })),
    notAnObject: insertV1(db, '[1, 2, 3]', null, 'not-an-object'),
    // Accepted and published by the first version; today's wire rules refuse the link.
    refusedToday: insertV1(db, JSON.stringify(secret), JSON.stringify({ ...toWire(JSON.parse(oldDraft()) as never), offeringId: 'secret-link', externalRegistrationUrl: secret.registrationUrl })),
    listedUnreadable: insertV1(db, oldDraft({ offeringId: 'listed-unreadable' }), '{"offeringId'),
  };
  upTo(db, 12);
  const kept = db.prepare('SELECT o.id, o.seq, o.course_name, o.standard_key, o.program, o.problem_count, d.draft FROM offerings o JOIN offering_drafts d USING (id) ORDER BY o.seq').all() as { id: string; seq: number; course_name: string; standard_key: string | null; program: string | null; problem_count: number; draft: string }[];
  assert.deepEqual(kept.map((r) => r.id).sort(), Object.values(rows).sort(), 'every row is kept');
  assert.equal(kept.find((r) => r.id === rows.unreadable)!.draft, '{"offeringId": "unread', 'the stored text is untouched');
  const wrong = kept.find((r) => r.id === rows.wrongTypes)!;
  assert.deepEqual([wrong.course_name, wrong.standard_key, wrong.program], ['', 'NOT-A-STANDARD', null]);
  assert.ok(wrong.problem_count > 0);
  assert.ok(kept.find((r) => r.id === rows.refusedToday)!.problem_count > 0, 'the rules of its day already wanted the link fixed before a new publish');
});

test('migration 5: covering indexes carry every filter column, so counts and page keys read no row', (t) => {
  const db = at(3);
  db.transaction(() => {
    for (let i = 0; i < 2_000; i++) insertV1(db, oldDraft({ offeringId: `wah-${i}` }), i % 2 === 0 ? JSON.stringify(toWire(JSON.parse(oldDraft({ offeringId: `wah-${i}` })))) : null);
  })();
  upTo(db, 4);
  const started = performance.now();
  upTo(db, 5);
  t.diagnostic(`migration 5 indexed 2,000 offerings in ${(performance.now() - started).toFixed(0)} ms`);
  const columns = (index: string) => (db.prepare(`PRAGMA index_xinfo(${index})`).all() as { name: string | null; key: number }[]).filter((c) => c.key === 1).map((c) => c.name ?? 'expr');
  for (const index of Object.values(LIST_INDEXES)) {
    for (const column of ['last_end_utc', 'program', 'language', 'kind', 'seq']) assert.ok(columns(index).includes(column), `${index} carries ${column}`);
  }
  assert.deepEqual(columns(LIST_INDEXES.filters).slice(0, 2), ['status', 'seq'], 'status first, then seq: the status sort walks it');
  // The runtime's own copy (db/list-indexes) names what the latest schema has.
  const latest = at(MIGRATIONS.at(-1)!.version);
  const indexSql = (latest.prepare("SELECT group_concat(sql, ' ') AS s FROM sqlite_master WHERE type = 'index'").get() as { s: string }).s;
  for (const index of Object.values(LIST_INDEXES)) assert.ok(latest.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?").get(index), `${index} is in the schema`);
  for (const [sort, expression] of Object.entries(SORT_EXPRESSIONS)) assert.ok(indexSql.includes(`(${expression}, seq`), `an index sorts by ${sort} as the list does`);
  assert.equal(db.prepare("SELECT name FROM sqlite_master WHERE name = 'offerings_by_date'").get(), undefined, 'the narrower date index is gone');
  assert.ok((db.prepare('SELECT COUNT(*) AS n FROM sqlite_stat1').get() as { n: number }).n > 0, 'the planner has statistics');
  // The list's own queries, as it makes them, must be answerable from the index.
  const lists = createListQuery(db as never);
  const page = lists.page(ListQuery.parse({ status: 'published', when: 'upcoming', limit: 10 }), new Date());
  assert.equal(page.total, 1_000);
  assert.equal(page.rows.length, 10);
});

test('migration 6: every draft moves to its own table, unchanged, and leaves with its offering', (t) => {
  const db = at(5);
  const drafts = new Map<string, string>();
  db.transaction(() => {
    for (let i = 0; i < 10_000; i++) {
      const draft = oldDraft({ offeringId: `wah-${i}`, courseName: i === 3 ? 'Sécurité — “hauteur”' : `Class ${i}` });
      const id = randomUUID();
      drafts.set(id, draft);
      db.prepare("INSERT INTO offerings (id, seq, offering_id, draft, created_at, updated_at) VALUES (?, ?, ?, ?, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')").run(id, i + 1, `wah-${i}`, draft);
    }
  })();
  const started = performance.now();
  upTo(db, 6);
  t.diagnostic(`migration 6 moved 10,000 drafts in ${(performance.now() - started).toFixed(0)} ms`);
  const moved = new Map((db.prepare('SELECT id, draft FROM offering_drafts').all() as { id: string; draft: string }[]).map((r) => [r.id, r.draft]));
  assert.deepEqual(moved, drafts, 'every draft, byte for byte');
  assert.ok(!(db.prepare('PRAGMA table_info(offerings)').all() as { name: string }[]).some((c) => c.name === 'draft'), 'offerings rows no longer carry the draft');
  db.pragma('foreign_keys = ON');
  const [gone] = [...drafts.keys()];
  db.prepare('DELETE FROM offerings WHERE id = ?').run(gone);
  assert.equal(db.prepare('SELECT 1 FROM offering_drafts WHERE id = ?').get(gone), undefined, 'purging an offering purges its draft');
});

test('migration 7: a never-listed draft with problems is incomplete, a ready one stays a draft; listed ones are untouched', () => {
  const db = at(6);
  const insert = db.prepare("INSERT INTO offerings (id, seq, offering_id, created_at, updated_at, problem_count, listed) VALUES (?, ?, ?, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', ?, ?)");
  insert.run('a', 1, 'ready', 0, null);
  insert.run('b', 2, 'unfinished', 3, null);
  insert.run('c', 3, 'listed-then-broken', 1, '{}');
  upTo(db, 7);
  const statuses = db.prepare('SELECT offering_id, status FROM offerings ORDER BY seq').all();
  assert.deepEqual(statuses, [
    { offering_id: 'ready', status: 'draft' },
    { offering_id: 'unfinished', status: 'incomplete' },
    { offering_id: 'listed-then-broken', status: 'changed' },
  ]);
  assert.equal((db.prepare("SELECT COUNT(*) AS n FROM offerings INDEXED BY offerings_filters WHERE trashed_at IS NULL AND status = 'incomplete'").get() as { n: number }).n, 1, 'the status index is back');
});

test('migration 8: the calendar reads its days from one covering index; days of offerings in the Trash are dropped', () => {
  const db = at(7);
  const insert = db.prepare("INSERT INTO offerings (id, seq, offering_id, created_at, updated_at, trashed_at) VALUES (?, ?, ?, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', ?)");
  insert.run('kept', 1, 'kept', null);
  insert.run('binned', 2, 'binned', '2026-01-02T00:00:00.000Z');
  const day = db.prepare("INSERT INTO class_days (offering_row, day, date, start, \"end\") VALUES (?, 0, '2027-03-10', '08:30', '16:30')");
  day.run('kept');
  day.run('binned');
  upTo(db, 8);
  assert.deepEqual(db.prepare('SELECT offering_row FROM class_days').all(), [{ offering_row: 'kept' }]);
  const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT offering_row, day, start, \"end\" FROM class_days WHERE date BETWEEN '2027-03-01' AND '2027-03-31'").all() as { detail: string }[]).map((r) => r.detail).join(' ');
  assert.match(plan, /COVERING INDEX class_days_by_date/);
});

test('migration 9: roster tables; the call log keeps every row, stays append-only and learns the action "report"', () => {
  const db = at(8);
  db.prepare("INSERT INTO offerings (id, seq, offering_id, created_at, updated_at) VALUES ('class', 1, 'wah-1', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')").run();
  const log = db.prepare("INSERT INTO call_log (at, offering_id, action, phase, http_status) VALUES ('2026-01-01T00:00:00.000Z', 'wah-1', ?, ?, ?)");
  log.run('add', 'sending', null);
  log.run('add', 'done', 201);
  assert.throws(() => log.run('report', 'sending', null), /CHECK constraint/, 'version 8 knows no "report"');
  upTo(db, 9);
  assert.deepEqual(db.prepare('SELECT id, action, phase, http_status FROM call_log ORDER BY id').all(), [
    { id: 1, action: 'add', phase: 'sending', http_status: null },
    { id: 2, action: 'add', phase: 'done', http_status: 201 },
  ]);
  log.run('report', 'done', 201);
  assert.equal((db.prepare('SELECT MAX(id) AS id FROM call_log').get() as { id: number }).id, 3, 'ids go on from where they were');
  assert.throws(() => db.prepare("UPDATE call_log SET phase = 'failed'").run(), /append-only/);
  assert.throws(() => db.prepare('DELETE FROM call_log').run(), /append-only/);
  // A learner leaves with their class (and their attendance with them).
  db.prepare("INSERT INTO learners (id, offering_row, seq, sealed, created_at, updated_at) VALUES ('l1', 'class', 1, x'01', 'now', 'now')").run();
  db.prepare("INSERT INTO attendance (learner_id, day, present) VALUES ('l1', '2027-03-10', 1)").run();
  db.prepare("DELETE FROM offerings WHERE id = 'class'").run();
  assert.deepEqual([db.prepare('SELECT COUNT(*) AS n FROM learners').get(), db.prepare('SELECT COUNT(*) AS n FROM attendance').get()], [{ n: 0 }, { n: 0 }]);
});

test('migration 10: templates, one per name whatever its case', () => {
  const db = at(9);
  upTo(db, 10);
  const insert = db.prepare("INSERT INTO templates (id, name, body, created_at, updated_at) VALUES (?, ?, '{}', 'now', 'now')");
  insert.run('a', 'WAH Toronto');
  assert.throws(() => insert.run('b', 'wah toronto'), /UNIQUE/);
});

test('migration 11: one column mapping per set of schedule headings, never empty; nothing else changes', () => {
  const db = at(10);
  const before = db.prepare("SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all();
  upTo(db, 11);
  const after = db.prepare("SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  assert.deepEqual(after.filter((o) => o.name !== 'schedule_mappings' && !o.name.startsWith('sqlite_autoindex_schedule_mappings')), before, 'only the new table');
  const headers = 'Course\tDate\tCity';
  db.prepare('INSERT INTO schedule_mappings (headers, mapping) VALUES (?, ?)').run(headers, '{"courseName":0}');
  assert.throws(() => db.prepare('INSERT INTO schedule_mappings (headers, mapping) VALUES (?, ?)').run(headers, '{}'), /UNIQUE|PRIMARY KEY/, 'one mapping per set of headings');
  assert.throws(() => db.prepare('INSERT INTO schedule_mappings (headers, mapping) VALUES (?, NULL)').run('other'), /NOT NULL/);
  assert.deepEqual(db.prepare('SELECT headers, mapping FROM schedule_mappings').all(), [{ headers, mapping: '{"courseName":0}' }]);
});

test('migration 12: the queue takes its next offerings in order from an index, not by sorting every waiting one', () => {
  const db = at(11);
  const insert = db.prepare('INSERT INTO offerings (id, seq, offering_id, created_at, updated_at, pending, held, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const draft = db.prepare("INSERT INTO offering_drafts (id, draft) VALUES (?, '{}')");
  const rows: { id: string; updated: string; due: boolean }[] = [];
  db.transaction(() => {
    for (let i = 0; i < 10_000; i++) {
      const id = `o${i}`;
      // Written in an order unlike their last change's, so order by insertion would not pass.
      const updated = new Date(Date.UTC(2026, 0, 1) + ((i * 7919) % 10_000) * 60_000).toISOString();
      const pending = i % 4 === 0 ? null : 'publish';
      const held = i % 10 === 1 ? 1 : 0;
      const retryAt = i % 10 === 3 ? '2099-01-01T00:00:00.000Z' : i % 10 === 5 ? '2026-01-01T00:00:00.000Z' : null;
      insert.run(id, i + 1, id, '2026-01-01T00:00:00.000Z', updated, pending, held, retryAt);
      draft.run(id);
      rows.push({ id, updated, due: pending !== null && held === 0 && retryAt !== '2099-01-01T00:00:00.000Z' });
    }
  })();
  upTo(db, 12);
  const params = { now: '2027-01-01T00:00:00.000Z', limit: 16 };
  const plan = (db.prepare(`EXPLAIN QUERY PLAN ${DUE_SQL}`).all(params) as { detail: string }[]).map((r) => r.detail).join(' | ');
  assert.match(plan, /USING INDEX offerings_due/);
  assert.doesNotMatch(plan, /TEMP B-TREE/, 'no sort of every waiting offering');
  const expected = rows.filter((r) => r.due).sort((a, b) => a.updated.localeCompare(b.updated)).slice(0, 16).map((r) => r.id);
  assert.deepEqual(createOfferingsStore(db as never).due(params.now, params.limit).map((r) => r.id), expected);
});

test('migration 13: each call may say what it was about; the calls logged before keep theirs as they were', () => {
  const db = at(12);
  db.prepare("INSERT INTO call_log (at, offering_id, action, phase, http_status) VALUES ('2026-01-01T00:00:00.000Z', 'wah-1', 'patch', 'done', 200)").run();
  const before = db.prepare("SELECT name, sql FROM sqlite_master WHERE name != 'call_log' AND name NOT LIKE 'sqlite_%' ORDER BY name").all();
  upTo(db, 13);
  assert.deepEqual(db.prepare("SELECT name, sql FROM sqlite_master WHERE name != 'call_log' AND name NOT LIKE 'sqlite_%' ORDER BY name").all(), before, 'only call_log changes');
  assert.deepEqual(db.prepare('SELECT offering_id, action, phase, http_status, detail FROM call_log').all(), [{ offering_id: 'wah-1', action: 'patch', phase: 'done', http_status: 200, detail: null }]);
  db.prepare("INSERT INTO call_log (at, offering_id, action, phase, detail) VALUES ('2026-01-02T00:00:00.000Z', 'wah-1', 'report', 'sending', '{\"learnerRow\":\"l-1\"}')").run();
  assert.equal((db.prepare("SELECT detail FROM call_log WHERE action = 'report'").get() as { detail: string }).detail, '{"learnerRow":"l-1"}');
});

test('migration 14: when each learner was given a proof of completion, their row id and the moment only; it leaves with the learner', () => {
  const db = at(13);
  db.pragma('foreign_keys = ON');
  const before = db.prepare("SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all();
  upTo(db, 14);
  const after = db.prepare("SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  assert.deepEqual(after.filter((o) => o.name !== 'proofs_issued'), before, 'only the new table');
  assert.deepEqual(db.prepare("SELECT name FROM pragma_table_info('proofs_issued') ORDER BY cid").all(), [{ name: 'learner_id' }, { name: 'issued_at' }], 'no column for anything personal');
  db.prepare("INSERT INTO offerings (id, seq, offering_id, created_at, updated_at) VALUES ('class', 1, 'wah-1', 'now', 'now')").run();
  db.prepare("INSERT INTO learners (id, offering_row, seq, sealed, created_at, updated_at) VALUES ('l1', 'class', 1, x'01', 'now', 'now')").run();
  const issue = db.prepare('INSERT INTO proofs_issued (learner_id, issued_at) VALUES (?, ?)');
  issue.run('l1', '2027-04-16T14:00:00.000Z');
  assert.throws(() => issue.run('l1', '2027-04-17T14:00:00.000Z'), /UNIQUE|PRIMARY KEY/, 'one row per learner');
  assert.throws(() => issue.run('nobody', '2027-04-17T14:00:00.000Z'), /FOREIGN KEY/, 'only a learner on a roster');
  assert.throws(() => db.prepare("INSERT INTO proofs_issued (learner_id) VALUES ('l1')").run(), /NOT NULL|UNIQUE|PRIMARY KEY/);
  db.prepare("DELETE FROM learners WHERE id = 'l1'").run();
  assert.deepEqual(db.prepare('SELECT COUNT(*) AS n FROM proofs_issued').get(), { n: 0 }, 'erased or purged, the learner takes it along');
});

test('migration 15: team sync tables; the triggers mark a changed offering only on a desk in a team, once per offering, counting its writes', () => {
  const db = at(14);
  const before = db.prepare("SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all();
  upTo(db, 15);
  const after = db.prepare("SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  assert.deepEqual(after.filter((o) => !o.name.startsWith('team_')), before, 'only the team tables and their triggers are new');
  const marks = () => db.prepare('SELECT row_id, edits FROM team_outbox ORDER BY rowid').all();
  const newOffering = (id: string) => {
    db.prepare("INSERT INTO offerings (id, seq, offering_id, created_at, updated_at) VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM offerings), ?, 'now', 'now')").run(id, `wah-${id}`);
    db.prepare("INSERT INTO offering_drafts (id, draft) VALUES (?, '{}')").run(id);
  };
  newOffering('solo');
  db.prepare("UPDATE offering_drafts SET draft = '{\"a\":1}' WHERE id = 'solo'").run();
  assert.deepEqual(marks(), [], 'a desk in no team marks nothing');

  db.prepare('INSERT INTO team_cursor (id, pulled) VALUES (1, 0)').run();
  newOffering('new');
  db.prepare("UPDATE offering_drafts SET draft = '{\"a\":1}' WHERE id = 'solo'").run();
  assert.deepEqual(marks(), [{ row_id: 'new', edits: 1 }], 'a draft written as it was is no change');
  db.prepare("UPDATE offering_drafts SET draft = '{\"a\":2}' WHERE id = 'solo'").run();
  db.prepare("UPDATE offering_drafts SET draft = '{\"a\":3}' WHERE id = 'solo'").run();
  db.prepare("UPDATE offerings SET trashed_at = 'now' WHERE id = 'new'").run();
  db.prepare("UPDATE offerings SET trashed_at = 'later' WHERE id = 'new'").run();
  db.prepare("UPDATE offerings SET attempts = 3, pending = 'publish' WHERE id = 'solo'").run();
  assert.deepEqual(marks(), [{ row_id: 'new', edits: 2 }, { row_id: 'solo', edits: 2 }], 'a move to the Trash is a change, a later Trash time or the queue’s own state is not');
  db.prepare("UPDATE offerings SET listed = '{}', listed_via = 'network' WHERE id = 'solo'").run();
  assert.deepEqual(marks(), [{ row_id: 'new', edits: 2 }, { row_id: 'solo', edits: 3 }], 'a listing is a change');
  assert.throws(() => db.prepare('INSERT INTO team_cursor (id, pulled) VALUES (2, 0)').run(), /CHECK/, 'one cursor');
});
