// Opens the catalogue: one SQLite file, WAL, synchronous=FULL on every open,
// migrated to the latest schema or refused if a newer app wrote it.
import Database from 'better-sqlite3';
import { failure } from '../../../shared/errors';
import { MIGRATIONS, type Migration } from './migrations/index';
import { migrate, schemaVersion, type Db } from './schema';
import { createBackup, restoreBackup } from './backups';

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

