// Migration 7: a draft that cannot be published yet is "incomplete", apart from
// a draft that can. Staff asked which drafts still need work; the list and its
// filter now say so. The status is a generated column, so it is dropped and
// made again with its one index.
// Shipped: never edit it; add a new migration instead.
import type { Migration } from './migration';

const STATUS_SQL = `CASE
  WHEN needs_attention THEN 'needs-attention'
  WHEN held THEN 'failed'
  WHEN pending IS NOT NULL THEN 'waiting'
  WHEN listed IS NULL AND problem_count > 0 THEN 'incomplete'
  WHEN listed IS NULL THEN 'draft'
  WHEN differs OR problem_count > 0 THEN 'changed'
  ELSE 'published' END`;

export const migration007: Migration = {
  version: 7,
  name: 'incomplete status',
  up(db) {
    db.exec(`
      DROP INDEX offerings_filters;
      ALTER TABLE offerings DROP COLUMN status;
      ALTER TABLE offerings ADD COLUMN status TEXT GENERATED ALWAYS AS (${STATUS_SQL}) VIRTUAL;
      CREATE INDEX offerings_filters ON offerings (status, seq, last_end_utc, program, language, kind, IFNULL(first_date, '9999-12-31'), pending) WHERE trashed_at IS NULL;
      ANALYZE;
    `);
  },
};
