// Whether a file may replace the catalogue. A backup is a file anyone can put
// in the backups folder, so it is checked before anything is replaced: it must
// be a SQLite file that passes SQLite's own integrity check, at a schema
// version this app knows, holding exactly the tables, indexes and triggers the
// app's own migrations make at that version — a trigger smuggled into a backup
// would otherwise run inside every later write (one undid a user's fix of the
// Marketplace URL). The settings in it are judged again by settings.ts on
// every read.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { failure, type AppFailure, type FieldError } from '../../../shared/errors';
import { emptyCatalogueAt, LATEST_VERSION } from './schema';

/** Why a backup is refused; the window words each one (`backups.refused.<reason>`). */
export type BackupRefusal = 'not-sqlite' | 'damaged' | 'newer' | 'not-catalogue' | 'foreign-schema';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** Tables SQLite itself makes (AUTOINCREMENT, ANALYZE from `PRAGMA optimize`): not the app's, and harmless. */
const SQLITE_OWN_TABLES = new Set(['sqlite_sequence', 'sqlite_stat1', 'sqlite_stat2', 'sqlite_stat3', 'sqlite_stat4']);

interface SchemaObject {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

/**
 * The SQL as SQLite keeps it, without comments and layout: a catalogue made by an
 * earlier version holds the same statements indented differently.
 */
function normalise(sql: string | null): string {
  return (sql ?? '')
    .replace(/--[^\n]*/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/\s*([(),;])\s*/g, '$1')
    .trim();
}

function objects(db: Database.Database): Map<string, string> {
  const rows = db.prepare<[], SchemaObject>('SELECT type, name, tbl_name, sql FROM sqlite_schema').all();
  return new Map(rows.filter((r) => !(r.type === 'table' && SQLITE_OWN_TABLES.has(r.name))).map((r) => [`${r.type} ${r.name}`, `${r.tbl_name} ${normalise(r.sql)}`]));
}

/** The schema the app's migrations make, from nothing, up to `version`. */
function expectedSchema(version: number): Map<string, string> {
  const db = emptyCatalogueAt(version);
  try {
    return objects(db);
  } finally {
    db.close();
  }
}

function refused(reason: BackupRefusal, message: string): AppFailure {
  const field: FieldError = { path: 'backup', code: reason, message };
  return failure('backup-refused', `This backup cannot be restored: ${message} Nothing was changed.`, { fields: [field] });
}

/**
 * Throws `backup-refused` unless `file` is a catalogue this app could have made.
 * `file` must be a private copy: checking and then restoring the same copy leaves no gap to swap it.
 */
export function checkBackupFile(file: string, latest = LATEST_VERSION): { schemaVersion: number } {
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, header, 0, header.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (!header.equals(SQLITE_HEADER)) throw refused('not-sqlite', 'the file is not an Offering Desk catalogue (it is not a SQLite database).');

  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch {
    throw refused('damaged', 'the file is damaged and cannot be opened.');
  }
  try {
    // Nothing in the file's schema (a view, a trigger, a default) may call a function while it is read.
    db.pragma('trusted_schema = OFF');
    let integrity: string[];
    try {
      integrity = db.prepare<[], { integrity_check: string }>('PRAGMA integrity_check').all().map((r) => r.integrity_check);
    } catch {
      throw refused('damaged', 'the file is damaged and cannot be read.');
    }
    if (integrity.length !== 1 || integrity[0] !== 'ok') throw refused('damaged', 'the file is damaged (SQLite’s integrity check found errors).');

    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > latest) throw refused('newer', `it was made by a newer version of Offering Desk (schema ${version}; this app knows up to ${latest}).`);
    if (version < 1) throw refused('not-catalogue', 'the file is a SQLite database but not an Offering Desk catalogue.');

    const expected = expectedSchema(version);
    const found = objects(db);
    const foreign = [...found].filter(([key, sql]) => expected.get(key) !== sql).map(([key]) => key);
    const missing = [...expected.keys()].filter((key) => !found.has(key));
    if (foreign.length > 0 || missing.length > 0) {
      const named = [...foreign.map((k) => `${k} is not one Offering Desk makes`), ...missing.map((k) => `${k} is missing`)].slice(0, 3).join('; ');
      throw refused('foreign-schema', `its tables, indexes or triggers are not the ones Offering Desk makes (${named}).`);
    }
    return { schemaVersion: version };
  } finally {
    db.close();
  }
}
