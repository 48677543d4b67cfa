// Everything a refused request must leave as it was: the catalogue's rows, the
// settings, the key in the keychain and the backups folder.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { Services } from '../../electron/main/services';

/** The worker lease is the queue's heartbeat, rewritten by time alone; full-text search is derived from offerings by triggers. */
const IGNORED = (name: string) => name === 'worker_lease' || name.startsWith('offerings_fts');
/** Tables whose triggers refuse UPDATE and DELETE: their row count and last rowid say everything. */
const APPEND_ONLY = new Set(['call_log']);

export function catalogueHash(services: Services): string {
  const hash = createHash('sha256');
  const tables = services.db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all()
    .map((t) => t.name)
    .filter((name) => !IGNORED(name));
  for (const table of tables) {
    hash.update(`\0${table}\0`);
    if (APPEND_ONLY.has(table)) {
      hash.update(JSON.stringify(services.db.prepare(`SELECT count(*) AS n, max(rowid) AS last FROM "${table}"`).get()));
      continue;
    }
    // Sorted here rather than by rowid: some tables have none (WITHOUT ROWID).
    for (const row of services.db.prepare(`SELECT * FROM "${table}"`).all().map((r) => JSON.stringify(r)).sort()) hash.update(row);
  }
  return hash.digest('hex');
}

export function backupsListing(services: Services): string[] {
  const dir = path.join(services.dataDir, 'backups');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .sort()
    .map((name) => `${name}:${fs.statSync(path.join(dir, name)).size}`);
}

export async function keychainValue(services: Services): Promise<string> {
  try {
    return `key:${await services.credentials.getKey()}`;
  } catch (e) {
    return `none:${(e as { error?: { code?: string } }).error?.code ?? String(e)}`;
  }
}

export interface AppState {
  catalogue: string;
  backups: string[];
  keychain: string;
  restoreMarker: boolean;
}

export async function appState(services: Services): Promise<AppState> {
  // The keychain answers from another process: read it while the catalogue is hashed.
  const keychain = keychainValue(services);
  return {
    catalogue: catalogueHash(services),
    backups: backupsListing(services),
    keychain: await keychain,
    restoreMarker: fs.existsSync(path.join(services.dataDir, 'restore-on-start.json')),
  };
}
