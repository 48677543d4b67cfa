// Migration 5: indexes that answer the list's filters, counts and searches on
// their own. Reading a table row means reading its stored JSON too (about
// 750 bytes): at 100,000 offerings a status filter read 35,000 rows to count
// and sort (70–180 ms), and a search sorted every match as a whole row. Each
// index below carries the filter columns, so counts and the keys of a page come
// from the index alone, and only the 50 rows shown are read.
// Shipped: never edit it; add a new migration instead. Frozen: its SQL is its
// own (the runtime names these indexes in db/list-indexes.ts).
import type { Migration } from './migration';

const FIRST_DATE = "IFNULL(first_date, '9999-12-31')";

/**
 * The filter columns every covering index carries, so no filter needs the row.
 * Status is only in the status-first index: every index holding it is rewritten
 * for each offering a Publish all queues (a quarter of its time per index at 50,000).
 */
const FILTERS = 'last_end_utc, program, language, kind';

const LIST_INDEXES = {
  /** Dates in order with the filter columns: the default list, a filter by date, a search shown by date. */
  byDate: 'offerings_by_date_covering',
  /** Status then seq: a status filter counts and collects its keys from one range; the status sort walks it; Publish all counts its candidates here (hence `pending`). */
  filters: 'offerings_filters',
  /** By seq, the rowid of the search index: matches are counted and filtered without their rows. */
  bySeq: 'offerings_by_seq_covering',
} as const;

export const migration005: Migration = {
  version: 5,
  name: 'covering indexes for the list',
  up(db) {
    db.exec(`
      -- Each replaces a narrower one: every index on status is rewritten when Publish all changes it.
      DROP INDEX offerings_by_date;
      DROP INDEX offerings_by_status;
      CREATE INDEX ${LIST_INDEXES.byDate} ON offerings (${FIRST_DATE}, seq, ${FILTERS}) WHERE trashed_at IS NULL;
      CREATE INDEX ${LIST_INDEXES.filters} ON offerings (status, seq, last_end_utc, program, language, kind, ${FIRST_DATE}, pending) WHERE trashed_at IS NULL;
      CREATE INDEX ${LIST_INDEXES.bySeq} ON offerings (seq, ${FILTERS}) WHERE trashed_at IS NULL;
      -- Settings says how many offerings each connection listed: counted here, not over every row (115 ms at 100,000).
      CREATE INDEX offerings_listed_via ON offerings (listed_via) WHERE listed IS NOT NULL OR in_flight IS NOT NULL;
      ANALYZE;
    `);
  },
};
