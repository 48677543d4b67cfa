// The real Electron window, driven by Playwright's Electron support. Runs on
// CI runners that have Electron's binary (`npm run test:electron`); elsewhere
// every test reports itself skipped with the reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { electronBinary } from '../../scripts/electron-binary.mjs';
import { startSandbox } from '../../electron/main/sandbox/sandbox-server';
import { keytarStore } from '../../electron/main/platform/credentials';
import { networkKey, tempDir, uniqueKeychainService, validDraft } from '../support/helpers';

const binary = electronBinary();
const skip = binary.path === null ? binary.reason : process.env.OFFERING_DESK_ELECTRON_TESTS !== '1' ? 'run through `npm run test:electron`, which builds the app and better-sqlite3 for Electron' : false;

async function launch(env: Record<string, string>): Promise<{ app: ElectronApplication; page: Page }> {
  const app = await electron.launch({ executablePath: binary.path!, args: ['.'], env: { ...process.env, ...env } as Record<string, string> });
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  return { app, page };
}

test('the Electron window: isolated page, app:// with its CSP, navigation and new windows refused, permissions denied, publish, keychain, restart', { skip, timeout: 180_000 }, async (t) => {
  const key = networkKey();
  const sandbox = await startSandbox({ keys: [key] });
  const keychainService = uniqueKeychainService();
  const env = { OFFERING_DESK_DATA_DIR: tempDir(), OFFERING_DESK_KEYCHAIN_SERVICE: keychainService, OFFERING_DESK_MARKETPLACE_URL: sandbox.baseUrl };
  t.after(async () => {
    await sandbox.close();
    await keytarStore(keychainService).delete('marketplace-network-key');
  });
  let { app, page } = await launch(env);

  const inPage = await page.evaluate(() => ({
    api: Object.keys((window as unknown as { api: object }).api).sort(),
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
    ipcRenderer: typeof (window as unknown as { ipcRenderer?: unknown }).ipcRenderer,
    protocol: location.protocol,
    host: location.host,
  }));
  assert.deepEqual(inPage, { api: ['invoke', 'onEvent', 'onMenuCommand'], require: 'undefined', process: 'undefined', ipcRenderer: 'undefined', protocol: 'app:', host: 'offering-desk' });

  const response = await page.reload();
  assert.match(response?.headers()['content-security-policy'] ?? '', /default-src 'none'.*connect-src 'none'/);

  const before = page.url();
  await page.evaluate(() => {
    location.href = 'https://example.invalid/';
  });
  await page.waitForTimeout(500);
  assert.equal(page.url(), before, 'navigation to another origin is refused');
  assert.equal(await page.evaluate(() => window.open('https://example.invalid/') === null), true, 'window.open is refused');
  assert.equal(app.windows().length, 1);
  assert.equal(await page.evaluate(() => Notification.requestPermission()), 'denied', 'permission requests are denied');

  // The real OS keychain through the Settings screen.
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Network key').fill(key);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByText(`A key ending in ${key.slice(-4)} is saved.`).waitFor();
  assert.equal(await keytarStore(keychainService).get('marketplace-network-key'), key);

  // Create and publish an offering to the sandbox.
  const draft = validDraft();
  await page.getByRole('button', { name: 'Offerings' }).click();
  await page.evaluate((d) => (window as unknown as { api: { invoke(c: string, r: unknown): Promise<unknown> } }).api.invoke('offerings:publish', { id: null, draft: d }), draft);
  await page.getByRole('button', { name: new RegExp(draft.courseName) }).getByTestId('status').filter({ hasText: /^Published$/ }).waitFor({ timeout: 20_000 });
  assert.equal(sandbox.listings(key).length, 1);

  // Quit and start again: the offering is still there.
  await app.close();
  ({ app, page } = await launch(env));
  await page.getByRole('button', { name: new RegExp(draft.courseName) }).waitFor();
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Forget network key' }).click();
  await page.getByText('No network key is saved yet.').waitFor();
  assert.equal(await keytarStore(keychainService).get('marketplace-network-key'), null, 'removed from the keychain');
  await app.close();
});

test('`--smoke` opens the window, checks the catalogue and the page, and exits 0', { skip, timeout: 60_000 }, async () => {
  const { spawnSync } = await import('node:child_process');
  const run = spawnSync(binary.path!, ['.', '--smoke'], { encoding: 'utf8', timeout: 50_000, env: { ...process.env, OFFERING_DESK_DATA_DIR: tempDir(), OFFERING_DESK_KEYCHAIN_SERVICE: uniqueKeychainService() } });
  assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
  assert.match(run.stdout, /Offering Desk smoke: ok \(0 offerings in the catalogue\)/);
});
