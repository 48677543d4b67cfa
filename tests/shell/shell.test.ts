// The shell's modules take their Electron objects as parameters, so they are
// tested here with small fakes; Electron itself cannot run on these machines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import path from 'node:path';
import fs from 'node:fs';
import type { MenuItemConstructorOptions } from 'electron';
import { enforceSingleInstance } from '../../electron/main/shell/single-instance';
import { loadWindowState, saveWindowState, placeWindow } from '../../electron/main/shell/window-state';
import { menuTemplate, menuLanguage } from '../../electron/main/shell/menu';
import { startUpdates, DAY_MS, type Updater } from '../../electron/main/shell/updater';
import { installCrashHandlers, CRASH_MESSAGE } from '../../electron/main/shell/crash';
import { productionLicences, SHIPPED_PACKAGES_FILE } from '../../electron/main/shell/licences';
import { packageDirOf } from '../../scripts/shipped-packages-plugin';
import { silentLog } from '../../electron/main/platform/logging';
import { tempDir } from '../support/helpers';

function fakeApp(lock: boolean) {
  const events = new EventEmitter();
  const calls: string[] = [];
  return { calls, events, app: { requestSingleInstanceLock: () => lock, on: (e: 'second-instance', l: () => void) => events.on(e, l), quit: () => calls.push('quit') } };
}

function fakeWindow(minimized: boolean) {
  const calls: string[] = [];
  return { calls, win: { isMinimized: () => minimized, restore: () => calls.push('restore'), show: () => calls.push('show'), focus: () => calls.push('focus') } };
}

test('a second launch quits and focuses the first window, restoring it if minimised', () => {
  const second = fakeApp(false);
  assert.equal(enforceSingleInstance(second.app, () => null), false);
  assert.deepEqual(second.calls, ['quit']);

  const first = fakeApp(true);
  const { win, calls } = fakeWindow(true);
  assert.equal(enforceSingleInstance(first.app, () => win), true);
  first.events.emit('second-instance');
  assert.deepEqual(calls, ['restore', 'show', 'focus']);
  const shown = fakeWindow(false);
  const third = fakeApp(true);
  enforceSingleInstance(third.app, () => shown.win);
  third.events.emit('second-instance');
  assert.deepEqual(shown.calls, ['show', 'focus']);
});

const laptop = [{ x: 0, y: 0, width: 1440, height: 860 }];
const docked = [...laptop, { x: 1440, y: 0, width: 2560, height: 1400 }];

test('window size and position are saved and restored', () => {
  const file = path.join(tempDir(), 'window-state.json');
  assert.equal(loadWindowState(file), null);
  const state = { bounds: { x: 1600, y: 100, width: 1300, height: 900 }, maximized: false };
  saveWindowState(file, state);
  assert.deepEqual(loadWindowState(file), state);
  assert.deepEqual(placeWindow(loadWindowState(file), docked, { width: 1200, height: 800 }), state, 'on the monitor it was left on');
  fs.writeFileSync(file, '{"bounds": "garbage"}');
  assert.equal(loadWindowState(file), null, 'a damaged file is ignored');
});

test('a window last seen on a monitor that is gone opens centred on the laptop screen', () => {
  const offScreen = { bounds: { x: 1600, y: 100, width: 1300, height: 900 }, maximized: true };
  assert.deepEqual(placeWindow(offScreen, laptop, { width: 1200, height: 800 }), { bounds: { x: 70, y: 0, width: 1300, height: 860 }, maximized: true });
  const titleBarAbove = { bounds: { x: 100, y: -500, width: 800, height: 700 }, maximized: false };
  assert.deepEqual(placeWindow(titleBarAbove, laptop, { width: 1200, height: 800 }).bounds, { x: 320, y: 80, width: 800, height: 700 });
  assert.deepEqual(placeWindow(null, laptop, { width: 1200, height: 800 }), { bounds: { x: 120, y: 30, width: 1200, height: 800 }, maximized: false });
});

function labels(items: MenuItemConstructorOptions[]): unknown[] {
  return items.map((i) => (i.submenu ? { [i.label ?? i.role ?? '']: labels(i.submenu as MenuItemConstructorOptions[]) } : (i.label ?? i.role ?? i.type)));
}

test('the native menu comes in English and French with the app’s shortcuts', () => {
  const called: string[] = [];
  const actions = { newOffering: () => called.push('new'), importSchedule: () => called.push('import'), backUp: () => called.push('backup'), checkForUpdates: () => called.push('updates'), openLogs: () => called.push('logs'), about: () => called.push('about') };
  const en = menuTemplate('en', actions, 'win32');
  assert.deepEqual(labels(en), [
    { File: ['New offering', 'Import schedule…', 'Back up catalogue…', 'separator', 'Quit Offering Desk'] },
    { Edit: ['undo', 'redo', 'separator', 'cut', 'copy', 'paste', 'selectAll'] },
    { View: ['resetZoom', 'zoomIn', 'zoomOut', 'separator', 'togglefullscreen'] },
    { Help: ['Check for updates…', 'Open log folder', 'separator', 'About Offering Desk'] },
  ]);
  const fr = menuTemplate('fr', actions, 'darwin');
  assert.deepEqual(
    fr.map((m) => m.label ?? m.role),
    ['appMenu', 'Fichier', 'Édition', 'Affichage', 'Aide'],
  );
  const file = (en[0]!.submenu as MenuItemConstructorOptions[])[0]!;
  assert.equal(file.accelerator, 'CmdOrCtrl+N');
  (file.click as () => void)();
  ((en[3]!.submenu as MenuItemConstructorOptions[])[0]!.click as () => void)();
  assert.deepEqual(called, ['new', 'updates']);
  assert.equal(menuLanguage('fr-CA'), 'fr');
  assert.equal(menuLanguage('en-US'), 'en');
});

function fakeUpdater() {
  const events = new EventEmitter();
  const calls: unknown[] = [];
  const updater: Updater = {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    setFeedURL: (o) => void calls.push(['setFeedURL', o]),
    checkForUpdates: async () => void calls.push('check'),
    on: (e: string, l: (...a: any[]) => void) => events.on(e, l), // eslint-disable-line @typescript-eslint/no-explicit-any -- EventEmitter's own listener type
    quitAndInstall: () => void calls.push('quitAndInstall'),
  };
  return { updater, calls, events };
}

test('updates: off without a feed; with one, checked at start and daily, asked before restarting', async () => {
  const off = fakeUpdater();
  const timers: [unknown, number][] = [];
  const none = startUpdates({ updater: off.updater, feedUrl: null, askToRestart: async () => true, log: silentLog, setInterval: (f, ms) => timers.push([f, ms]) });
  assert.deepEqual([none.enabled, none.check(), off.calls, timers], [false, 'off', [], []]);

  const on = fakeUpdater();
  const answers = [false, true];
  const asked: string[] = [];
  const updates = startUpdates({
    updater: on.updater,
    feedUrl: 'https://updates.example.ca/offering-desk',
    askToRestart: async (v) => (asked.push(v), answers.shift()!),
    log: silentLog,
    setInterval: (f, ms) => timers.push([f, ms]),
  });
  assert.equal(updates.enabled, true);
  assert.equal(on.updater.autoDownload, true);
  assert.deepEqual(on.calls, [['setFeedURL', { provider: 'generic', url: 'https://updates.example.ca/offering-desk' }], 'check']);
  assert.deepEqual(timers.map(([, ms]) => ms), [DAY_MS]);
  on.events.emit('update-downloaded', { version: '1.2.0' });
  await new Promise((r) => setImmediate(r));
  assert.equal(on.calls.includes('quitAndInstall'), false, '"Later" keeps working');
  on.events.emit('update-downloaded', { version: '1.2.0' });
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(asked, ['1.2.0', '1.2.0']);
  assert.equal(on.calls.at(-1), 'quitAndInstall');
  assert.equal(updates.check(), 'checking');
});

test('a crash or an unhandled rejection is logged and offers a restart', async () => {
  const proc = new EventEmitter();
  const logged: unknown[] = [];
  const asked: string[] = [];
  let restarts = 0;
  const answers = [false, true];
  installCrashHandlers({
    proc: proc as unknown as NodeJS.Process,
    log: { ...silentLog, error: (...d: unknown[]) => logged.push(d) },
    ask: async (m) => (asked.push(m), answers.shift()!),
    restart: () => restarts++,
  });
  proc.emit('uncaughtException', new Error('boom'));
  await new Promise((r) => setImmediate(r));
  proc.emit('unhandledRejection', new Error('later'));
  await new Promise((r) => setImmediate(r));
  assert.equal(logged.length, 2);
  assert.deepEqual(asked, [CRASH_MESSAGE, CRASH_MESSAGE]);
  assert.equal(restarts, 1);
});

test('About lists every shipped package with its licence: dependencies, what they depend on, and what the builds bundle', () => {
  // npm test builds first: out/ holds each build's list of the packages it bundled.
  const licences = productionLicences(process.cwd());
  const names = new Set(licences.map((l) => l.name));
  assert.deepEqual(licences.find((l) => l.name === 'better-sqlite3')?.license, 'MIT');
  assert.equal(licences.find((l) => l.name === 'source-sans')?.license, 'OFL-1.1', 'the font the proofs of completion embed, with its licence');
  assert.ok(licences.every((l) => l.license && l.version));
  for (const direct of Object.keys((JSON.parse(fs.readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> }).dependencies)) assert.ok(names.has(direct), direct);
  assert.ok(names.has('semver') && names.has('js-yaml'), 'electron-updater’s own dependencies are shipped too');
  assert.ok(names.has('node-addon-api') || names.has('prebuild-install'), 'keytar’s too');
  assert.ok(names.has('svelte'), 'the Svelte runtime bundled into the window is shipped, though a devDependency');
  const bundledInWindow = JSON.parse(fs.readFileSync(path.join('out/renderer', SHIPPED_PACKAGES_FILE), 'utf8')) as { name: string }[];
  for (const p of bundledInWindow) assert.ok(names.has(p.name), p.name);
  assert.equal(new Set(licences.map((l) => `${l.name}@${l.version}`)).size, licences.length, 'each once');
});

test('a module file belongs to the package of its last node_modules folder, scoped or not', () => {
  assert.equal(packageDirOf('/app/node_modules/svelte/src/internal/client/index.js'), '/app/node_modules/svelte');
  assert.equal(packageDirOf('/app/node_modules/@date-fns/tz/index.js?commonjs-proxy'), '/app/node_modules/@date-fns/tz');
  assert.equal(packageDirOf('\0/app/node_modules/a/node_modules/b/x.js'), '/app/node_modules/a/node_modules/b');
  assert.equal(packageDirOf('C:\\app\\node_modules\\zod\\index.js'), 'C:/app/node_modules/zod');
  assert.equal(packageDirOf('/app/renderer/src/App.svelte'), null);
});

test('--smoke passes only with a catalogue, window.api.invoke alone, no Node in the page and the app:// origin', async () => {
  const { runSmoke } = await import('../../electron/main/shell/smoke');
  const page = (over: object = {}) => async () => JSON.stringify({ api: ['invoke', 'onMenuCommand'], leaks: [], protocol: 'app:', ...over });
  assert.deepEqual(await runSmoke({ offerings: () => 3, page: page() }), { ok: true, report: 'Offering Desk smoke: ok (3 offerings in the catalogue)' });
  const failures: [string, Parameters<typeof runSmoke>[0]][] = [
    ['catalogue: cannot open', { offerings: () => { throw new Error('cannot open'); }, page: page() }],
    ['window.api.invoke is missing', { offerings: () => 0, page: page({ api: [] }) }],
    ['exposes more than it should: send', { offerings: () => 0, page: page({ api: ['invoke', 'send'] }) }],
    ['the page can reach require, process', { offerings: () => 0, page: page({ leaks: ['require', 'process'] }) }],
    ['served from http:', { offerings: () => 0, page: page({ protocol: 'http:' }) }],
  ];
  for (const [expected, probe] of failures) {
    const result = await runSmoke(probe);
    assert.equal(result.ok, false, expected);
    assert.match(result.report, new RegExp(`FAILED.*${expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  }
});
