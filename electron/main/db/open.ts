// Opens the catalogue: one SQLite file, WAL, synchronous=FULL on every open,
// migrated to the latest schema or refused if a newer app wrote it.
import Database from 'better-sqlite3';
import { failure } from '../../../shared/errors';
import { MIGRATIONS, LATEST_VERSION, type Migration } from './migrations/index';
import { createBackup, restoreBackup } from './backups';

export type Db = Database.Database;

/** The write-ahead log of an on-disk catalogue in WAL mode, or null (in memory, or another journal mode). */
export function walFile(db: Db): string | null {
  if (db.memory || String(db.pragma('journal_mode', { simple: true })).toLowerCase() !== 'wal') return null;
  return `${db.name}-wal`;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): void {
  const latest = migrations.at(-1)?.version ?? 0;
  const current = schemaVersion(db);
  if (current > latest) {
    throw failure(
      'catalogue-newer',
      `This catalogue was saved by a newer version of Offering Desk (schema ${current}; this app knows up to ${latest}). Install the latest version to open it.`,
    );
  }
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
}

/** A new, empty catalogue in memory at `version`, made by the migrations as every catalogue is: what a backup of that version holds. */
export function emptyCatalogueAt(version: number, migrations: readonly Migration[] = MIGRATIONS): Db {
  const db = new Database(':memory:');
  migrate(db, migrations.filter((m) => m.version <= version));
  return db;
}

function open(file: string): Db {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // better-sqlite3 reopens WAL files at NORMAL, which can drop the last
  // commits on power loss; a draft must never be lost, so insist on FULL.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // 8 MB of page cache (SQLite's default is 2 MB). 32 MB was chosen when the calendar looked up
  // thousands of rows by id; since class_days (migration 8) bench:catalogue at 100,000 offerings
  // gives the same p95s with 8 MB (calendar month 18 vs 16 ms, filter 12 vs 10) for 24 MB less memory.
  db.pragma('cache_size = -8192');
  return db;
}

/**
 * Opens and migrates the catalogue. An existing catalogue is backed up before
 * a migration; if the migration fails, the backup is put back and the error
 * says so.
 */
export function openCatalogueDb(file: string, migrations: readonly Migration[] = MIGRATIONS, now: () => Date = () => new Date()): Db {
  let db = open(file);
  const current = schemaVersion(db);
  const latest = migrations.at(-1)?.version ?? 0;
  let backup: string | null = null;
  try {
    if (current > 0 && current < latest) backup = createBackup(db, file, 'before-migration', now()).name;
    migrate(db, migrations);
    return db;
  } catch (e) {
    db.close();
    if (backup === null) throw e;
    restoreBackup(file, backup);
    db = open(file);
    db.close();
    throw failure(
      'catalogue-migration-failed',
      `Updating the catalogue to this version of Offering Desk failed (${e instanceof Error ? e.message : String(e)}). It was restored from the backup made just before (${backup}); nothing was lost. Please report this problem.`,
    );
  }
}

export { LATEST_VERSION };
