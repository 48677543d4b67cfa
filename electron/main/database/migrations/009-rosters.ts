// Migration 9: rosters, attendance, instructors and evaluators, learning records.
// A learner's personal fields are one sealed blob (AES-256-GCM, see
// records/field-crypto.ts); what the app must query (result, record state) is
// plain. Shipped: never edit it; add a new migration instead.
import type { Migration } from './migration';

export const migration009: Migration = {
  version: 9,
  name: 'rosters, attendance, staff and learning records',
  up(db) {
    db.exec(`
      CREATE TABLE learners (
        id TEXT PRIMARY KEY,
        offering_row TEXT NOT NULL REFERENCES offerings (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        sealed BLOB NOT NULL,
        result TEXT CHECK (result IN ('completed', 'not-completed')),
        score REAL,
        -- The learningRecordId, chosen and stored before the first request: a resend reuses it.
        record_id TEXT UNIQUE,
        record_state TEXT CHECK (record_state IN ('waiting', 'reported', 'refused')),
        record_in_flight INTEGER NOT NULL DEFAULT 0,
        record_attempts INTEGER NOT NULL DEFAULT 0,
        record_next_at TEXT,
        record_error TEXT,
        reported_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX learners_by_offering ON learners (offering_row, seq);
      CREATE INDEX learners_waiting ON learners (record_next_at) WHERE record_state = 'waiting';

      CREATE TABLE attendance (
        learner_id TEXT NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
        day TEXT NOT NULL,
        present INTEGER NOT NULL CHECK (present IN (0, 1)),
        PRIMARY KEY (learner_id, day)
      ) WITHOUT ROWID;

      CREATE TABLE people (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        archived_at TEXT,
        created_at TEXT NOT NULL
      );

      CREATE TABLE day_staff (
        offering_row TEXT NOT NULL REFERENCES offerings (id) ON DELETE CASCADE,
        day TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('instructor', 'evaluator')),
        person_id TEXT NOT NULL REFERENCES people (id),
        PRIMARY KEY (offering_row, day, role, person_id)
      ) WITHOUT ROWID;

      CREATE TABLE roster_mappings (
        headers TEXT PRIMARY KEY,
        mapping TEXT NOT NULL
      );

      -- The call log learns a fourth action, 'report' (a learning record): SQLite
      -- cannot change a CHECK, so the table is rebuilt with its rows and triggers.
      DROP TRIGGER call_log_append_only_update;
      DROP TRIGGER call_log_append_only_delete;
      CREATE TABLE call_log_v9 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        offering_id TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('add', 'patch', 'delete', 'report')),
        phase TEXT NOT NULL CHECK (phase IN ('sending', 'done', 'failed')),
        http_status INTEGER,
        error_code TEXT,
        message TEXT,
        raw_body TEXT
      );
      INSERT INTO call_log_v9 SELECT id, at, offering_id, action, phase, http_status, error_code, message, raw_body FROM call_log;
      DROP TABLE call_log;
      ALTER TABLE call_log_v9 RENAME TO call_log;
      CREATE TRIGGER call_log_append_only_update BEFORE UPDATE ON call_log
        BEGIN SELECT RAISE(ABORT, 'call_log is append-only'); END;
      CREATE TRIGGER call_log_append_only_delete BEFORE DELETE ON call_log
        BEGIN SELECT RAISE(ABORT, 'call_log is append-only'); END;
    `);
  },
};
