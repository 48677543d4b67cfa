// The catalogue's schema: its version, the migrations that make it, and an
// empty catalogue at any version (what a backup of that version must hold).
// Apart from open.ts so that backups can judge a file without opening the catalogue.
import Database from 'better-sqlite3';
import { failure } from '../../../shared/errors';
import { MIGRATIONS, LATEST_VERSION, type Migration } from './migrations/index';

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

export { LATEST_VERSION };
