// Migration 5: indexes that answer the list's filters, counts and searches on
// their own. Reading a table row means reading its stored JSON too (about
// 750 bytes): at 100,000 offerings a status filter read 35,000 rows to count
// and sort (70–180 ms), and a search sorted every match as a whole row. Each
// index below carries the filter columns, so counts and the keys of a page come
// from the index alone, and only the 50 rows shown are read.
// Shipped: never edit it; add a new migration instead.
import type { Migration } from './migration';
import { SORT_EXPRESSIONS } from './004-list-columns';

/** The filter columns every covering index carries, so no filter needs the row. */
const FILTERS = 'last_end_utc, status, program, language, kind';

export const LIST_INDEXES = {
  /** Dates in order with every filter column: the default list, a filter by date, a search shown by date. */
  byDate: 'offerings_by_date_covering',
  /** Status first: a status filter counts and collects its keys from one range. */
  filters: 'offerings_filters',
  /** By seq, the rowid of the search index: matches are counted and filtered without their rows. */
  bySeq: 'offerings_by_seq_covering',
} as const;

export const migration005: Migration = {
  version: 5,
  name: 'covering indexes for the list',
  up(db) {
    db.exec(`
      DROP INDEX offerings_by_date;
      CREATE INDEX ${LIST_INDEXES.byDate} ON offerings (${SORT_EXPRESSIONS.firstDate}, seq, ${FILTERS}) WHERE trashed_at IS NULL;
      CREATE INDEX ${LIST_INDEXES.filters} ON offerings (status, program, language, kind, last_end_utc, ${SORT_EXPRESSIONS.firstDate}, seq) WHERE trashed_at IS NULL;
      CREATE INDEX ${LIST_INDEXES.bySeq} ON offerings (seq, ${FILTERS}) WHERE trashed_at IS NULL;
      ANALYZE;
    `);
  },
};
