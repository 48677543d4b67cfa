// Opens the catalogue: one SQLite file, WAL, synchronous=FULL on every open,
// migrated to the latest schema or refused if a newer app wrote it.
import Database from 'better-sqlite3';
import { failure } from '../../../shared/errors';
import { MIGRATIONS, LATEST_VERSION, type Migration } from './migrations';

export type Db = Database.Database;

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

export function openCatalogueDb(file: string, migrations: readonly Migration[] = MIGRATIONS): Db {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    // better-sqlite3 reopens WAL files at NORMAL, which can drop the last
    // commits on power loss; a draft must never be lost, so insist on FULL.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

export { LATEST_VERSION };
