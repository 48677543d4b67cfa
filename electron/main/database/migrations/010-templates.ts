// Migration 10: course templates. Shipped: never edit it; add a new migration instead.
import type { Migration } from './migration';

export const migration010: Migration = {
  version: 10,
  name: 'course templates',
  up(db) {
    db.exec(`
      CREATE TABLE templates (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL COLLATE NOCASE UNIQUE,
        body TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
    `);
  },
};
