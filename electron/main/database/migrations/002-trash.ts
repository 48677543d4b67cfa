// Migration 2: trash: deleted offerings are kept for 30 days. Shipped: never edit it; add a new migration instead.
import type { Migration } from './migration';

export const migration002: Migration = {
  version: 2,
  name: 'trash: deleted offerings are kept for 30 days',
  up(db) {
    db.exec(`
      ALTER TABLE offerings ADD COLUMN trashed_at TEXT;
      CREATE INDEX offerings_trashed ON offerings (trashed_at) WHERE trashed_at IS NOT NULL;
    `);
  },
};
