// Dated copies of the catalogue: made before every schema migration and on
// request, each kind in its own slots (the last five of each are kept, so
// backups made on request never push out the pre-migration ones); restored
// while the catalogue is closed.
import fs from 'node:fs';
import path from 'node:path';
import { failure } from '../../../shared/errors';
import type { Db } from './open';

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
  fs.mkdirSync(dir, { recursive: true });
  const version = db.pragma('user_version', { simple: true }) as number;
  const name = `catalogue-${now.toISOString().replace(/:/g, '-').replace('.', '-')}-v${version}-${reason}.sqlite`;
  db.prepare('VACUUM INTO ?').run(path.join(dir, name));
  for (const old of listBackups(catalogueFile).filter((b) => b.reason === reason).slice(keep)) fs.rmSync(path.join(dir, old.name));
  return listBackups(catalogueFile).find((b) => b.name === name)!;
}

/** Replaces the (closed) catalogue file with a backup. */
export function restoreBackup(catalogueFile: string, name: string): void {
  const source = path.join(backupsDir(catalogueFile), path.basename(name));
  if (!NAME.test(path.basename(name)) || !fs.existsSync(source)) {
    throw failure('not-found', `There is no backup called “${name}”.`);
  }
  // The WAL and shared-memory files belong to the catalogue being replaced.
  for (const suffix of ['-wal', '-shm']) fs.rmSync(catalogueFile + suffix, { force: true });
  fs.copyFileSync(source, `${catalogueFile}.restoring`);
  fs.renameSync(`${catalogueFile}.restoring`, catalogueFile);
}
