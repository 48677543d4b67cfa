// Migration 1: offerings, publish state, call log, settings. Shipped: never edit it; add a new migration instead.
import type { Migration } from './migration';

export const migration001: Migration = {
  version: 1,
  name: 'offerings, publish state, call log, settings',
  up(db) {
    db.exec(`
      CREATE TABLE offerings (
        id TEXT PRIMARY KEY,
        offering_id TEXT NOT NULL,
        draft TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        -- wire body the Marketplace last acknowledged; NULL = never listed
        listed TEXT,
        -- what the user asked for and the queue has not finished
        pending TEXT CHECK (pending IN ('publish', 'delete')),
        -- an attempt whose answer we have not recorded (crash safety)
        in_flight TEXT CHECK (in_flight IN ('add', 'patch', 'delete')),
        -- bumped on every save, so an edit made while a call is in flight
        -- is noticed and sent next, never lost
        revision INTEGER NOT NULL DEFAULT 0,
        attempts INTEGER NOT NULL DEFAULT 0,
        -- a failed change waits for Retry instead of being resent
        held INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        error TEXT,
        needs_attention INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX offerings_pending ON offerings (pending) WHERE pending IS NOT NULL;

      CREATE TABLE call_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        offering_id TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('add', 'patch', 'delete')),
        phase TEXT NOT NULL CHECK (phase IN ('sending', 'done', 'failed')),
        http_status INTEGER,
        error_code TEXT,
        message TEXT,
        raw_body TEXT
      );
      CREATE TRIGGER call_log_append_only_update BEFORE UPDATE ON call_log
        BEGIN SELECT RAISE(ABORT, 'call_log is append-only'); END;
      CREATE TRIGGER call_log_append_only_delete BEFORE DELETE ON call_log
        BEGIN SELECT RAISE(ABORT, 'call_log is append-only'); END;

      CREATE UNIQUE INDEX offerings_offering_id ON offerings (offering_id);

      -- one publishing worker per catalogue, across processes
      CREATE TABLE worker_lease (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        owner TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      );

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `);
  },
};
