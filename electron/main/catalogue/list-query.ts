// The list's questions, answered by SQLite: filters and sorts over indexed
// columns, full-text search, keyset or offset pages, counts, calendar ranges.
// Reads only: the offerings store's read side (see its header), which owns every
// write; the rules it filters by are row-rules', in SQL and TypeScript alike.
import type { z } from 'zod';
import { OfferingStatus, type CalendarDay, type CataloguePage, type CatalogueRow, type ListRow } from '../../../shared/ipc';
import type { ListQuery } from '../../../shared/ipc';
import type { Db } from '../database/schema';
// The list's ORDER BY uses the very expressions its indexes were made on, so SQLite walks an index.
import { LIST_INDEXES, SORT_EXPRESSIONS } from './list-indexes';
import { fold } from '../../../shared/text';
import { failure } from '../../../shared/errors';
import { CALENDAR_DAY_CAP } from '../../../shared/app-rules';
import { PAST_LISTED_SQL, PAST_SQL, UPCOMING_SQL, isPast, listedVia, statusesSql } from './row-rules';

type Query = z.output<typeof ListQuery>;

const ROW_COLUMNS = ['id', 'seq', 'offering_id', 'course_name', 'kind', 'standard_key', 'city', 'first_date', 'seats', 'duration_hours', 'status', 'last_end_utc', 'listed_via', 'in_flight', 'pending']
  .map((c) => `o.${c}`)
  .concat('o.listed IS NOT NULL AS is_listed')
  .join(', ');

interface RawRow {
  id: string;
  seq: number;
  offering_id: string;
  course_name: string;
  kind: 'class' | 'online';
  standard_key: string | null;
  city: string;
  first_date: string | null;
  seats: number | null;
  duration_hours: number | null;
  status: ListRow['status'];
  last_end_utc: string | null;
  is_listed: number;
  listed_via: ListRow['listedVia'];
  in_flight: string | null;
  pending: ListRow['pendingAction'];
  sort_key: string | number;
}

/** "securite trois-riv" → `"securite"* "trois"* "riv"*`: every word, as a prefix, accents and case folded. */
export function ftsQuery(search: string): string | null {
  const words = fold(search)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 12);
  return words.length === 0 ? null : words.map((w) => `"${w}"*`).join(' ');
}

/** A cursor is what this module wrote: [sort key, seq]. Anything else is refused plainly, never thrown as a bug. */
function readCursor(cursor: string): [string | number, number] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(cursor);
  } catch {
    parsed = null;
  }
  if (Array.isArray(parsed) && parsed.length === 2 && (typeof parsed[0] === 'string' || typeof parsed[0] === 'number') && Number.isInteger(parsed[1])) {
    return parsed as [string | number, number];
  }
  throw failure('bad-request', 'The list position is not valid; the list starts again from the top.');
}

/** Matches counted at most: past this the list says "10,000+" and asks for a narrower search. */
export const MAX_COUNTED = 10_000;

export function createListQuery(db: Db, { maxCounted = MAX_COUNTED }: { maxCounted?: number } = {}) {
  const statements = new Map<string, ReturnType<Db['prepare']>>();
  const prepared = (sql: string) => {
    let s = statements.get(sql);
    if (!s) statements.set(sql, (s = db.prepare(sql)));
    return s;
  };

  const MATCHING = 'seq IN (SELECT rowid FROM offerings_fts WHERE offerings_fts MATCH @match)';

  function filters(q: Query, now: string): { where: string[]; params: Record<string, unknown> } {
    const where = ['trashed_at IS NULL'];
    const params: Record<string, unknown> = {};
    const match = ftsQuery(q.search);
    if (match) {
      where.push(MATCHING);
      params.match = match;
    }
    for (const key of ['kind', 'program', 'language'] as const) {
      if (q[key] !== 'all') {
        where.push(`${key} = @${key}`);
        params[key] = q[key];
      }
    }
    // "Needs attention" is what needs the user: a listing gone from the Marketplace, and a change that failed.
    if (q.status === 'needs-attention') where.push(`status IN (${statusesSql('needs-attention', 'failed')})`);
    else if (q.status !== 'all') {
      where.push('status = @status');
      params.status = q.status;
    }
    if (q.when !== 'all') {
      where.push(q.when === 'past' ? PAST_SQL : UPCOMING_SQL);
      params.now = now;
    }
    return { where, params };
  }

  /**
   * Matches counted up to `bound`. A search without a status filter walks the search index and stops at
   * the bound, looking each match up in the index by seq: `seq IN (…)` would first collect every match
   * (all 100,000 for "s", 17 ms of the handler's 27). A status is in one index only, which a search cannot walk.
   */
  function countUpTo(q: Query, { where, params }: ReturnType<typeof filters>, bound: number): number {
    const sql =
      'match' in params && q.status === 'all'
        ? `SELECT COUNT(*) AS n FROM (SELECT 1 FROM offerings_fts JOIN offerings INDEXED BY ${LIST_INDEXES.bySeq} ON offerings.seq = offerings_fts.rowid WHERE offerings_fts MATCH @match AND ${where.filter((c) => c !== MATCHING).join(' AND ')} LIMIT ${bound})`
        : `SELECT COUNT(*) AS n FROM (SELECT 1 FROM offerings INDEXED BY ${LIST_INDEXES.filters} WHERE ${where.join(' AND ')} LIMIT ${bound})`;
    return (prepared(sql).get(params) as { n: number }).n;
  }

  const toRow = (r: RawRow, now: string): CatalogueRow => ({
    id: r.id,
    offeringId: r.offering_id,
    courseName: r.course_name,
    kind: r.kind,
    standardKey: r.standard_key,
    city: r.city,
    firstDate: r.first_date,
    seats: r.seats,
    durationHours: r.duration_hours,
    status: r.status,
    past: isPast(r, now),
    listed: r.is_listed === 1,
    listedVia: listedVia(r.is_listed === 1, r),
    pendingAction: r.pending,
  });

  return {
    page(q: Query, now: Date): CataloguePage {
      const iso = now.toISOString();
      const { where, params } = filters(q, iso);
      // Counted up to a bound: "10,000+ offerings" says enough, and counting every match of a broad search at 100,000 takes too long.
      // Counted from an index that holds every filter column, so no row (and its JSON) is read.
      const counted = countUpTo(q, { where, params }, maxCounted + 1);
      const total = Math.min(counted, maxCounted);
      const sortKey = SORT_EXPRESSIONS[q.sort];
      const dir = q.direction === 'asc' ? 'ASC' : 'DESC';
      const pageWhere = [...where];
      const pageParams: Record<string, unknown> = { ...params, limit: q.limit };
      if (q.cursor !== null) {
        // The keyset: rows after the last one shown, in the same order (sort key, then seq).
        const [value, seq] = readCursor(q.cursor);
        pageWhere.push(`(${sortKey} ${dir === 'ASC' ? '>' : '<'} @after OR (${sortKey} = @after AND seq ${dir === 'ASC' ? '>' : '<'} @afterSeq))`);
        Object.assign(pageParams, { after: value, afterSeq: seq });
      }
      const offset = q.cursor === null && q.offset > 0 ? ' OFFSET @offset' : '';
      if (offset) pageParams.offset = q.offset;
      // The page's keys first, then only its rows. By date, the covering index is walked in order: an
      // "upcoming" filter skips the past ones, and a broad search stops at the page, without reading a row.
      // A status filter reads its own range of the status-first index (which carries the date) and sorts that.
      const keysIndex = q.sort !== 'firstDate' ? '' : ` INDEXED BY ${q.status === 'all' ? LIST_INDEXES.byDate : LIST_INDEXES.filters}`;
      const keys = `SELECT seq, ${sortKey} AS sort_key FROM offerings${keysIndex} WHERE ${pageWhere.join(' AND ')} ORDER BY ${sortKey} ${dir}, seq ${dir} LIMIT @limit${offset}`;
      const rows = prepared(`SELECT ${ROW_COLUMNS}, p.sort_key FROM (${keys}) p JOIN offerings o ON o.seq = p.seq ORDER BY p.sort_key ${dir}, p.seq ${dir}`).all(pageParams) as RawRow[];
      const last = rows.at(-1);
      return { rows: rows.map((r) => toRow(r, iso)), total, more: counted > maxCounted, nextCursor: rows.length === q.limit && last ? JSON.stringify([last.sort_key, last.seq]) : null };
    },
    /** Every offering the filters match, in the list's order, up to `max`: what an export of "the offerings shown" takes. */
    ids(q: Query, now: Date, max: number): string[] {
      const { where, params } = filters(q, now.toISOString());
      const sortKey = SORT_EXPRESSIONS[q.sort];
      const dir = q.direction === 'asc' ? 'ASC' : 'DESC';
      return (prepared(`SELECT id FROM offerings WHERE ${where.join(' AND ')} ORDER BY ${sortKey} ${dir}, seq ${dir} LIMIT @max`).all({ ...params, max }) as { id: string }[]).map((r) => r.id);
    },
    counts(now: Date): { total: number; byStatus: Partial<Record<ListRow['status'], number>>; pastListed: number } {
      // One indexed count per status: a GROUP BY over the generated column would compute it for every row.
      const byStatus: Partial<Record<ListRow['status'], number>> = {};
      for (const status of OfferingStatus.options) {
        // Named: for a status most rows have, the planner would rather scan the table (100 ms at 100,000) than this index (7 ms).
        const n = (prepared(`SELECT COUNT(*) AS n FROM offerings INDEXED BY ${LIST_INDEXES.filters} WHERE trashed_at IS NULL AND ${SORT_EXPRESSIONS.status} = @status`).get({ status }) as { n: number }).n;
        if (n > 0) byStatus[status] = n;
      }
      const pastListed = (prepared(`SELECT COUNT(*) AS n FROM offerings WHERE ${PAST_LISTED_SQL}`).get({ now: now.toISOString() }) as { n: number }).n;
      return { total: Object.values(byStatus).reduce((a, b) => a + b, 0), byStatus, pastListed };
    },
    calendar(from: string, to: string): CalendarDay[] {
      // The days come from their covering index, ranked within each date; only the few shown are joined to their offering.
      return prepared(
        `WITH days AS (
           SELECT offering_row, day, date, start, "end",
             ROW_NUMBER() OVER (PARTITION BY date ORDER BY start, offering_row) AS n, COUNT(*) OVER (PARTITION BY date) AS on_day
           FROM class_days INDEXED BY class_days_by_date WHERE date BETWEEN @from AND @to)
         SELECT s.offering_row AS id, o.course_name AS courseName, o.standard_key AS standardKey, o.status AS status, s.day AS day, s.date AS date, s.start AS start, s."end" AS "end", s.on_day AS onDay
         FROM days s JOIN offerings o ON o.id = s.offering_row
         WHERE s.n <= @cap AND o.trashed_at IS NULL ORDER BY s.date, s.start, o.seq`,
      ).all({ from, to, cap: CALENDAR_DAY_CAP }) as CalendarDay[];
    },
  };
}

export type ListQueries = ReturnType<typeof createListQuery>;
