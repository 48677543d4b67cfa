// The one owner of the `offerings`, `offering_drafts`, `class_days` and
// `locations` tables: every write the app makes to them and every read but the
// list's, as named statements and operations; no caller hands it SQL. The
// catalogue's rules and the publishing queue both go through it. Derived
// columns are written with each draft, so reads never parse JSON. The list's
// reads (list-query.ts) are the owner's read side, kept apart for their
// covering indexes: filters, sorts, pages, counts and the calendar. The rules
// SQL evaluates over many rows come from row-rules.ts, beside their TypeScript.
import type { Statement } from 'better-sqlite3';
import type { AddressDraft, OfferingDraft } from '../../../shared/offering';
import { isCompleteAddress } from '../../../shared/offering';
import type { ConnectionKind } from '../../../shared/connection';
import type { OfferingStatus } from '../../../shared/ipc';
import type { WireListing } from '../marketplace/wire';
import type { Db } from '../database/schema';
import { classDayRows, locationKey, offeringColumns, COLUMN_NAMES, type OfferingColumns } from './offering-columns';
import { LIST_INDEXES, SORT_EXPRESSIONS } from './list-indexes';
import { FAILED_SQL, LISTED_OR_SENT_SQL, PAST_LISTED_SQL, publishableSql, statusesSql } from './row-rules';

export interface OfferingRow extends OfferingColumns {
  id: string;
  seq: number;
  offering_id: string;
  draft: string;
  created_at: string;
  updated_at: string;
  listed: string | null;
  pending: 'publish' | 'delete' | null;
  in_flight: 'add' | 'patch' | 'delete' | null;
  revision: number;
  attempts: number;
  held: number;
  next_attempt_at: string | null;
  error: string | null;
  needs_attention: number;
  trashed_at: string | null;
  listed_via: ConnectionKind | null;
  status: OfferingStatus;
}

/** A class the year's numbers look at: its standard and how it is taught, and whether its draft is complete. */
export type EndedClass = Pick<OfferingRow, 'id' | 'standard_key' | 'delivery' | 'problem_count'>;

/** What the queue checks around a call, without the draft and listing it does not need. */
export type QueueState = Pick<OfferingRow, 'revision' | 'pending' | 'in_flight'> & { is_listed: 0 | 1 };

/** Columns the queue may set directly (publish state only: a draft changes through saveDraft). */
export type QueueFields = Partial<Pick<OfferingRow, 'listed' | 'listed_via' | 'pending' | 'in_flight' | 'attempts' | 'held' | 'next_attempt_at' | 'error' | 'needs_attention' | 'differs'>>;

const QUEUE_PUBLISH = "pending = 'publish', held = 0, attempts = 0, next_attempt_at = NULL, error = NULL, needs_attention = 0";
const QUEUE_DELETE = "pending = 'delete', held = 0, attempts = 0, next_attempt_at = NULL, error = NULL";

/** What Publish all may queue: not in the Trash, no deletion waiting, and not already as the Marketplace has it or on its way. */
const PUBLISH_CANDIDATES = `trashed_at IS NULL AND (pending IS NULL OR pending = 'publish') AND status NOT IN (${statusesSql('published', 'waiting')})`;
/** Narrows a statement to the ids given as a JSON array in `@ids`. */
const AMONG_IDS = ' AND id IN (SELECT value FROM json_each(@ids))';
/** Which offerings an operation over many takes: those of `ids`, or every one. */
export type Among = readonly string[] | 'all';

/**
 * The queue's next offerings to send: waiting, not held, due by `@now`, oldest change first. Read in that order
 * from offerings_due (migration 12), named so the planner never sorts every waiting row instead, as it chose to
 * with no statistics for the index yet.
 */
export const DUE_SQL = `SELECT o.*, d.draft FROM offerings o INDEXED BY offerings_due JOIN offering_drafts d ON d.id = o.id
  WHERE o.pending IS NOT NULL AND o.held = 0 AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= @now) ORDER BY o.updated_at LIMIT @limit`;

/** Told which offerings a write changed (null: too many, or unknown); the app pushes it to its windows. */
export type ChangeListener = (ids: string[] | null) => void;

export function createOfferingsStore(db: Db, changed: ChangeListener = () => {}) {
  const columns = COLUMN_NAMES.map((c) => `${c} = @${c}`).join(', ');
  // A whole row: the offering's columns and its draft, kept apart so state changes never rewrite the draft.
  const FULL = 'SELECT o.*, d.draft FROM offerings o JOIN offering_drafts d ON d.id = o.id';
  const s = {
    byId: db.prepare<[string], OfferingRow>(`${FULL} WHERE o.id = ?`),
    queueState: db.prepare<[string], QueueState>('SELECT revision, pending, in_flight, listed IS NOT NULL AS is_listed FROM offerings WHERE id = ?'),
    idTaken: db.prepare<[string, string], { id: string }>('SELECT id FROM offerings WHERE offering_id = ? AND id != ?'),
    all: db.prepare<[], OfferingRow>(`${FULL} WHERE o.trashed_at IS NULL ORDER BY o.seq`),
    batchAfter: db.prepare<[number, number], Pick<OfferingRow, 'id' | 'seq' | 'offering_id' | 'draft' | 'listed'>>('SELECT o.id, o.seq, o.offering_id, d.draft, o.listed FROM offerings o JOIN offering_drafts d ON d.id = o.id WHERE o.seq > ? ORDER BY o.seq LIMIT ?'),
    trashed: db.prepare<[], OfferingRow>(`${FULL} WHERE o.trashed_at IS NOT NULL ORDER BY o.trashed_at DESC`),
    // The date written as the date index's own expression, so that index finds the day.
    similar: db.prepare<[{ standardKey: string | null; firstDate: string; citySort: string; except: string }], { found: number }>(
      `SELECT 1 AS found FROM offerings WHERE trashed_at IS NULL AND ${SORT_EXPRESSIONS.firstDate} = @firstDate AND standard_key IS @standardKey AND city_sort = @citySort AND id != @except LIMIT 1`,
    ),
    nextSeq: db.prepare<[], { seq: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM offerings'),
    insert: db.prepare(
      `INSERT INTO offerings (id, seq, offering_id, created_at, updated_at, ${COLUMN_NAMES.join(', ')}) VALUES (@id, @seq, @offering_id, @now, @now, ${COLUMN_NAMES.map((c) => `@${c}`).join(', ')})`,
    ),
    update: db.prepare(`UPDATE offerings SET offering_id = @offering_id, updated_at = @now, revision = revision + 1, ${columns} WHERE id = @id`),
    writeDraft: db.prepare('INSERT INTO offering_drafts (id, draft) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET draft = excluded.draft'),
    differs: db.prepare('UPDATE offerings SET differs = ? WHERE id = ?'),
    deleteDays: db.prepare('DELETE FROM class_days WHERE offering_row = ?'),
    insertDay: db.prepare('INSERT INTO class_days (offering_row, day, date, start, "end") VALUES (?, ?, ?, ?, ?)'),
    useLocation: db.prepare(
      'INSERT INTO locations (key, street, extended, city, province, postal_code, used_at) VALUES (@key, @street, @extended, @city, @province, @postalCode, @now) ON CONFLICT (key) DO UPDATE SET used_at = excluded.used_at',
    ),
    locations: db.prepare<[number], { street: string; extended: string; city: string; province: string; postal_code: string }>(
      'SELECT street, extended, city, province, postal_code FROM locations ORDER BY used_at DESC LIMIT ?',
    ),
    queuePublish: db.prepare(`UPDATE offerings SET ${QUEUE_PUBLISH} WHERE id = ?`),
    queueDelete: db.prepare(`UPDATE offerings SET ${QUEUE_DELETE}, updated_at = ? WHERE id = ?`),
    // Counted from the status-first index, which carries `pending`, so no row is read.
    publishCandidates: db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM offerings INDEXED BY ${LIST_INDEXES.filters} WHERE ${PUBLISH_CANDIDATES}`),
    publishCandidatesAmong: db.prepare<[{ ids: string }], { n: number }>(`SELECT COUNT(*) AS n FROM offerings WHERE ${PUBLISH_CANDIDATES}${AMONG_IDS}`),
    queueRemovePast: db.prepare<[{ now: string }], { id: string }>(`UPDATE offerings SET ${QUEUE_DELETE}, updated_at = @now WHERE ${PAST_LISTED_SQL} RETURNING id`),
    queueRemoveListedVia: db.prepare<[{ via: ConnectionKind; now: string }], { id: string }>(
      `UPDATE offerings SET ${QUEUE_DELETE}, updated_at = @now WHERE trashed_at IS NULL AND (${LISTED_OR_SENT_SQL}) AND listed_via = @via AND (pending IS NULL OR pending != 'delete') RETURNING id`,
    ),
    clearHold: db.prepare('UPDATE offerings SET held = 0, attempts = 0, next_attempt_at = NULL, error = NULL WHERE id = ?'),
    toTrash: db.prepare(
      'UPDATE offerings SET trashed_at = @now, listed = NULL, listed_via = NULL, pending = NULL, in_flight = NULL, held = 0, error = NULL, needs_attention = 0, differs = 0 WHERE id = @id',
    ),
    untrash: db.prepare('UPDATE offerings SET trashed_at = NULL, updated_at = ? WHERE id = ?'),
    purge: db.prepare('DELETE FROM offerings WHERE trashed_at IS NOT NULL AND trashed_at < ?'),
    // The queue's reads: only the few rows that wait or failed, through their partial indexes.
    due: db.prepare<[{ now: string; limit: number }], OfferingRow>(DUE_SQL),
    nextWake: db.prepare<[], { at: string | null }>('SELECT MIN(next_attempt_at) AS at FROM offerings WHERE pending IS NOT NULL AND held = 0'),
    waiting: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM offerings WHERE pending IS NOT NULL AND held = 0'),
    failed: db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM offerings WHERE ${FAILED_SQL}`),
    dueNowAll: db.prepare('UPDATE offerings SET next_attempt_at = NULL WHERE pending IS NOT NULL AND held = 0'),
    progress: db.prepare<[string], { pending: string | null; failed: 0 | 1 }>(`SELECT pending, ${FAILED_SQL} AS failed FROM offerings WHERE id = ?`),
    setInFlight: db.prepare('UPDATE offerings SET in_flight = ? WHERE id = ?'),
    restoreInFlight: db.prepare('UPDATE offerings SET in_flight = ? WHERE id = ? AND in_flight = ?'),
    listedVia: db.prepare<[], { network: number; gateway: number }>(
      `SELECT COALESCE(SUM(listed_via = 'network'), 0) AS network, COALESCE(SUM(listed_via = 'gateway'), 0) AS gateway FROM offerings WHERE ${LISTED_OR_SENT_SQL}`,
    ),
    classesEnded: db.prepare<[{ program: string; from: string; to: string }], EndedClass>(
      "SELECT id, standard_key, delivery, problem_count FROM offerings WHERE kind = 'class' AND trashed_at IS NULL AND program = @program AND last_end_utc >= @from AND last_end_utc < @to",
    ),
  };
  const queueUpdates = new Map<string, Statement>();

  /** The class days and the location; an offering in the Trash has no class days (toTrash), even when its draft is written there (a team's change). */
  function writeDerived(id: string, draft: OfferingDraft, now: string, inTrash = false): void {
    s.deleteDays.run(id);
    if (!inTrash) for (const d of classDayRows(draft)) s.insertDay.run(id, d.day, d.date, d.start, d.end);
    const a = draft.address;
    if (draft.kind === 'class' && isCompleteAddress(a)) {
      s.useLocation.run({ key: locationKey(a), street: a.street, extended: a.extended, city: a.city, province: a.province, postalCode: a.postalCode, now });
    }
  }

  // Only compared with the draft (the `differs` column), never sent: not validated again (an adopted marker differs in every field, as it should). A listing an
  // earlier version published that today's rules refuse must not stop its fix being saved (the integrity walk marks it).
  const listedOf = (row: Pick<OfferingRow, 'listed'>) => (row.listed === null ? null : (JSON.parse(row.listed) as WireListing));

  return {
    byId: (id: string) => s.byId.get(id),
    queueState: (id: string) => s.queueState.get(id),
    idTaken: (offeringId: string, rowId: string) => s.idTaken.get(offeringId, rowId) !== undefined,
    /** The row of an offering ID (in the Trash too), if any. */
    rowIdOf: (offeringId: string) => s.idTaken.get(offeringId, '')?.id,
    /** Whether an offering (other than `except`) of this standard starts on this day in this city (the city folded, as the list sorts it). */
    similar: (q: { standardKey: string | null; firstDate: string; citySort: string; except?: string | undefined }) => s.similar.get({ ...q, except: q.except ?? '' }) !== undefined,
    /** Every offering not in the Trash: for tests and the start-up integrity check, never for a screen. */
    all: () => s.all.iterate(),
    trashed: () => s.trashed.all(),
    /** The next rows by seq after `seq`, Trash included: the start-up integrity check walks the table in these steps. */
    batchAfter: (seq: number, limit: number) => s.batchAfter.all(seq, limit),
    insert(id: string, offeringId: string, draft: OfferingDraft, now: string): void {
      s.insert.run({ id, seq: s.nextSeq.get()!.seq, offering_id: offeringId, now, ...offeringColumns(draft, null) });
      s.writeDraft.run(id, JSON.stringify(draft));
      writeDerived(id, draft, now);
      changed([id]);
    },
    saveDraft(row: OfferingRow, offeringId: string, draft: OfferingDraft, now: string): void {
      s.update.run({ id: row.id, offering_id: offeringId, now, ...offeringColumns(draft, listedOf(row)) });
      s.writeDraft.run(row.id, JSON.stringify(draft));
      writeDerived(row.id, draft, now, row.trashed_at !== null);
      changed([row.id]);
    },
    locations: (limit: number): AddressDraft[] =>
      s.locations.all(limit).map((l) => ({ street: l.street, extended: l.extended, city: l.city, province: l.province, postalCode: l.postal_code })),
    queuePublish(id: string): void {
      s.queuePublish.run(id);
      changed([id]);
    },
    queueDelete(id: string, now: string): void {
      s.queueDelete.run(now, id);
      changed([id]);
    },
    /** How many of `among` Publish all would consider (see PUBLISH_CANDIDATES), publishable or not. */
    countPublishCandidates(among: Among): number {
      return (among === 'all' ? s.publishCandidates.get() : s.publishCandidatesAmong.get({ ids: JSON.stringify(among) }))!.n;
    },
    /** One statement: the candidates of `among` publishable at `now` by a connection that can send `allowed` (null: any) are queued; their ids come back. */
    queuePublishable(among: Among, allowed: readonly string[] | null, now: string): string[] {
      const sql = `UPDATE offerings SET ${QUEUE_PUBLISH} WHERE ${PUBLISH_CANDIDATES}${among === 'all' ? '' : AMONG_IDS} AND ${publishableSql(allowed)} RETURNING id`;
      const params = among === 'all' ? { now } : { now, ids: JSON.stringify(among) };
      const ids = db.prepare<[Record<string, unknown>], { id: string }>(sql).all(params).map((r) => r.id);
      changed(ids);
      return ids;
    },
    /** One statement: the removal of every listed offering whose class days are all over is queued; their ids come back. */
    queueRemovePast(now: string): string[] {
      const ids = s.queueRemovePast.all({ now }).map((r) => r.id);
      changed(ids);
      return ids;
    },
    /** One statement: the removal of every listing `via` made (or is making) is queued; their ids come back. */
    queueRemoveListedVia(via: ConnectionKind, now: string): string[] {
      const ids = s.queueRemoveListedVia.all({ via, now }).map((r) => r.id);
      changed(ids);
      return ids;
    },
    clearHold(id: string): void {
      s.clearHold.run(id);
      changed([id]);
    },
    /** In the Trash an offering has no class days: the calendar never shows or counts it. */
    toTrash(id: string, now: string): void {
      s.toTrash.run({ id, now });
      s.deleteDays.run(id);
      changed([id]);
    },
    untrash(id: string, now: string): void {
      s.untrash.run(now, id);
      const row = s.byId.get(id);
      if (row) for (const d of classDayRows(JSON.parse(row.draft) as OfferingDraft)) s.insertDay.run(id, d.day, d.date, d.start, d.end);
      changed([id]);
    },
    purgeTrash(before: string): number {
      const n = s.purge.run(before).changes;
      if (n > 0) changed(null);
      return n;
    },
    due: (now: string, limit: number) => s.due.all({ now, limit }),
    nextWake: () => s.nextWake.get()?.at ?? null,
    counts: () => ({ waiting: s.waiting.get()!.n, failed: s.failed.get()!.n }),
    dueNowAll: () => void s.dueNowAll.run(),
    progress: (id: string) => s.progress.get(id),
    setInFlight(id: string, action: OfferingRow['in_flight']): void {
      s.setInFlight.run(action, id);
      changed([id]);
    },
    /** Takes back a mark written ahead of a send that did not happen, unless the row's mark was written again since. */
    restoreInFlight(id: string, marked: NonNullable<OfferingRow['in_flight']>, previous: OfferingRow['in_flight']): void {
      if (s.restoreInFlight.run(previous, id, marked).changes > 0) changed([id]);
    },
    listedVia: () => s.listedVia.get() ?? { network: 0, gateway: 0 },
    /** Classes of a program (not in the Trash) whose last class day ends in [from, to), UTC: what the year's numbers count. */
    classesEnded: (program: string, from: string, to: string) => s.classesEnded.all({ program, from, to }),
    /** The queue's transitions; when the listing changes and the caller cannot say, whether the draft still differs from it is worked out again. */
    update(id: string, fields: QueueFields): void {
      const names = Object.keys(fields);
      const key = names.join(',');
      let statement = queueUpdates.get(key);
      if (!statement) {
        statement = db.prepare(`UPDATE offerings SET ${names.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`);
        queueUpdates.set(key, statement);
      }
      statement.run({ ...fields, id });
      if ('listed' in fields && !('differs' in fields)) {
        const row = s.byId.get(id);
        if (row) s.differs.run(row.listed === null ? 0 : offeringColumns(JSON.parse(row.draft) as OfferingDraft, listedOf(row)).differs, id);
      }
      changed([id]);
    },
  };
}

export type OfferingsStore = ReturnType<typeof createOfferingsStore>;
