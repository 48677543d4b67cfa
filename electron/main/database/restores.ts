// Restoring a backup: asked for while the app runs, done at the next start
// before the catalogue opens, its outcome kept for Settings → Backups.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { LastRestore } from '../../../shared/ipc';
import { AppFailure, failure, type AppError } from '../../../shared/errors';
import { PRIVATE_FILE_MODE } from '../platform/private-files';
import type { AppLog } from '../platform/logging';
import { checkBackup, createBackup, listBackups, restoreCheckedBackup } from './backups';
import type { Db } from './schema';

const restoreMarker = (catalogueFile: string) => path.join(path.dirname(catalogueFile), 'restore-on-start.json');
const lastRestoreFile = (catalogueFile: string) => path.join(path.dirname(catalogueFile), 'last-restore.json');

/**
 * The restore asked for before this start, if any. A backup that fails its check (or a marker that cannot be read)
 * replaces nothing and never stops the start: the outcome is kept for Settings → Backups either way.
 */
export function restoreAskedForAtStart(catalogueFile: string, at: Date, log: AppLog): void {
  const marker = restoreMarker(catalogueFile);
  if (!fs.existsSync(marker)) return;
  let outcome: { restoredFrom: string; replaced: string | null; refused: AppError | null } | null = null;
  try {
    const asked: unknown = JSON.parse(fs.readFileSync(marker, 'utf8'));
    const name = typeof asked === 'object' && asked !== null && 'name' in asked && typeof asked.name === 'string' ? asked.name : '';
    const restoredFrom = listBackups(catalogueFile).find((b) => b.name === name)?.at ?? '';
    try {
      const { replaced } = restoreCheckedBackup(catalogueFile, name, at);
      outcome = { restoredFrom, replaced: replaced?.name ?? null, refused: null };
      log.info('Restored the catalogue from a backup; the one it replaced is kept as', replaced?.name);
    } catch (e) {
      if (!(e instanceof AppFailure)) throw e;
      outcome = { restoredFrom, replaced: null, refused: e.error };
      log.warn('The backup to restore was refused; the catalogue was not replaced', e.error.message);
    }
  } catch (e) {
    log.error('The restore asked for could not be done; the catalogue was not replaced', e);
    outcome ??= { restoredFrom: '', replaced: null, refused: { code: 'backup-refused', message: 'The restore could not be done. Nothing was changed.' } };
  }
  fs.writeFileSync(lastRestoreFile(catalogueFile), JSON.stringify({ at: at.toISOString(), ...outcome }), { mode: PRIVATE_FILE_MODE });
  fs.rmSync(marker, { force: true });
}

/** Settings → Backups: the list, a backup now, a restore at the next start, and the last restore's outcome. */
export function createBackupDesk({ db, catalogueFile, now, onRestartRequested }: { db: Db; catalogueFile: string; now: () => Date; onRestartRequested?: (() => void) | undefined }) {
  return {
    list: () => listBackups(catalogueFile),
    create: () => createBackup(db, catalogueFile, 'manual', now()),
    /**
     * Takes effect at the next start, when the catalogue is not open; a backup that fails its check is
     * refused now, with why. At that start the catalogue it replaces is kept first, so the restore can be undone.
     */
    restoreOnRestart(name: string): void {
      if (!listBackups(catalogueFile).some((b) => b.name === name)) throw failure('not-found', `There is no backup called “${name}”.`);
      checkBackup(catalogueFile, name);
      fs.writeFileSync(restoreMarker(catalogueFile), JSON.stringify({ name }), { mode: PRIVATE_FILE_MODE });
      onRestartRequested?.();
    },
    /** The last restore's outcome, with the backup of what it replaced while that is still kept. */
    lastRestore(): LastRestore | null {
      let stored: unknown;
      try {
        stored = JSON.parse(fs.readFileSync(lastRestoreFile(catalogueFile), 'utf8'));
      } catch {
        return null;
      }
      const record = LastRestore.omit({ replaced: true }).extend({ replaced: z.string().nullable() }).safeParse(stored);
      if (!record.success) return null;
      const replaced = listBackups(catalogueFile).find((b) => b.name === record.data.replaced) ?? null;
      return { ...record.data, replaced };
    },
  };
}

export type BackupDesk = ReturnType<typeof createBackupDesk>;
