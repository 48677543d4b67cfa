import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openCatalogueDb } from '../../electron/main/database/open';
import { schemaVersion } from '../../electron/main/database/schema';
import { MIGRATIONS, LATEST_VERSION, type Migration } from '../../electron/main/database/migrations/index';
import { listBackups, createBackup, KEEP_BACKUPS } from '../../electron/main/database/backups';
import { createCatalogue } from '../../electron/main/catalogue/catalogue';
import { createServices } from '../../electron/main/services';
import { AppFailure } from '../../shared/errors';
import { tempDir, validDraft, uniqueKeychainService } from '../support/helpers';

const v2: Migration = { version: LATEST_VERSION + 1, name: 'test: a notes column', up: (db) => db.exec('ALTER TABLE offerings ADD COLUMN notes TEXT') };
const broken: Migration = { version: LATEST_VERSION + 1, name: 'test: broken', up: (db) => db.exec('ALTER TABLE offerings ADD COLUMN x TEXT; INSERT INTO nowhere VALUES (1)') };

function catalogueWithOneOffering() {
  const file = path.join(tempDir(), 'catalogue.sqlite');
  const db = openCatalogueDb(file);
  const saved = createCatalogue(db).save(null, validDraft());
  db.close();
  return { file, saved };
}

test('a migration of an existing catalogue is preceded by a dated backup', () => {
  const { file, saved } = catalogueWithOneOffering();
  const db = openCatalogueDb(file, [...MIGRATIONS, v2], () => new Date('2026-11-27T10:11:12.345Z'));
  assert.equal(schemaVersion(db), v2.version);
  db.close();
  const [backup] = listBackups(file);
  assert.deepEqual({ ...backup, bytes: backup!.bytes > 0 }, {
    name: `catalogue-2026-11-27T10-11-12-345Z-v${LATEST_VERSION}-before-migration.sqlite`,
    at: '2026-11-27T10:11:12.345Z',
    schemaVersion: LATEST_VERSION,
    reason: 'before-migration',
    bytes: true,
  });
  const copy = new Database(path.join(path.dirname(file), 'backups', backup!.name), { readonly: true });
  assert.deepEqual(copy.prepare('SELECT id FROM offerings').all(), [{ id: saved.id }]);
  copy.close();
  assert.deepEqual(listBackups(path.join(tempDir(), 'catalogue.sqlite')), [], 'a brand-new catalogue needs no backup');
});

test('only the newest five backups are kept', () => {
  const { file } = catalogueWithOneOffering();
  const db = openCatalogueDb(file);
  for (let i = 0; i < 7; i++) createBackup(db, file, 'manual', new Date(Date.UTC(2026, 10, 27, 10, 0, i)));
  db.close();
  const names = listBackups(file).map((b) => b.at);
  assert.equal(names.length, KEEP_BACKUPS);
  assert.deepEqual(names, ['2026-11-27T10:00:06.000Z', '2026-11-27T10:00:05.000Z', '2026-11-27T10:00:04.000Z', '2026-11-27T10:00:03.000Z', '2026-11-27T10:00:02.000Z']);
});

test('a failed migration restores the backup and says so', () => {
  const { file, saved } = catalogueWithOneOffering();
  assert.throws(
    () => openCatalogueDb(file, [...MIGRATIONS, broken]),
    (e: unknown) => {
      assert.ok(e instanceof AppFailure);
      assert.equal(e.error.code, 'catalogue-migration-failed');
      assert.match(e.error.message, /no such table: nowhere.*restored from the backup made just before \(catalogue-.*-before-migration\.sqlite\); nothing was lost/);
      return true;
    },
  );
  const db = openCatalogueDb(file);
  assert.equal(schemaVersion(db), LATEST_VERSION);
  assert.deepEqual(createCatalogue(db).get(saved.id).draft, saved.draft);
  assert.deepEqual(db.prepare("SELECT count(*) AS n FROM pragma_table_info('offerings') WHERE name = 'x'").get(), { n: 0 });
  db.close();
});

test('Restore from backup brings the catalogue back to that moment at the next start', async () => {
  const dataDir = tempDir();
  const keychainService = uniqueKeychainService();
  let restarts = 0;
  let services = createServices({ dataDir, keychainService, onRestartRequested: () => restarts++ });
  const kept = services.catalogue.save(null, validDraft());
  const backup = services.backups.create();
  services.catalogue.save(null, validDraft());

  assert.throws(() => services.backups.restoreOnRestart('catalogue-nope.sqlite'), /There is no backup called “catalogue-nope.sqlite”/);
  assert.equal(restarts, 0);
  assert.equal(fs.existsSync(path.join(dataDir, 'restore-on-start.json')), false, 'a refused restore changes nothing');

  services.backups.restoreOnRestart(backup.name);
  assert.equal(restarts, 1);
  await services.close();
  services = createServices({ dataDir, keychainService });
  assert.deepEqual(services.catalogue.list().map((r) => r.id), [kept.id]);
  // The catalogue it replaced was kept first: the restore can be undone by restoring that.
  const before = services.backups.list().find((b) => b.reason === 'before-restore');
  assert.ok(before, 'a backup of the replaced catalogue');
  services.backups.restoreOnRestart(before.name);
  await services.close();
  services = createServices({ dataDir, keychainService });
  assert.equal(services.catalogue.list().length, 2, 'both offerings are back');
  await services.close();
});
