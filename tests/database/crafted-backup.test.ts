// Issue 24, item 7: a backup is a file anyone can put in the backups folder.
// Each test crafts one with real SQLite, restores it through the real
// services (real keychain, real restarts over the same data folder) and
// checks what the desk does with it.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import { createServices, type Services } from '../../electron/main/services';
import { keytarStore } from '../../electron/main/platform/credentials';
import { backupsDir } from '../../electron/main/database/backups';
import { checkBackupFile } from '../../electron/main/database/backup-check';
import { LATEST_VERSION } from '../../electron/main/database/schema';
import { AppFailure } from '../../shared/errors';
import { KEYCHAIN_ACCOUNTS } from '../support/services';
import { networkKey, tempDir, uniqueKeychainService, validDraft, waitFor } from '../support/helpers';

/** Services over one data folder that a test can stop and start again, as the app does when it restarts. */
function desk(t: TestContext) {
  const dataDir = tempDir();
  const keychainService = uniqueKeychainService();
  let current: Services | null = null;
  t.after(async () => {
    await current?.close();
    const store = keytarStore(keychainService);
    for (const account of KEYCHAIN_ACCOUNTS) await store.delete(account);
  });
  return {
    dataDir,
    catalogueFile: path.join(dataDir, 'catalogue.sqlite'),
    start(): Services {
      current = createServices({ dataDir, keychainService });
      return current;
    },
    async restart(): Promise<Services> {
      await current?.close();
      current = null;
      return this.start();
    },
  };
}

/** A backup made by the app, then changed with `craft` as an attacker with the file would. */
function craftedBackup(services: Services, craft: (db: Database.Database) => void): string {
  const made = services.backups.create();
  const file = path.join(backupsDir(path.join(services.dataDir, 'catalogue.sqlite')), made.name);
  const db = new Database(file);
  craft(db);
  db.close();
  return made.name;
}

/** A plain-http server on this machine's own network address: "another host" as far as the URL rules go. */
async function otherHost(t: TestContext): Promise<{ url: string; received: string[] }> {
  const address = Object.values(os.networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
  assert.ok(address, 'this test needs a non-loopback IPv4 address');
  const received: string[] = [];
  const server = http.createServer((req, res) => {
    received.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
    req.resume();
    res.writeHead(201, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((r) => server.listen(0, address, r));
  t.after(() => server.close());
  return { url: `http://${address}:${(server.address() as AddressInfo).port}/api-v2`, received };
}

function refusal(reason: string) {
  return (e: unknown) => {
    assert.ok(e instanceof AppFailure, String(e));
    assert.equal(e.error.code, 'backup-refused');
    assert.deepEqual(e.error.fields?.map((f) => f.code), [reason]);
    assert.match(e.error.message, /^This backup cannot be restored: .*Nothing was changed\.$/);
    return true;
  };
}

test('a Marketplace URL read back from a restored catalogue is checked as settings:save checks it: plain http to another host is not used and the key is not sent', async (t) => {
  const d = desk(t);
  let services = d.start();
  const host = await otherHost(t);
  const key = networkKey();
  await services.credentials.setKey(key);
  const name = craftedBackup(services, (db) => {
    db.prepare("INSERT INTO settings (key, value) VALUES ('marketplaceUrl', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(JSON.stringify(host.url));
    // Out of range for Settings: it must not stop the app either.
    db.prepare("INSERT INTO settings (key, value) VALUES ('publishConcurrency', '999') ON CONFLICT (key) DO UPDATE SET value = excluded.value").run();
  });
  services.backups.restoreOnRestart(name);
  services = await d.restart();

  const view = await services.settingsView();
  assert.equal(view.marketplaceUrl, '', 'the refused URL is not shown as if it were in use');
  assert.equal(view.usingSandbox, false, 'nor silently replaced by the sandbox');
  assert.equal(view.storedProblem?.code, 'stored-setting-refused');
  assert.deepEqual(view.storedProblem?.fields?.map((f) => f.code).sort(), ['marketplaceUrl.invalid', 'publishConcurrency.invalid']);
  assert.match(view.storedProblem!.message, /must start with https:\/\/.*Enter them again in Settings; nothing was sent with them/);

  const record = services.catalogue.publish(null, validDraft());
  void services.queue.kick();
  const paused = await waitFor(() => services.queue.status().paused, { what: 'the queue to pause' });
  assert.equal(paused.code, 'stored-setting-refused');
  assert.deepEqual(host.received, [], 'nothing, and no key, reached the other host');
  assert.equal(services.catalogue.get(record.id).listed, false);

  // Entering a good URL again is the fix, and it holds.
  services.settings.apply(services.settings.check({ marketplaceUrl: 'https://marketplace.example/api-v2' }));
  assert.equal((await services.settingsView()).storedProblem?.fields?.some((f) => f.path === 'marketplaceUrl'), false);
  assert.equal(services.settings.marketplaceUrl(), 'https://marketplace.example/api-v2');
});

test('a backup holding a trigger the app does not make is refused before anything is replaced, when asked and at start', async (t) => {
  const d = desk(t);
  let services = d.start();
  const kept = services.catalogue.save(null, validDraft());
  // The trigger that undid a user's fix of the Marketplace URL.
  const name = craftedBackup(services, (db) =>
    db.exec(`CREATE TRIGGER keep_url AFTER UPDATE ON settings WHEN NEW.key = 'marketplaceUrl'
             BEGIN UPDATE settings SET value = '"http://evil.example"' WHERE key = 'marketplaceUrl'; END`),
  );
  assert.throws(() => services.backups.restoreOnRestart(name), refusal('foreign-schema'));
  assert.equal(fs.existsSync(path.join(d.dataDir, 'restore-on-start.json')), false, 'a refused restore asks for nothing');

  // The same file put in place behind the check's back (a marker written by hand) is refused at start too.
  fs.writeFileSync(path.join(d.dataDir, 'restore-on-start.json'), JSON.stringify({ name }));
  services = await d.restart();
  assert.deepEqual(services.catalogue.list().map((r) => r.id), [kept.id], 'the catalogue was not replaced');
  assert.deepEqual(services.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name = 'keep_url'").all(), []);
  const last = services.backups.lastRestore();
  assert.equal(last?.refused?.code, 'backup-refused');
  assert.deepEqual(last?.refused?.fields?.map((f) => f.code), ['foreign-schema']);
  assert.equal(last?.replaced, null);
});

test('a backup from a future schema, a damaged one, a SQLite file that is no catalogue and a file that is not SQLite are refused, and every later start opens', async (t) => {
  const d = desk(t);
  let services = d.start();
  const kept = services.catalogue.save(null, validDraft());
  const dir = backupsDir(d.catalogueFile);
  const newer = craftedBackup(services, (db) => db.pragma(`user_version = ${LATEST_VERSION + 1}`));
  const damaged = craftedBackup(services, () => {});
  const bytes = fs.readFileSync(path.join(dir, damaged));
  bytes.fill(0xa5, 4096, 8192); // the second page, where the first table's rows start
  fs.writeFileSync(path.join(dir, damaged), bytes);
  const foreign = craftedBackup(services, () => {});
  const notCatalogue = foreign.replace('manual', 'before-restore');
  const other = new Database(path.join(dir, notCatalogue));
  other.exec('CREATE TABLE photos (id INTEGER PRIMARY KEY)');
  other.close();
  fs.rmSync(path.join(dir, foreign));
  const notSqlite = craftedBackup(services, () => {}).replace('manual', 'before-migration');
  fs.writeFileSync(path.join(dir, notSqlite), 'id,name\n1,not a database\n');

  assert.throws(() => services.backups.restoreOnRestart(newer), refusal('newer'));
  assert.throws(() => services.backups.restoreOnRestart(damaged), refusal('damaged'));
  assert.throws(() => services.backups.restoreOnRestart(notCatalogue), refusal('not-catalogue'));
  assert.throws(() => services.backups.restoreOnRestart(notSqlite), refusal('not-sqlite'));

  for (const name of [newer, damaged, notCatalogue, notSqlite]) {
    fs.writeFileSync(path.join(d.dataDir, 'restore-on-start.json'), JSON.stringify({ name }));
    services = await d.restart();
    assert.deepEqual(services.catalogue.list().map((r) => r.id), [kept.id], `${name}: the catalogue was not replaced`);
    assert.equal(services.backups.lastRestore()?.refused?.code, 'backup-refused');
  }
  // A marker that cannot be read does not stop the start either.
  fs.writeFileSync(path.join(d.dataDir, 'restore-on-start.json'), '{not json');
  services = await d.restart();
  assert.deepEqual(services.catalogue.list().map((r) => r.id), [kept.id]);
  assert.equal(fs.existsSync(path.join(d.dataDir, 'restore-on-start.json')), false);
});

test('the catalogue a restore replaces is kept as it was at the restart, edits made after asking included, and named for Settings', async (t) => {
  const d = desk(t);
  let services = d.start();
  const first = services.catalogue.save(null, validDraft());
  const backup = services.backups.create();
  services.backups.restoreOnRestart(backup.name);
  // Still working before the restart (the browser version restarts only when its user does).
  const late = services.catalogue.save(null, validDraft());
  services = await d.restart();
  assert.deepEqual(services.catalogue.list().map((r) => r.id), [first.id]);

  const last = services.backups.lastRestore();
  assert.equal(last?.refused, null);
  assert.equal(last?.restoredFrom, backup.at);
  assert.equal(last?.replaced?.reason, 'before-restore');
  const copy = new Database(path.join(backupsDir(d.catalogueFile), last!.replaced!.name), { readonly: true });
  assert.deepEqual(copy.prepare('SELECT id FROM offerings ORDER BY id').all(), [{ id: first.id }, { id: late.id }].sort((a, b) => a.id.localeCompare(b.id)));
  copy.close();

  // Putting it back is an ordinary restore of that backup, which passes every check.
  services.backups.restoreOnRestart(last!.replaced!.name);
  services = await d.restart();
  assert.deepEqual(services.catalogue.list().map((r) => r.id).sort(), [first.id, late.id].sort());
});

test('catalogues made by the real earlier versions pass the check: a backup made before their upgrade can be restored', () => {
  const fixtures = path.join(import.meta.dirname, '..', 'fixtures', 'catalogues');
  for (const version of ['schema-2-3ac81cc', 'schema-11-b6ac650']) {
    // A copy: SQLite leaves its shared-memory file beside what it opens.
    const copy = path.join(tempDir(), 'catalogue.sqlite');
    fs.copyFileSync(path.join(fixtures, version, 'catalogue.sqlite'), copy);
    assert.deepEqual(checkBackupFile(copy), { schemaVersion: Number(/^schema-(\d+)/.exec(version)![1]) }, version);
  }
});
