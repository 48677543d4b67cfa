// Migration 6: each offering's draft JSON moves to a table of its own. A row of
// `offerings` is what the list, the filters and the queue read and rewrite;
// with the draft inside (about 550 of its 750 bytes) every state change — a
// Publish all of 50,000 offerings above all — rewrote the draft too.
// Shipped: never edit it; add a new migration instead.
import type { Migration } from './migration';

export const migration006: Migration = {
  version: 6,
  name: 'drafts in their own table',
  up(db) {
    db.exec(`
      CREATE TABLE offering_drafts (
        id TEXT PRIMARY KEY REFERENCES offerings (id) ON DELETE CASCADE,
        draft TEXT NOT NULL
      ) WITHOUT ROWID;
      INSERT INTO offering_drafts (id, draft) SELECT id, draft FROM offerings;
      ALTER TABLE offerings DROP COLUMN draft;
    `);
  },
};
