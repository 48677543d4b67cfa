// One regression test per defect found by the hardening review: each failed
// before its fix. The contract-wide fuzz test is in ipc-fuzz.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { bridgeWithServices } from '../support/bridge';
import { appState } from '../support/state';
import { networkKey, tempDir, validDraft, waitFor } from '../support/helpers';
import { openCatalogueDb } from '../../electron/main/database/open';
import { createBackup, listBackups, KEEP_BACKUPS } from '../../electron/main/database/backups';
import { rendererFileFor } from '../../electron/main/platform/renderer-files';
import { MAX_REQUEST_BYTES } from '../../electron/main/web-bridge';
import { testServices } from '../support/services';
import { denyAllPermissions } from '../../electron/main/shell/security';
import { updateFeedForBuild } from '../../electron/main/shell/update-feed';
import { publishProblems } from '../../shared/offering';

/** Bytes written straight to the socket (Node's client refuses malformed requests before sending); the status line read back. */
function rawBytes(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(bytes));
    let answer = '';
    socket.on('data', (c: Buffer) => (answer += c.toString('latin1')));
    socket.on('end', () => resolve(answer.split('\r\n')[0] ?? ''));
    socket.on('error', reject);
  });
}

/** A raw HTTP request, so that paths and bodies go out exactly as written. */
function rawRequest(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer | string; chunks?: number }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: { host: `127.0.0.1:${port}`, ...options.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (options.body !== undefined && options.chunks) {
      const body = Buffer.from(options.body);
      const size = Math.ceil(body.length / options.chunks);
      for (let i = 0; i < body.length; i += size) req.write(body.subarray(i, i + size));
    } else if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

test('1. a body that is not valid JSON is answered 400 and does nothing; only an empty body means {}', async (t) => {
  const { api, services } = await bridgeWithServices(t);
  await services.credentials.setKey(networkKey());
  services.catalogue.save(null, validDraft());
  services.queue.cancel();
  const before = await appState(services);
  for (const [channel, body] of [
    ['settings:forgetKey', '{'],
    ['offerings:publishAll', 'not json'],
    ['backups:create', '{"a":'],
    ['settings:forgetKey', 'null x'],
  ] as const) {
    const res = await api(channel, body);
    assert.equal(res.status, 400, `${channel} ${body}`);
    const answer = (await res.json()) as { ok: boolean; error: { code: string; message: string } };
    assert.deepEqual([answer.ok, answer.error.code], [false, 'bad-request']);
    assert.match(answer.error.message, /not valid JSON/);
  }
  assert.deepEqual(await appState(services), before, 'the key, the catalogue and the backups are as they were');
  const empty = await api('queue:status', '');
  assert.equal(empty.status, 200);
  assert.equal(((await empty.json()) as { ok: boolean }).ok, true, 'an empty body is {}');
});

test('1. backups made on request never push out the automatic pre-migration backups', () => {
  const file = path.join(tempDir(), 'catalogue.sqlite');
  const db = openCatalogueDb(file);
  for (let i = 0; i < KEEP_BACKUPS; i++) createBackup(db, file, 'before-migration', new Date(Date.UTC(2026, 0, 1, 0, 0, i)));
  for (let i = 0; i < KEEP_BACKUPS + 4; i++) createBackup(db, file, 'manual', new Date(Date.UTC(2026, 10, 27, 10, 0, i)));
  db.close();
  const kept = listBackups(file);
  assert.equal(kept.filter((b) => b.reason === 'before-migration').length, KEEP_BACKUPS);
  assert.deepEqual(
    kept.filter((b) => b.reason === 'manual').map((b) => b.at),
    Array.from({ length: KEEP_BACKUPS }, (_, i) => new Date(Date.UTC(2026, 10, 27, 10, 0, KEEP_BACKUPS + 3 - i)).toISOString()),
    'the newest five made on request',
  );
});

test('2. a bad percent-escape is answered 400 and the bridge stays up', async (t) => {
  const { url, token, api } = await bridgeWithServices(t);
  const port = Number(url.port);
  assert.equal((await rawRequest(port, { path: '/%E0%A4%A' })).status, 400, 'no token needed to try it');
  assert.equal((await rawRequest(port, { path: '/assets/%ZZ.js' })).status, 400);
  const apiCall = await rawRequest(port, { method: 'POST', path: '/api/offerings%E0%A4%A', headers: { 'x-desk-token': token }, body: '{}' });
  assert.equal(apiCall.status, 400);
  assert.doesNotMatch(apiCall.body, /URIError|at |node:/);
  assert.equal(await rawBytes(port, `GET / HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\nx y\r\n\r\n`), 'HTTP/1.1 400 Bad Request', 'malformed HTTP too');
  assert.equal((await api('queue:status', {})).status, 200, 'still answering');
});

test('2. the app:// protocol maps paths the same way: bad escapes are 400, escapes from the folder 404', () => {
  const dir = tempDir();
  assert.deepEqual(rendererFileFor(dir, '/%E0%A4%A'), { ok: false, status: 400 });
  assert.deepEqual(rendererFileFor(dir, '/index.html%00.png'), { ok: false, status: 400 });
  for (const p of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc/passwd']) assert.deepEqual(rendererFileFor(dir, p), { ok: false, status: 404 }, p);
  assert.deepEqual(rendererFileFor(dir, '/'), { ok: true, file: path.join(dir, 'index.html') });
  assert.deepEqual(rendererFileFor(dir, '/assets/a%20b.js'), { ok: true, file: path.join(dir, 'assets', 'a b.js') });
});

test('3. bodies over 1 MB are refused unread with 413, and errors never echo more than a short prefix', async (t) => {
  const { url, token, api, services } = await bridgeWithServices(t);
  const port = Number(url.port);
  const before = await appState(services);
  const huge = JSON.stringify({ marketplaceUrl: 'x'.repeat(2 * MAX_REQUEST_BYTES) });
  const declared = await rawRequest(port, { method: 'POST', path: '/api/settings:save', headers: { 'x-desk-token': token, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(huge)) }, body: huge });
  assert.equal(declared.status, 413);
  const chunked = await rawRequest(port, { method: 'POST', path: '/api/settings:save', headers: { 'x-desk-token': token, 'transfer-encoding': 'chunked' }, body: huge, chunks: 64 });
  assert.equal(chunked.status, 413, 'also when the size is not declared');
  assert.deepEqual(await appState(services), before);

  const longKey = 'k'.repeat(MAX_REQUEST_BYTES - 100);
  const unknownKey = await api('settings:save', `{"${longKey}": 1}`);
  const unknownText = await unknownKey.text();
  assert.ok(unknownText.length < 1000, `answer of ${unknownText.length} characters`);
  const unknownChannel = await (await api(`x${'c'.repeat(5000)}`, {})).text();
  assert.ok(unknownChannel.length < 1000, `answer of ${unknownChannel.length} characters`);
  const manyIssues = await (await api('offerings:deleteMany', { ids: Array.from({ length: 900 }, () => 'i'.repeat(70)) })).text();
  assert.ok(manyIssues.length < 2000, `answer of ${manyIssues.length} characters`);
});

test('4. a refused call commits nothing: settings, bulk delete and bulk copy are all or nothing', async (t) => {
  const { api, services } = await bridgeWithServices(t);
  const key = networkKey();
  await services.credentials.setKey(key);
  const a = services.catalogue.save(null, validDraft());
  const b = services.catalogue.save(null, validDraft());
  services.queue.cancel();
  const before = await appState(services);
  const refused: [string, unknown, string][] = [
    ['settings:save', { language: 'fr', marketplaceUrl: 'ftp://marketplace.example' }, 'settings-invalid'],
    ['settings:save', { language: 'fr', marketplaceUrl: 'https://marketplace.example/api', publishConcurrency: 2, networkKey: 'has spaces in it' }, 'validation'],
    ['offerings:deleteMany', { ids: [a.id, b.id, 'no-such-offering'] }, 'not-found'],
    ['offerings:copyShifted', { ids: [a.id, b.id, 'no-such-offering'], days: 7 }, 'not-found'],
  ];
  for (const [channel, body, code] of refused) {
    const answer = (await (await api(channel, body)).json()) as { ok: boolean; error: { code: string } };
    assert.deepEqual([answer.ok, answer.error.code], [false, code], channel);
    assert.deepEqual(await appState(services), before, `${channel} changed nothing`);
  }
  assert.equal(services.settings.language(), null);
  assert.equal(await services.credentials.getKey(), key);
});

test('5. the network key never follows a redirect: the second server receives nothing and the offering is not marked published', async (t) => {
  const received: string[] = [];
  const elsewhere = http.createServer((req, res) => {
    received.push(`${req.method} ${req.url}`);
    req.resume();
    res.writeHead(201).end('{}');
  });
  await new Promise<void>((r) => elsewhere.listen(0, '127.0.0.1', r));
  const elsewherePort = (elsewhere.address() as AddressInfo).port;
  const redirecting = http.createServer((req, res) => {
    req.resume();
    res.writeHead(307, { location: `http://127.0.0.1:${elsewherePort}${req.url}` }).end();
  });
  await new Promise<void>((r) => redirecting.listen(0, '127.0.0.1', r));
  t.after(() => {
    elsewhere.close();
    redirecting.close();
  });
  const { services } = testServices(t, { marketplaceUrlPreset: `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}/api-v2` });
  await services.credentials.setKey(networkKey());
  const record = services.catalogue.publish(null, validDraft());
  void services.queue.kick();
  const paused = await waitFor(() => services.queue.status().paused, { what: 'the queue to pause' });
  assert.equal(paused.code, 'marketplace-redirect');
  assert.match(paused.message, /redirects elsewhere; check the URL in Settings/);
  assert.deepEqual(received, [], 'nothing reached the other server');
  assert.notEqual(services.catalogue.get(record.id).status, 'published');
  assert.equal(services.catalogue.get(record.id).listed, false);
});

test('5. URLs with a user name or password are refused in every URL field and setting', async (t) => {
  const { api, services } = await bridgeWithServices(t);
  const before = await appState(services);
  const answer = (await (await api('settings:save', { marketplaceUrl: 'https://user:pw@marketplace.example/api' })).json()) as { error: { code: string } };
  assert.equal(answer.error.code, 'settings-invalid');
  assert.deepEqual(await appState(services), before);
  assert.throws(() => updateFeedForBuild({ OFFERING_DESK_UPDATE_URL: 'https://user:pw@updates.example/feed' }), /must not contain a user name/);
  const problems = publishProblems(validDraft({ registrationUrl: 'https://user:pw@register.example/wah' }));
  assert.deepEqual(problems.map((p) => [p.path, p.code]), [['registrationUrl', 'url.credentials']]);
  const virtual = publishProblems(validDraft({ trainingStandardKey: 'JHSC-2014-1-E-V', virtualClassUrl: 'https://:secret@meet.example/x' }));
  assert.ok(virtual.some((p) => p.path === 'virtualClassUrl' && p.code === 'url.credentials'));
});

test('6. every permission is denied: asked, checked or for a device', () => {
  const handlers: Record<string, (...args: unknown[]) => unknown> = {};
  denyAllPermissions({
    setPermissionRequestHandler: (h) => (handlers.request = h as (...args: unknown[]) => unknown),
    setPermissionCheckHandler: (h) => (handlers.check = h as (...args: unknown[]) => unknown),
    setDevicePermissionHandler: (h) => (handlers.device = h as (...args: unknown[]) => unknown),
  });
  for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid', 'serial', 'usb', 'fullscreen']) {
    let granted: boolean | undefined;
    handlers.request!({}, permission, (g: boolean) => (granted = g), {});
    assert.equal(granted, false, permission);
    assert.equal(handlers.check!({}, permission, 'app://offering-desk', {}), false, permission);
  }
  assert.equal(handlers.device!({ deviceType: 'usb' }), false);
});

test('6. the update feed is fixed at build time and cannot be set from the renderer', async (t) => {
  assert.equal(updateFeedForBuild({}), '', 'no feed: updates off');
  assert.equal(updateFeedForBuild({ OFFERING_DESK_UPDATE_URL: ' https://updates.example/offering-desk/ ' }), 'https://updates.example/offering-desk');
  assert.throws(() => updateFeedForBuild({ OFFERING_DESK_UPDATE_URL: 'http://updates.example/feed' }), /must start with https/);
  const { api, services } = await bridgeWithServices(t, { updateFeedUrl: 'https://updates.example/offering-desk' });
  const before = await appState(services);
  const answer = (await (await api('settings:save', { updateFeedUrl: 'https://evil.example/feed' })).json()) as { ok: boolean; error: { code: string } };
  assert.deepEqual([answer.ok, answer.error.code], [false, 'bad-request']);
  assert.deepEqual(await appState(services), before);
  const view = (await (await api('settings:get', {})).json()) as { value: { updateFeedUrl: string } };
  assert.equal(view.value.updateFeedUrl, 'https://updates.example/offering-desk', 'shown as information');
});

test('2. input nested far deeper than any request is refused before validation, without overflowing the stack', async (t) => {
  const { api, services } = await bridgeWithServices(t);
  const before = await appState(services);
  const depth = 20_000;
  const deepArray = `${'['.repeat(depth)}${']'.repeat(depth)}`;
  const body = `{"id":null,"draft":{"offeringId":"","trainingStandardKey":${deepArray}}}`;
  for (const channel of ['offerings:publish', 'offerings:save']) {
    const res = await api(channel, body);
    assert.equal(res.status, 200);
    const answer = (await res.json()) as { ok: boolean; error: { code: string; message: string } };
    assert.deepEqual([answer.ok, answer.error.code], [false, 'bad-request'], channel);
    assert.match(answer.error.message, /nested too deeply/);
  }
  assert.deepEqual(await appState(services), before);
});

test('2. a schema message never turns the input into text: a deep array as a training standard is refused plainly', async () => {
  const { contract } = await import('../../shared/ipc');
  let deep: unknown = [];
  for (let i = 0; i < 20_000; i++) deep = [deep];
  const parsed = contract['offerings:save'].request.safeParse({ id: null, draft: { ...validDraft(), trainingStandardKey: deep } });
  assert.equal(parsed.success, false);
  assert.ok(parsed.error!.issues.every((i) => i.message.length < 200));
  const long = contract['offerings:save'].request.safeParse({ id: null, draft: { ...validDraft(), trainingStandardKey: 'W'.repeat(100_000) } });
  assert.ok(long.error!.issues.every((i) => i.message.length < 200), 'a long string is cut short');
});
