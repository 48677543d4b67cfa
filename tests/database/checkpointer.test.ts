// The write-ahead log is copied into the catalogue's file by a worker thread, never inside a commit on the main thread.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openCatalogueDb } from '../../electron/main/database/open';
import { walFile } from '../../electron/main/database/schema';
import { startCheckpointer, type CheckpointResult } from '../../electron/main/database/checkpointer';
import type { AppLog } from '../../electron/main/platform/logging';
import { tempDir, validDraft } from '../support/helpers';
import { testServices } from '../support/services';

const warnings = () => {
  const said: string[] = [];
  const log: AppLog = { info() {}, error() {}, warn: (...data) => void said.push(data.map(String).join(' ')) };
  return { said, log };
};

/** Fills the log past `bytes` with offerings' drafts, one commit each, as the app writes them. */
function write(db: Database.Database, bytes: number): void {
  const insert = db.prepare("INSERT INTO templates (id, name, body, created_at, updated_at) VALUES (?, ?, ?, 'now', 'now')");
  for (let i = 0; (fs.statSync(walFile(db)!, { throwIfNoEntry: false })?.size ?? 0) <= bytes; i++) insert.run(`t${i}-${Math.random()}`, `Template ${i} ${Math.random()}`, JSON.stringify(validDraft()));
}

async function until(checkpointer: { settled(): Promise<CheckpointResult> }, done: (r: CheckpointResult) => boolean): Promise<CheckpointResult> {
  for (let i = 0; i < 40; i++) {
    const r = await checkpointer.settled();
    if (done(r)) return r;
  }
  assert.fail('no checkpoint within 40 looks');
}

test('past its limit the log is copied into the file by the worker; the main connection never checkpoints', async (t) => {
  const db = openCatalogueDb(path.join(tempDir(), 'catalogue.sqlite'));
  const { said, log } = warnings();
  const checkpointer = startCheckpointer(db, log, { limit: 256 * 1024, pollMs: 20 })!;
  t.after(async () => {
    await checkpointer.close();
    db.close();
  });
  assert.equal(db.pragma('wal_autocheckpoint', { simple: true }), 0, 'SQLite checkpoints in no commit of the main connection');
  write(db, 2 * 1024 * 1024);
  // SQLite's default would have checkpointed at 1,000 pages (4 MB here): the main connection left all of it in the log.
  const result = await until(checkpointer, (r) => 'copied' in r && r.copied > 0);
  assert.ok('copied' in result && result.copied === result.logged, `every frame copied (${JSON.stringify(result)})`);
  // Another connection, as the next start would open it, reads every row from the file and the log.
  const reader = new Database(db.name, { readonly: true });
  assert.equal((reader.prepare('SELECT COUNT(*) AS n FROM templates').get() as { n: number }).n, (db.prepare('SELECT COUNT(*) AS n FROM templates').get() as { n: number }).n);
  reader.close();
  assert.deepEqual(said, []);
});

test('if the worker cannot run, the main connection checkpoints as SQLite does by default, and the log says why', async (t) => {
  const db = openCatalogueDb(path.join(tempDir(), 'catalogue.sqlite'));
  t.after(() => db.close());
  const { said, log } = warnings();
  const checkpointer = startCheckpointer(db, log, { driver: path.join(tempDir(), 'no-such-driver.js') })!;
  const result = await checkpointer.settled();
  assert.ok('error' in result);
  assert.equal(db.pragma('wal_autocheckpoint', { simple: true }), 1000);
  assert.equal(said.length, 1);
  assert.match(said[0]!, /checkpoint worker stopped/);
});

test('the app’s catalogue checkpoints in the worker, and closing ends the worker with the catalogue', async (t) => {
  const { services } = testServices(t);
  assert.equal(services.db.pragma('wal_autocheckpoint', { simple: true }), 0);
  services.catalogue.save(null, validDraft());
  await services.close();
  assert.equal(services.db.open, false);
});
