// The list's indexes as the latest schema has them, for the queries that name
// or must match them. The runtime's own copy: migrations are frozen and keep
// theirs, so a later migration that changes an index changes this file too
// (tests/migrations checks that each name and sort key is in the schema).

/** The sort key of each list column, as SQL: the same expression in its index and in every ORDER BY. */
export const SORT_EXPRESSIONS = {
  firstDate: "IFNULL(first_date, '9999-12-31')",
  course: 'course_sort',
  standard: "IFNULL(standard_key, '~')",
  city: "IFNULL(NULLIF(city_sort, ''), '~')",
  seats: 'IFNULL(seats, 1000000000)',
  status: 'status',
} as const;

export const LIST_INDEXES = {
  /** Dates in order with the filter columns: the default list, a filter by date, a search shown by date. */
  byDate: 'offerings_by_date_covering',
  /** Status then seq: a status filter counts and collects its keys from one range; the status sort walks it; Publish all counts its candidates here (hence `pending`). */
  filters: 'offerings_filters',
  /** By seq, the rowid of the search index: matches are counted and filtered without their rows. */
  bySeq: 'offerings_by_seq_covering',
} as const;
