// Migration 11: the column mapping chosen for each set of schedule-file headings. Shipped: never edit it; add a new migration instead.
import type { Migration } from './migration';

export const migration011: Migration = {
  version: 11,
  name: 'schedule import mappings',
  up(db) {
    db.exec('CREATE TABLE schedule_mappings (headers TEXT PRIMARY KEY, mapping TEXT NOT NULL)');
  },
};
