// The data folder holds the catalogue, its backups, the log and the embedded
// sandbox's file: on Linux and macOS it is the user's alone (0700, files 0600),
// whatever the umask. Windows keeps its own per-user profile permissions.
import fs from 'node:fs';
import path from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const hasModes = process.platform !== 'win32';

/** A file the desk wrote (or SQLite did for it) made readable by its user alone. */
export function makeFilePrivate(file: string): void {
  if (hasModes) fs.chmodSync(file, PRIVATE_FILE_MODE);
}

/** Creates `dir` if needed and makes it and everything in it private: folders 0700, files 0600 (links are left alone). */
export function makeFolderPrivate(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (!hasModes) return;
  fs.chmodSync(dir, PRIVATE_DIR_MODE);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) makeFolderPrivate(p);
    else if (entry.isFile()) fs.chmodSync(p, PRIVATE_FILE_MODE);
  }
}
