// Runs the app as a user would in a browser: the web bridge as its own
// process (so it can be restarted), Debian's Chromium driven by Playwright.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { startSandbox, type Faults, type Sandbox } from '../../electron/main/sandbox/sandbox-server';
import { keytarStore } from '../../electron/main/platform/credentials';
import type { OfferingDraft } from '../../shared/offering';
import { tempDir, uniqueKeychainService, waitFor } from '../support/helpers';
import { KEYCHAIN_ACCOUNTS } from '../support/services';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // Headless Chromium builds each new window's omnibox popup as a web page of its own (a "top chrome" WebUI
  // renderer): in its first second it takes a core, on a 2-core machine half of what the page under test has.
  // Electron has no omnibox; any one of these left on starts that renderer (Chromium 156).
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup',
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS, headless: true });
}

export interface BridgeProcess {
  url: string;
  stop(): Promise<void>;
}

export async function startBridgeProcess(env: Record<string, string>, args: string[] = []): Promise<BridgeProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'electron/main/web-cli.ts', '--port', '0', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /^Offering Desk web: (\S+)$/m.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`web bridge exited (${code}): ${stderr}`)));
    setTimeout(() => reject(new Error(`web bridge did not start: ${stderr}`)), 20_000).unref();
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeResult {
  violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
  passes: unknown[];
}

/**
 * axe-core's serious and critical violations on the page as it is, each named by `screen`; fails when axe
 * passed too few rules to have really looked. The page's strict CSP forbids injected scripts: the test's
 * browser context bypasses it (`bypassCSP: true`) to load axe.
 */
export async function axeProblems(page: Page, screen: string): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const { violations, passes } = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(ctx: Document): Promise<AxeResult> } }).axe.run(document);
    return {
      passes: result.passes.length,
      violations: result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    };
  });
  assert.ok(passes > 10, `axe really checked ${screen} (${passes} rules passed)`);
  return violations.map((v) => `${screen}: ${v}`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: path.join('test-results', `${name}.png`), fullPage: true });
}

export interface RunningApp {
  page: Page;
  sandbox: Sandbox;
  dataDir: string;
  /** The app's keychain service name (its entries are removed after the test). */
  keychainService: string;
  /** Stops the web bridge and starts it again on the same data, like quitting and reopening the app; `now` starts its clock later (after a class). */
  restartBridge(options?: { now?: string }): Promise<void>;
}

/**
 * The app as a user meets it: a fresh data folder and keychain entry, a
 * sandbox Marketplace (or, with `embedded`, none configured), the bridge as its
 * own process, and a page in Chromium. Everything is torn down after the test.
 */
export async function startApp(
  t: TestContext,
  options: { embedded?: boolean; faults?: Partial<Faults>; seed?: OfferingDraft[]; context?: BrowserContextOptions; env?: Record<string, string> } = {},
): Promise<RunningApp> {
  const sandbox = await startSandbox({ faults: options.faults ?? {} });
  const browser = await launchBrowser();
  const dataDir = tempDir();
  const keychainService = uniqueKeychainService();
  const env = { OFFERING_DESK_DATA_DIR: dataDir, OFFERING_DESK_KEYCHAIN_SERVICE: keychainService, OFFERING_DESK_MARKETPLACE_URL: options.embedded ? '' : sandbox.baseUrl, ...options.env };
  let bridge = await startBridgeProcess(env);
  t.after(async () => {
    await bridge.stop();
    await browser.close();
    await sandbox.close();
    for (const account of KEYCHAIN_ACCOUNTS) await keytarStore(keychainService).delete(account);
  });
  const context = await browser.newContext({ locale: 'en-US', ...options.context });
  const page = await context.newPage();
  await page.goto(bridge.url);
  if (options.seed?.length) {
    // Seeded through the same window.api the UI uses.
    await page.evaluate(async (drafts) => {
      for (const draft of drafts) await window.api.invoke('offerings:save', { id: null, draft });
    }, options.seed);
    await page.reload();
  }
  return {
    page,
    sandbox,
    dataDir,
    keychainService,
    async restartBridge({ now }: { now?: string } = {}) {
      await bridge.stop();
      bridge = await startBridgeProcess(env, now ? ['--now', now] : []);
      await page.goto(bridge.url);
    },
  };
}

/** The list's first class dates, top to bottom. */
export const listedDates = (page: Page): Promise<string[]> => page.getByTestId('row-id-line').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.date ?? ''));

/**
 * Waits until the list shows these first dates: it refetches what it shows once main says what changed, a
 * moment after the answer that put up the toast. Fails with the dates last shown.
 */
export async function expectListedDates(page: Page, expected: string[]): Promise<void> {
  let shown: string[] = [];
  const same = async () => JSON.stringify((shown = await listedDates(page))) === JSON.stringify(expected);
  // A timeout is not the failure reported: the assertion below is, with the dates last shown.
  await waitFor(same, { timeoutMs: 5_000, what: 'the list’s dates' }).catch(() => undefined);
  assert.deepEqual(shown, expected);
}
