import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createCredentials, keytarStore, type SecretStore } from '../../electron/main/platform/credentials';
import { AppFailure } from '../../shared/errors';
import { createServices } from '../../electron/main/services';
import { tempDir, uniqueKeychainService, networkKey } from '../support/helpers';

function memoryFlag(initial = false) {
  let saved = initial;
  return { get: () => saved, set: (v: boolean) => void (saved = v) };
}

async function rejectsWith(promise: Promise<unknown>, code: string, message?: RegExp): Promise<void> {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof AppFailure, `expected an AppFailure, got ${String(e)}`);
    assert.equal(e.error.code, code);
    if (message) assert.match(e.error.message, message);
    return true;
  });
}

test('the network key is set, read, replaced and forgotten in the real system keychain', async (t) => {
  const service = uniqueKeychainService();
  const store = keytarStore(service);
  const credentials = createCredentials({ store, rememberSaved: memoryFlag() });
  t.after(() => store.delete('marketplace-network-key'));

  assert.deepEqual(await credentials.status(), { keySet: false, keyLast4: null });
  await rejectsWith(credentials.getKey(), 'no-key', /No network key is stored/);

  const first = networkKey();
  assert.deepEqual(await credentials.setKey(` ${first} `), { keySet: true, keyLast4: first.slice(-4) });
  assert.equal(await credentials.getKey(), first, 'trimmed and stored');
  assert.equal(await store.get('marketplace-network-key'), first, 'really in the keychain');

  const second = networkKey();
  await credentials.setKey(second);
  assert.equal(await credentials.getKey(), second);

  assert.deepEqual(await credentials.forget(), { keySet: false, keyLast4: null });
  assert.equal(await store.get('marketplace-network-key'), null);
  await rejectsWith(credentials.getKey(), 'no-key');
});

test('a malformed key is refused and the stored one is kept', async (t) => {
  const store = keytarStore(uniqueKeychainService());
  t.after(() => store.delete('marketplace-network-key'));
  const credentials = createCredentials({ store, rememberSaved: memoryFlag() });
  const key = networkKey();
  await credentials.setKey(key);
  await rejectsWith(credentials.setKey('has spaces in it'), 'validation', /visible characters with no spaces/);
  await rejectsWith(credentials.setKey('ab'), 'validation');
  assert.equal(await credentials.getKey(), key);
});

test('a key saved earlier that the keychain no longer returns is reported as locked, not as missing', async (t) => {
  const store = keytarStore(uniqueKeychainService());
  t.after(() => store.delete('marketplace-network-key'));
  const credentials = createCredentials({ store, rememberSaved: memoryFlag(true) });
  await rejectsWith(credentials.getKey(), 'keychain-locked', /may be locked, or the key was removed/);
});

test('a keychain that does not answer times out as locked', async () => {
  const hanging: SecretStore = { get: () => new Promise(() => {}), set: () => new Promise(() => {}), delete: () => new Promise(() => {}) };
  const credentials = createCredentials({ store: hanging, timeoutMs: 50, rememberSaved: memoryFlag() });
  await rejectsWith(credentials.getKey(), 'keychain-locked', /did not answer; it may be locked/);
  await rejectsWith(credentials.setKey(networkKey()), 'keychain-locked');
  await rejectsWith(credentials.warm(), 'keychain-locked');
});

test('warming opens the real keychain with one read of the network key and changes nothing', async (t) => {
  const keychain = keytarStore(uniqueKeychainService());
  t.after(() => keychain.delete('marketplace-network-key'));
  const calls: string[] = [];
  const counted: SecretStore = {
    get: (account) => (calls.push(`get ${account}`), keychain.get(account)),
    set: (account, secret) => (calls.push(`set ${account}`), keychain.set(account, secret)),
    delete: (account) => (calls.push(`delete ${account}`), keychain.delete(account)),
  };
  const credentials = createCredentials({ store: counted, rememberSaved: memoryFlag() });
  await credentials.warm();
  assert.deepEqual(calls, ['get marketplace-network-key']);
  assert.equal(await keychain.get('marketplace-network-key'), null, 'nothing was written');
  const key = networkKey();
  await keychain.set('marketplace-network-key', key);
  await credentials.warm();
  assert.ok(credentials.knownSecrets().includes(key), 'a key read while warming is known to the log, so it is redacted');
});

test('with no Secret Service on the bus the keychain is reported unavailable', () => {
  // A real keytar in a child process whose D-Bus address leads nowhere.
  const script = `
    import { createCredentials, keytarStore } from './electron/main/platform/credentials.ts';
    const c = createCredentials({ store: keytarStore('Offering Desk unavailable test'), timeoutMs: 4000, rememberSaved: { get: () => false, set() {} } });
    c.getKey().then(() => console.log('unexpected key'), (e) => console.log(JSON.stringify(e.error)));
  `;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus', DISPLAY: '' },
    encoding: 'utf8',
    timeout: 20_000,
  });
  const error = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}');
  assert.equal(error.code, 'keychain-unavailable', child.stderr);
  assert.match(error.message, /The system keychain cannot be used .*never stored anywhere else/);
});

test('at start, a keychain that fails is logged as a warning and start goes on', async (t) => {
  const dataDir = tempDir();
  const warnings: unknown[][] = [];
  const broken: SecretStore = { get: () => Promise.reject(new Error('org.freedesktop.DBus.Error.ServiceUnknown')), set: () => Promise.reject(new Error('x')), delete: () => Promise.reject(new Error('x')) };
  const services = createServices({ dataDir, secretStore: broken, log: { info() {}, warn: (...data) => void warnings.push(data), error() {} } });
  t.after(() => services.close());
  services.queue.cancel();
  await services.warmKeychain();
  assert.equal(warnings.length, 1);
  assert.match(String(warnings[0]![0]), /keychain did not answer at start/);
  assert.ok(warnings[0]![1] instanceof AppFailure, 'the keychain error as a value, with its code');
});
