// The one owner of the learners, attendance and roster_mappings tables: named
// statements for every change, used by the roster rules, the record job and
// the retention purge. Personal fields arrive and leave sealed.
import type { Db } from '../database/schema';

export interface LearnerRow {
  id: string;
  offering_row: string;
  seq: number;
  sealed: Buffer;
  result: 'completed' | 'not-completed' | null;
  score: number | null;
  record_id: string | null;
  record_state: 'waiting' | 'reported' | 'refused' | null;
  record_in_flight: number;
  record_attempts: number;
  record_next_at: string | null;
  record_error: string | null;
  reported_at: string | null;
  created_at: string;
  updated_at: string;
}

/** A class's roster in numbers (learners with a result whose record is not sent or not accepted yet: `not_reported`). */
export interface RosterCounts {
  offering_row: string;
  learners: number;
  completed: number;
  reported: number;
  refused: number;
  not_reported: number;
}

export type ChangeListener = (offeringRows: string[]) => void;

/** A learner about to be added: the row id their details are sealed under, and when. */
export interface NewLearner {
  id: string;
  sealed: Buffer;
  now: string;
}

/** A learner's record about to be queued, with its learningRecordId. */
export interface QueuedRecord {
  id: string;
  recordId: string;
  now: string;
}

export function createLearnersStore(db: Db, changed: ChangeListener = () => {}) {
  const byOffering = db.prepare<[string], LearnerRow>('SELECT * FROM learners WHERE offering_row = ? ORDER BY seq');
  const one = db.prepare<[string], LearnerRow>('SELECT * FROM learners WHERE id = ?');
  const nextSeq = db.prepare<[string], { seq: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM learners WHERE offering_row = ?');
  const insert = db.prepare(
    'INSERT INTO learners (id, offering_row, seq, sealed, created_at, updated_at) VALUES (@id, @offeringRow, @seq, @sealed, @now, @now)',
  );
  const reseal = db.prepare('UPDATE learners SET sealed = ?, updated_at = ? WHERE id = ?');
  const remove = db.prepare('DELETE FROM learners WHERE id = ?');
  const setResult = db.prepare('UPDATE learners SET result = ?, score = ?, updated_at = ? WHERE id = ?');
  const attendanceOf = db.prepare<[string], { learner_id: string; day: string; present: number }>(
    'SELECT a.learner_id, a.day, a.present FROM attendance a JOIN learners l ON l.id = a.learner_id WHERE l.offering_row = ?',
  );
  const attendanceOne = db.prepare<[string], { day: string; present: number }>('SELECT day, present FROM attendance WHERE learner_id = ?');
  const setAttendance = db.prepare(
    'INSERT INTO attendance (learner_id, day, present) VALUES (?, ?, ?) ON CONFLICT (learner_id, day) DO UPDATE SET present = excluded.present',
  );
  // The learningRecordId is chosen once: a retry or a resend after a crash reuses it.
  const queue = db.prepare(
    "UPDATE learners SET record_id = COALESCE(record_id, @recordId), record_state = 'waiting', record_attempts = 0, record_next_at = @now, record_error = NULL, updated_at = @now WHERE id = @id AND (record_state IS NULL OR record_state = 'refused')",
  );
  const due = db.prepare<[string, number], { id: string }>(
    "SELECT id FROM learners WHERE record_state = 'waiting' AND record_next_at <= ? ORDER BY record_next_at LIMIT ?",
  );
  const nextWake = db.prepare<[], { at: string | null }>("SELECT MIN(record_next_at) AS at FROM learners WHERE record_state = 'waiting'");
  const waiting = db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM learners WHERE record_state = 'waiting'");
  const dueNow = db.prepare("UPDATE learners SET record_next_at = ? WHERE record_state = 'waiting' AND record_next_at > ?");
  const inFlight = db.prepare('UPDATE learners SET record_in_flight = 1 WHERE id = ?');
  const reported = db.prepare("UPDATE learners SET record_state = 'reported', record_in_flight = 0, record_error = NULL, record_next_at = NULL, reported_at = ?, updated_at = ? WHERE id = ?");
  const refused = db.prepare("UPDATE learners SET record_state = 'refused', record_in_flight = 0, record_error = ?, record_next_at = NULL, updated_at = ? WHERE id = ?");
  const later = db.prepare('UPDATE learners SET record_in_flight = 0, record_attempts = ?, record_next_at = ?, record_error = ?, updated_at = ? WHERE id = ?');
  // Counts only, never a sealed field: the year's numbers (reports/) read the rosters through this.
  const countsOf = db.prepare<[string], RosterCounts>(
    `SELECT offering_row, COUNT(*) AS learners, COALESCE(SUM(result = 'completed'), 0) AS completed,
       COALESCE(SUM(record_state = 'reported'), 0) AS reported, COALESCE(SUM(record_state = 'refused'), 0) AS refused,
       COALESCE(SUM(result IS NOT NULL AND (record_state IS NULL OR record_state = 'waiting')), 0) AS not_reported
     FROM learners WHERE offering_row IN (SELECT value FROM json_each(?)) GROUP BY offering_row`,
  );
  const anySealed = db.prepare<[], { n: number }>('SELECT EXISTS (SELECT 1 FROM learners) AS n');
  const allCount = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM learners');
  const withRecords = db.prepare<[string], { n: number }>(
    "SELECT COUNT(*) AS n FROM learners WHERE offering_row = ? AND (record_state IN ('waiting', 'reported') OR record_in_flight = 1)",
  );
  // A waiting or in-flight record is never purged: its intent must reach the ministry first.
  // Driven from the learners (few) with a key lookup of each class, so a start with a large
  // catalogue does not scan every offering for it. The class's end is read from offerings in the same
  // statement (not asked of the offerings store first) so the purge is one atomic, index-driven DELETE.
  const purge = db.prepare<[string], { offering_row: string }>(
    "DELETE FROM learners WHERE (record_state IS NULL OR record_state IN ('reported', 'refused')) AND record_in_flight = 0 AND EXISTS (SELECT 1 FROM offerings o WHERE o.id = learners.offering_row AND o.last_end_utc < ?) RETURNING offering_row",
  );
  // The bulk actions, each one statement: a learner whose record is on its way or reported is never changed (roster-class's assertChangeable).
  const CHANGEABLE = "l.record_in_flight = 0 AND (l.record_state IS NULL OR l.record_state = 'refused')";
  const count = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM learners WHERE offering_row = ?');
  const allPresent = db.prepare<{ row: string; day: string }, { learner_id: string }>(
    `INSERT INTO attendance (learner_id, day, present) SELECT l.id, @day, 1 FROM learners l WHERE l.offering_row = @row AND ${CHANGEABLE} AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.learner_id = l.id AND a.day = @day) RETURNING learner_id`,
  );
  const allCompleted = db.prepare<{ row: string; days: string; n: number; now: string }, { id: string }>(
    `UPDATE learners AS l SET result = 'completed', updated_at = @now WHERE l.offering_row = @row AND ${CHANGEABLE} AND l.result IS NULL AND (SELECT COUNT(*) FROM attendance a WHERE a.learner_id = l.id AND a.present = 1 AND a.day IN (SELECT value FROM json_each(@days))) = @n RETURNING id`,
  );
  const ofRoster = `SELECT l.id FROM learners l WHERE l.offering_row = @row AND ${CHANGEABLE} AND l.id IN (SELECT value FROM json_each(@ids))`;
  const unmarkPresent = db.prepare<{ row: string; day: string; ids: string }>(`DELETE FROM attendance WHERE day = @day AND present = 1 AND learner_id IN (${ofRoster})`);
  const uncomplete = db.prepare<{ row: string; ids: string; now: string }>(`UPDATE learners SET result = NULL, updated_at = @now WHERE result = 'completed' AND id IN (${ofRoster})`);
  const mappingGet = db.prepare<[string], { mapping: string }>('SELECT mapping FROM roster_mappings WHERE headers = ?');
  const mappingSet = db.prepare('INSERT INTO roster_mappings (headers, mapping) VALUES (?, ?) ON CONFLICT (headers) DO UPDATE SET mapping = excluded.mapping');

  const touch = (offeringRow: string) => changed([offeringRow]);
  const ofRow = (id: string) => one.get(id)?.offering_row;

  // Each change below that writes more than one row is one immediate transaction.
  const addAll = db.transaction((offeringRow: string, rows: readonly NewLearner[], remember: { headers: string; mapping: string } | null) => {
    for (const { id, sealed, now } of rows) {
      insert.run({ id, offeringRow, seq: nextSeq.get(offeringRow)!.seq, sealed, now });
      touch(offeringRow);
    }
    if (remember) mappingSet.run(remember.headers, remember.mapping);
  });
  const resealChecked = db.transaction((id: string, sealed: Buffer, now: string, check: (row: LearnerRow | undefined) => void) => {
    check(one.get(id));
    reseal.run(sealed, now, id);
    touch(ofRow(id)!);
  });
  const queueAll = db.transaction((records: readonly QueuedRecord[]) => {
    for (const { id, recordId, now } of records) if (queue.run({ id, recordId, now }).changes === 1) touch(ofRow(id)!);
  });

  return {
    byOffering: (offeringRow: string) => byOffering.all(offeringRow),
    get: (id: string) => one.get(id),
    attendance: (offeringRow: string) => attendanceOf.all(offeringRow),
    attendanceOf: (learnerId: string) => attendanceOne.all(learnerId),
    /** Adds learners to the end of a class's roster, in order. */
    add: (offeringRow: string, rows: readonly NewLearner[]) => void addAll.immediate(offeringRow, rows, null),
    /** Adds a file's learners and remembers its mapping for files with these headings, together. */
    addFromFile: (offeringRow: string, rows: readonly NewLearner[], headers: string, mapping: string) => void addAll.immediate(offeringRow, rows, { headers, mapping }),
    /** Replaces a learner's sealed details once `check` (which throws to refuse) has seen the row as it is in the same transaction. */
    reseal: (id: string, sealed: Buffer, now: string, check: (row: LearnerRow | undefined) => void) => void resealChecked.immediate(id, sealed, now, check),
    remove(id: string): void {
      const offeringRow = ofRow(id);
      remove.run(id);
      if (offeringRow) touch(offeringRow);
    },
    setResult(id: string, result: LearnerRow['result'], score: number | null, now: string): void {
      setResult.run(result, score, now, id);
      touch(ofRow(id)!);
    },
    setAttendance(id: string, day: string, present: boolean): void {
      setAttendance.run(id, day, present ? 1 : 0);
      touch(ofRow(id)!);
    },
    /** How many learners are on the class's roster. */
    count: (offeringRow: string) => count.get(offeringRow)!.n,
    /** Present on `day` for every learner of the class not yet marked that day and not final: the ids marked. */
    markAllPresent(offeringRow: string, day: string): string[] {
      const ids = allPresent.all({ row: offeringRow, day }).map((r) => r.learner_id);
      if (ids.length > 0) touch(offeringRow);
      return ids;
    },
    /** Completed for every learner not final, with no result yet, present on each of `days` (one or more, distinct): the ids marked. */
    markAllCompleted(offeringRow: string, days: readonly string[], now: string): string[] {
      const distinct = [...new Set(days)];
      if (distinct.length === 0) return [];
      const ids = allCompleted.all({ row: offeringRow, days: JSON.stringify(distinct), n: distinct.length, now }).map((r) => r.id);
      if (ids.length > 0) touch(offeringRow);
      return ids;
    },
    /** Takes back a bulk action for these learners of the class (not final): present on `day` back to not marked, or (day null) Completed back to no result. */
    undoBulk(offeringRow: string, day: string | null, ids: readonly string[], now: string): void {
      const list = JSON.stringify([...new Set(ids)]);
      const changes = day === null ? uncomplete.run({ row: offeringRow, ids: list, now }).changes : unmarkPresent.run({ row: offeringRow, day, ids: list }).changes;
      if (changes > 0) touch(offeringRow);
    },
    /** Records the intent to report each learner, with its learningRecordId, before any request (a learner already waiting or reported is left as it is). */
    queueRecords: (records: readonly QueuedRecord[]) => void queueAll.immediate(records),
    due: (now: string, limit: number) => due.all(now, limit).map((r) => r.id),
    nextWake: () => nextWake.get()?.at ?? null,
    waiting: () => waiting.get()!.n,
    /** Every waiting record due now, not at its next retry (the network is back). */
    dueNow: (now: string) => void dueNow.run(now, now),
    setInFlight(id: string): void {
      inFlight.run(id);
    },
    settleReported(id: string, at: string): void {
      reported.run(at, at, id);
      touch(ofRow(id)!);
    },
    settleRefused(id: string, error: string, now: string): void {
      refused.run(error, now, id);
      touch(ofRow(id)!);
    },
    settleLater(id: string, attempts: number, nextAt: string, error: string | null, now: string): void {
      later.run(attempts, nextAt, error, now, id);
      touch(ofRow(id)!);
    },
    hasAny: () => anySealed.get()!.n === 1,
    /** Per class of `offeringRows` that has learners: how many, completed, and their learning records' states. */
    countsOf: (offeringRows: readonly string[]) => countsOf.all(JSON.stringify(offeringRows)),
    /** How many learners this catalogue holds (team mode's preview: they stay on this desk). */
    countAll: () => allCount.get()!.n,
    /** Learners of this offering reported, or on their way: the offering must stay in the catalogue. */
    keptRecords: (offeringRow: string) => withRecords.get(offeringRow)!.n,
    /** Deletes learners of classes that ended before `cutoff`: the count per offering, never the people. */
    purgeEndedBefore(cutoff: string): number {
      const rows = purge.all(cutoff);
      if (rows.length > 0) changed([...new Set(rows.map((r) => r.offering_row))]);
      return rows.length;
    },
    mapping: (headers: string) => mappingGet.get(headers)?.mapping ?? null,
  };
}

export type LearnersStore = ReturnType<typeof createLearnersStore>;
