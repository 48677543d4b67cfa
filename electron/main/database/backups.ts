// Dated copies of the catalogue: made before every schema migration and on
// request, each kind in its own slots (the last five of each are kept, so
// backups made on request never push out the pre-migration ones); restored
// while the catalogue is closed, and only once checked (backup-check.ts),
// after the catalogue they replace is itself kept as a backup.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { failure } from '../../../shared/errors';
import { checkBackupFile } from './backup-check';
import { makeFilePrivate, PRIVATE_DIR_MODE } from '../platform/private-files';
import type { Db } from './schema';

export const KEEP_BACKUPS = 5;
const NAME = /^catalogue-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)-v(\d+)-([a-z-]+)\.sqlite$/;

export interface BackupInfo {
  name: string;
  at: string;
  schemaVersion: number;
  reason: string;
  bytes: number;
}

export function backupsDir(catalogueFile: string): string {
  return path.join(path.dirname(catalogueFile), 'backups');
}

export function listBackups(catalogueFile: string): BackupInfo[] {
  const dir = backupsDir(catalogueFile);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((name) => ({ name, m: NAME.exec(name) }))
    .filter((x): x is { name: string; m: RegExpExecArray } => x.m !== null)
    .map(({ name, m }) => ({
      name,
      at: m[1]!.replace(/T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z/, 'T$1:$2:$3.$4Z'),
      schemaVersion: Number(m[2]),
      reason: m[3]!,
      bytes: fs.statSync(path.join(dir, name)).size,
    }))
    .sort((a, b) => b.name.localeCompare(a.name));
}

/** Each reason keeps its own newest few, so a burst of one never pushes out another. */
export type BackupReason = 'before-migration' | 'manual' | 'before-restore';

/** A consistent copy via VACUUM INTO, then rotation to the newest KEEP_BACKUPS of the same reason. */
export function createBackup(db: Db, catalogueFile: string, reason: BackupReason, now: Date, keep = KEEP_BACKUPS): BackupInfo {
  const dir = backupsDir(catalogueFile);
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const version = db.pragma('user_version', { simple: true }) as number;
  const name = backupName(now, version, reason);
  db.prepare('VACUUM INTO ?').run(path.join(dir, name));
  makeFilePrivate(path.join(dir, name));
  return rotated(catalogueFile, name, reason, keep);
}

function backupName(now: Date, version: number, reason: BackupReason): string {
  return `catalogue-${now.toISOString().replace(/:/g, '-').replace('.', '-')}-v${version}-${reason}.sqlite`;
}

function rotated(catalogueFile: string, name: string, reason: BackupReason, keep: number): BackupInfo {
  const dir = backupsDir(catalogueFile);
  for (const old of listBackups(catalogueFile).filter((b) => b.reason === reason).slice(keep)) fs.rmSync(path.join(dir, old.name));
  return listBackups(catalogueFile).find((b) => b.name === name)!;
}

function backupFile(catalogueFile: string, name: string): string {
  const source = path.join(backupsDir(catalogueFile), path.basename(name));
  if (!NAME.test(path.basename(name)) || !fs.existsSync(source)) {
    throw failure('not-found', `There is no backup called “${name}”.`);
  }
  return source;
}

function removeDb(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
}

/** A private copy of the backup, checked (backup-check.ts); the caller restores it or removes it. */
function stagedCopy(catalogueFile: string, name: string): string {
  const staged = `${catalogueFile}.restoring`;
  removeDb(staged);
  fs.copyFileSync(backupFile(catalogueFile, name), staged);
  makeFilePrivate(staged);
  try {
    checkBackupFile(staged);
  } catch (e) {
    removeDb(staged);
    throw e;
  }
  return staged;
}

/** Throws `not-found` or `backup-refused` unless the backup could be restored; changes nothing. */
export function checkBackup(catalogueFile: string, name: string): void {
  removeDb(stagedCopy(catalogueFile, name));
}

/**
 * Keeps the (closed) catalogue as a `before-restore` backup: through SQLite when it opens, which
 * takes in its write-ahead log; byte for byte when it does not, so nothing is ever replaced unkept.
 */
function keepReplaced(catalogueFile: string, now: Date): BackupInfo | null {
  if (!fs.existsSync(catalogueFile)) return null;
  try {
    const db = new Database(catalogueFile, { fileMustExist: true });
    try {
      return createBackup(db, catalogueFile, 'before-restore', now);
    } finally {
      db.close();
    }
  } catch {
    const name = backupName(now, 0, 'before-restore');
    fs.mkdirSync(backupsDir(catalogueFile), { recursive: true, mode: PRIVATE_DIR_MODE });
    fs.copyFileSync(catalogueFile, path.join(backupsDir(catalogueFile), name));
    makeFilePrivate(path.join(backupsDir(catalogueFile), name));
    return rotated(catalogueFile, name, 'before-restore', KEEP_BACKUPS);
  }
}

/**
 * Replaces the (closed) catalogue with a backup, once the backup passes every check; the catalogue
 * it replaces is kept first as a `before-restore` backup, so a restore can be undone from Settings.
 */
export function restoreCheckedBackup(catalogueFile: string, name: string, now: Date): { replaced: BackupInfo | null } {
  const staged = stagedCopy(catalogueFile, name);
  let replaced: BackupInfo | null;
  try {
    replaced = keepReplaced(catalogueFile, now);
  } catch (e) {
    removeDb(staged);
    throw e;
  }
  for (const suffix of ['-wal', '-shm']) fs.rmSync(catalogueFile + suffix, { force: true });
  fs.renameSync(staged, catalogueFile);
  removeDb(staged);
  return { replaced };
}

/** Replaces the (closed) catalogue file with one of the app's own backups (a failed migration's). */
export function restoreBackup(catalogueFile: string, name: string): void {
  const source = backupFile(catalogueFile, name);
  // The WAL and shared-memory files belong to the catalogue being replaced.
  for (const suffix of ['-wal', '-shm']) fs.rmSync(catalogueFile + suffix, { force: true });
  fs.copyFileSync(source, `${catalogueFile}.restoring`);
  fs.renameSync(`${catalogueFile}.restoring`, catalogueFile);
}
