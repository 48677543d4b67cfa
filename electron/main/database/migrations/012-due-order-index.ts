// Migration 12: the queue's next offerings to send, read in order from an index.
// Its query (waiting, not held, due now, oldest change first) found every
// waiting row and sorted them all to take sixteen: with 53,000 waiting (Publish
// all at 100,000 offerings) that was ~400 ms on the main process before each
// batch of sends. Shipped: never edit it; add a new migration instead.
import type { Migration } from './migration';

export const migration012: Migration = {
  version: 12,
  name: 'due order index',
  up(db) {
    db.exec('CREATE INDEX offerings_due ON offerings (held, updated_at, next_attempt_at) WHERE pending IS NOT NULL');
  },
};
