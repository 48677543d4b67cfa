// The owner of this desk's team-sync tables (migration 15): the cursor into the
// team's change log, each offering's base (the team's copy as last synced), the
// outbox marks the catalogue's triggers write, and the notices of values that
// lost to another desk's. Named operations only; no SQL from outside.
import type { Db } from '../database/schema';

export interface BaseRow {
  row_id: string;
  offering_id: string;
  /** The team's draft as JSON. */
  draft: string;
  trashed: 0 | 1;
  listed: string | null;
  listed_via: string | null;
  seq: number;
}

export interface Mark {
  row_id: string;
  edits: number;
}

export interface NoticeRow {
  id: number;
  row_id: string;
  offering_id: string;
  field: string;
  /** This desk's value that lost, and the team's that stands, as JSON. */
  mine: string;
  theirs: string;
  by_name: string;
  at: string;
}

export function createSyncStore(db: Db) {
  const s = {
    cursor: db.prepare<[], { pulled: number }>('SELECT pulled FROM team_cursor WHERE id = 1'),
    setCursor: db.prepare('INSERT INTO team_cursor (id, pulled) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET pulled = excluded.pulled'),
    leave: db.prepare('DELETE FROM team_cursor'),
    base: db.prepare<[string], BaseRow>('SELECT * FROM team_base WHERE row_id = ?'),
    baseOf: db.prepare<[string], BaseRow>('SELECT * FROM team_base WHERE offering_id = ?'),
    setBase: db.prepare(
      `INSERT INTO team_base (row_id, offering_id, draft, trashed, listed, listed_via, seq) VALUES (@row_id, @offering_id, @draft, @trashed, @listed, @listed_via, @seq)
       ON CONFLICT (row_id) DO UPDATE SET offering_id = excluded.offering_id, draft = excluded.draft, trashed = excluded.trashed, listed = excluded.listed, listed_via = excluded.listed_via, seq = excluded.seq`,
    ),
    clearBases: db.prepare('DELETE FROM team_base'),
    marks: db.prepare<[number], Mark>('SELECT row_id, edits FROM team_outbox ORDER BY rowid LIMIT ?'),
    mark: db.prepare<[string], Mark>('SELECT row_id, edits FROM team_outbox WHERE row_id = ?'),
    waiting: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM team_outbox'),
    clearMark: db.prepare('DELETE FROM team_outbox WHERE row_id = ? AND edits = ?'),
    dropMark: db.prepare('DELETE FROM team_outbox WHERE row_id = ?'),
    restoreMark: db.prepare('UPDATE team_outbox SET edits = ? WHERE row_id = ?'),
    clearMarks: db.prepare('DELETE FROM team_outbox'),
    notice: db.prepare('INSERT INTO team_notices (row_id, offering_id, field, mine, theirs, by_name, at) VALUES (@row_id, @offering_id, @field, @mine, @theirs, @by_name, @at)'),
    notices: db.prepare<[string], NoticeRow>('SELECT * FROM team_notices WHERE row_id = ? ORDER BY id'),
    allNotices: db.prepare<[], NoticeRow>('SELECT * FROM team_notices ORDER BY id'),
    noticeById: db.prepare<[number], NoticeRow>('SELECT * FROM team_notices WHERE id = ?'),
    dismiss: db.prepare('DELETE FROM team_notices WHERE id = ?'),
    clearNotices: db.prepare('DELETE FROM team_notices'),
    noticeCount: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM team_notices'),
  };

  return {
    /** Whether this desk is in a team (the triggers mark changes only then). */
    active: () => s.cursor.get() !== undefined,
    /** The last team change applied here. */
    pulled: () => s.cursor.get()?.pulled ?? 0,
    setPulled: (seq: number) => void s.setCursor.run(seq),
    /** Starts (or starts again) from a Share or a Join: every base written by the caller, no mark left from before. */
    begin(seq: number): void {
      s.clearBases.run();
      s.clearMarks.run();
      s.setCursor.run(seq);
    },
    leave(): void {
      s.leave.run();
      s.clearBases.run();
      s.clearMarks.run();
      s.clearNotices.run();
    },
    base: (rowId: string) => s.base.get(rowId),
    baseOf: (offeringId: string) => s.baseOf.get(offeringId),
    setBase: (row: BaseRow) => void s.setBase.run(row),
    marks: (limit: number) => s.marks.all(limit),
    waiting: () => s.waiting.get()!.n,
    /**
     * Runs `write` (the caller's transaction) over the offering `rowId`, or as a new one (null), without leaving
     * marks for what it writes: a change from the team is not this desk's to share again. Answers the row written.
     */
    unmarked(rowId: string | null, write: () => string): string {
      const before = rowId === null ? undefined : s.mark.get(rowId);
      const written = write();
      if (before) s.restoreMark.run(before.edits, written);
      else s.dropMark.run(written);
      return written;
    },
    /** Takes the mark away once its change is shared, unless the offering was written again meanwhile. */
    shared: (mark: Mark) => s.clearMark.run(mark.row_id, mark.edits).changes > 0,
    dropMark: (rowId: string) => void s.dropMark.run(rowId),
    addNotice: (n: Omit<NoticeRow, 'id'>) => void s.notice.run(n),
    notices: (rowId?: string) => (rowId === undefined ? s.allNotices.all() : s.notices.all(rowId)),
    notice: (id: number) => s.noticeById.get(id),
    dismiss: (id: number) => void s.dismiss.run(id),
    noticeCount: () => s.noticeCount.get()!.n,
  };
}

export type SyncStore = ReturnType<typeof createSyncStore>;
