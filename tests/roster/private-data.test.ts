// Issue 24, item 12: the data folder and every file the desk writes in it are
// the user's alone on Linux and macOS (0700 / 0600), whatever the umask, and
// an existing folder made before this is made private at the next start.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import log from 'electron-log/node';
import { createServices } from '../../electron/main/services';
import { keytarStore } from '../../electron/main/platform/credentials';
import { configureFileLog, LOG_FILE } from '../../electron/main/platform/logging';
import { KEYCHAIN_ACCOUNTS } from '../support/services';
import { networkKey, tempDir, uniqueKeychainService, validDraft, waitFor } from '../support/helpers';

/** Every folder and file under `dir` (itself included) with its permission bits, as octal text. */
function modes(dir: string): Record<string, string> {
  const out: Record<string, string> = { '.': (fs.statSync(dir).mode & 0o777).toString(8) };
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      out[path.relative(dir, p)] = (fs.statSync(p).mode & 0o777).toString(8);
      if (e.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}

const privateOnly = (found: Record<string, string>, dir: string) =>
  Object.fromEntries(Object.keys(found).map((p) => [p, fs.statSync(path.join(dir, p)).isDirectory() ? '700' : '600']));

test('the data folder is 0700 and every file the desk writes in it 0600: catalogue, write-ahead log, backups, restore marker, sandbox file and log', { skip: process.platform === 'win32' }, async (t) => {
  const previous = process.umask(0o022);
  t.after(() => process.umask(previous));
  const dataDir = path.join(tempDir(), 'Offering Desk');
  const keychainService = uniqueKeychainService();
  const logger = log.create({ logId: `private-${Date.now()}` });
  logger.transports.console.level = false;
  configureFileLog(logger, { dir: path.join(dataDir, 'logs'), secrets: () => [] });
  const services = createServices({ dataDir, keychainService, log: logger });
  t.after(async () => {
    await services.close();
    for (const account of KEYCHAIN_ACCOUNTS) await keytarStore(keychainService).delete(account);
  });
  await services.credentials.setKey(networkKey());
  const record = services.catalogue.publish(null, validDraft());
  void services.queue.kick();
  await waitFor(() => services.catalogue.get(record.id).status === 'published' || null, { what: 'the embedded sandbox to list it' });
  const backup = services.backups.create();
  services.backups.restoreOnRestart(backup.name);
  logger.info('written to the log file');
  await waitFor(() => fs.existsSync(path.join(dataDir, 'logs', LOG_FILE)) || null, { what: 'the log file' });

  const found = modes(dataDir);
  for (const expected of ['catalogue.sqlite', 'catalogue.sqlite-wal', 'backups', `backups/${backup.name}`, 'restore-on-start.json', 'sandbox-marketplace.json', `logs/${LOG_FILE}`]) {
    assert.ok(expected in found, `${expected} is there to check (found ${Object.keys(found).join(', ')})`);
  }
  assert.deepEqual(found, privateOnly(found, dataDir));
});

test('a data folder made open by an earlier version (0755, files 0644) is made private at the next start', { skip: process.platform === 'win32' }, async (t) => {
  const dataDir = tempDir();
  const keychainService = uniqueKeychainService();
  let services = createServices({ dataDir, keychainService });
  services.catalogue.save(null, validDraft());
  services.backups.create();
  await services.close();
  fs.chmodSync(dataDir, 0o755);
  fs.chmodSync(path.join(dataDir, 'backups'), 0o755);
  for (const f of fs.readdirSync(path.join(dataDir, 'backups'))) fs.chmodSync(path.join(dataDir, 'backups', f), 0o644);
  fs.chmodSync(path.join(dataDir, 'catalogue.sqlite'), 0o644);

  services = createServices({ dataDir, keychainService });
  t.after(async () => {
    await services.close();
    for (const account of KEYCHAIN_ACCOUNTS) await keytarStore(keychainService).delete(account);
  });
  const found = modes(dataDir);
  assert.deepEqual(found, privateOnly(found, dataDir));
});
