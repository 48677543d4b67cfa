// Migration 13: what a call was about, for Activity — the fields a patch changed (their values
// before and after, as sent) or the learner row a learning record was for (an id, never a name).
// Shipped: never edit it; add a new migration instead.
import type { Migration } from './migration';

export const migration013: Migration = {
  version: 13,
  name: 'call details',
  up(db) {
    db.exec('ALTER TABLE call_log ADD COLUMN detail TEXT');
  },
};
