// Migration 15: what a desk in a team needs to share its changes (docs/team.md).
// - team_base: each offering as the team had it when this desk last synced it
//   (its draft, Trash and listing), the base every merge compares against;
// - team_outbox: the durable outbox, one mark per offering changed here since
//   its base, bumped by each write so a push racing a keystroke keeps it;
// - team_cursor: the last team change this desk has applied (one row; its
//   presence is what "this desk is in a team" means to the triggers);
// - team_notices: a value of this desk's that lost to another desk's.
// The triggers write the outbox in the same transaction as the edit, from every
// write path, so no change can leave the catalogue without its mark; they do
// nothing on a desk that is in no team. Shipped: never edit; add a migration.
import type { Migration } from './migration';

const IN_TEAM = 'EXISTS (SELECT 1 FROM team_cursor)';
const MARK = (row: string) => `INSERT INTO team_outbox (row_id) VALUES (${row}) ON CONFLICT (row_id) DO UPDATE SET edits = edits + 1`;

export const migration015: Migration = {
  version: 15,
  name: 'team sync',
  up(db) {
    db.exec(`
      CREATE TABLE team_cursor (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        pulled INTEGER NOT NULL
      );
      CREATE TABLE team_base (
        row_id TEXT PRIMARY KEY REFERENCES offerings (id) ON DELETE CASCADE,
        offering_id TEXT NOT NULL UNIQUE,
        draft TEXT NOT NULL,
        trashed INTEGER NOT NULL CHECK (trashed IN (0, 1)),
        listed TEXT,
        listed_via TEXT,
        seq INTEGER NOT NULL
      ) WITHOUT ROWID;
      -- A rowid table: marks go out in the order they were first made.
      CREATE TABLE team_outbox (
        row_id TEXT PRIMARY KEY,
        edits INTEGER NOT NULL DEFAULT 1
      );
      CREATE TABLE team_notices (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        row_id TEXT NOT NULL REFERENCES offerings (id) ON DELETE CASCADE,
        offering_id TEXT NOT NULL,
        field TEXT NOT NULL,
        mine TEXT NOT NULL,
        theirs TEXT NOT NULL,
        by_name TEXT NOT NULL,
        at TEXT NOT NULL
      );
      CREATE INDEX team_notices_by_row ON team_notices (row_id);
      CREATE TRIGGER team_mark_draft_new AFTER INSERT ON offering_drafts WHEN ${IN_TEAM}
        BEGIN ${MARK('NEW.id')}; END;
      CREATE TRIGGER team_mark_draft AFTER UPDATE OF draft ON offering_drafts WHEN OLD.draft IS NOT NEW.draft AND ${IN_TEAM}
        BEGIN ${MARK('NEW.id')}; END;
      CREATE TRIGGER team_mark_state AFTER UPDATE OF trashed_at, listed, listed_via ON offerings
        WHEN ((OLD.trashed_at IS NULL) != (NEW.trashed_at IS NULL) OR OLD.listed IS NOT NEW.listed OR OLD.listed_via IS NOT NEW.listed_via) AND ${IN_TEAM}
        BEGIN ${MARK('NEW.id')}; END;
    `);
  },
};
