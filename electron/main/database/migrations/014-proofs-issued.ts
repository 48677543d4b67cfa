// Migration 14: when each learner was last given a proof of completion. Only
// the learner's row id and the moment: the document itself is never kept (it
// carries the learner's name), and the row leaves with its learner. Version 13
// is another change's. Shipped: never edit it; add a new migration instead.
import type { Migration } from './migration';

export const migration014: Migration = {
  version: 14,
  name: 'proofs of completion issued',
  up(db) {
    db.exec(`
      CREATE TABLE proofs_issued (
        learner_id TEXT PRIMARY KEY REFERENCES learners (id) ON DELETE CASCADE,
        issued_at TEXT NOT NULL
      ) WITHOUT ROWID
    `);
  },
};
