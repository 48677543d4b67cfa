import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import log from 'electron-log/node';
import { configureFileLog, redactText, LOG_FILE } from '../../electron/main/platform/logging';
import { createServices } from '../../electron/main/services';
import { createHandlers } from '../../electron/main/handlers';
import { dispatch } from '../../electron/main/ipc/dispatch';
import { keytarStore } from '../../electron/main/platform/credentials';
import { startSandbox } from '../../electron/main/sandbox/sandbox-server';
import { tempDir, uniqueKeychainService, networkKey, validDraft, filesContaining } from '../support/helpers';

test('the network key and URL query strings never reach the log files, whatever path they take', async (t) => {
  const key = networkKey();
  const dir = tempDir();
  const logger = log.create({ logId: `test-${Date.now()}` });
  logger.transports.console.level = false;
  const keychainService = uniqueKeychainService();
  const sandbox = await startSandbox();
  let secrets: () => readonly string[] = () => [];
  configureFileLog(logger, { dir, secrets: () => secrets(), maxBytes: 16 * 1024 });
  const services = createServices({ dataDir: tempDir(), keychainService, marketplaceUrlPreset: sandbox.baseUrl, log: logger });
  secrets = () => services.credentials.knownSecrets();
  t.after(async () => {
    await services.close();
    await sandbox.close();
    await keytarStore(keychainService).delete('marketplace-network-key');
  });

  // The app's own paths: every Marketplace call is logged with its URL
  // (DELETE carries the key in the query), failures with their error.
  await services.credentials.setKey(key);
  const draft = validDraft();
  const record = services.catalogue.publish(null, draft);
  await services.queue.drain();
  sandbox.setFaults({ error503: 1 });
  services.catalogue.publish(record.id, { ...draft, seatsRemaining: 1 });
  await services.queue.kick();
  sandbox.setFaults({ error503: 0 });
  services.catalogue.delete(record.id);
  await services.queue.drain();
  const handlers = createHandlers(services);
  await dispatch({ ...handlers, 'queue:status': () => { throw new Error(`internal failure while holding ${key}`); } }, 'queue:status', {}, (e) => logger.error('Unexpected', e));

  // And every shape a careless line could take.
  logger.info(`plain text ${key}`);
  logger.warn('an object', { networkKey: key, nested: { url: `https://marketplace.example.ca/api-v2/class-offerings/x?networkKey=${key}&a=1` } });
  logger.error(new Error(`thrown with ${key}`));
  logger.info(JSON.stringify({ networkKey: key }));
  logger.info(['in', 'an', 'array', key]);

  const readAll = () => fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n');
  const text = readAll();
  assert.match(text, /DELETE http:\/\/127\.0\.0\.1:\d+\/api-v2\/class-offerings\/[^?\s]+\?\[redacted\] → 204/);
  assert.match(text, /internal failure while holding \[redacted\]/);
  assert.match(text, /Marketplace patch of .* failed/);
  assert.deepEqual(filesContaining(dir, key), [], 'the key is in no log file');
  assert.equal(text.includes('a=1'), false, 'query strings are dropped whole');

  for (let i = 0; i < 150; i++) logger.info(`filler line ${i} to force a rotation ${'x'.repeat(100)}`);
  assert.deepEqual(fs.readdirSync(dir).sort(), [LOG_FILE, LOG_FILE.replace('.log', '.old.log')], 'rotated, one old file kept');
  assert.deepEqual(filesContaining(dir, key), []);
});

test('redaction removes known keys, networkKey fields and query strings', () => {
  assert.equal(redactText('key SECRET-1234 here', ['SECRET-1234']), 'key [redacted] here');
  assert.equal(redactText('GET https://x.example/a?networkKey=abc&b=2 done', []), 'GET https://x.example/a?[redacted] done');
  assert.equal(redactText('{"networkKey":"abc123","x":1}', []), '{"networkKey":"[redacted]","x":1}');
});
