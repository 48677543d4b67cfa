// The Electron shell, kept thin: everything it wires is tested without Electron.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, Menu, dialog, ipcMain, net, protocol, screen, session, shell } from 'electron';
import log from 'electron-log/main';
import electronUpdater from 'electron-updater';
import { CHANNELS, type MenuCommand } from '../../shared/ipc';
import { createServices, optionsFromEnv, type Services } from './services';
import { createHandlers } from './handlers';
import { dispatch } from './ipc/dispatch';
import { APP_HOST, APP_ORIGIN, APP_SCHEME, APP_SCHEME_PRIVILEGES, contentSecurityPolicy, denyAllPermissions, externalUrlToOpen, isAllowedNavigation, isTrustedSender, mainWindowOptions } from './shell/security';
import { configureFileLog } from './platform/logging';
import { rendererFileFor } from './platform/renderer-files';
import { enforceSingleInstance } from './shell/single-instance';
import { loadWindowState, placeWindow, saveWindowState } from './shell/window-state';
import { menuLanguage, menuTemplate, translator } from './shell/menu';
import { startUpdates } from './shell/updater';
import { BUILT_IN_UPDATE_FEED } from './shell/update-feed';
import { installCrashHandlers } from './shell/crash';
import { productionLicences } from './shell/licences';
import { PAGE_PROBE, SMOKE_FLAG, runSmoke } from './shell/smoke';
import { guardClose } from './shell/close-guard';
import { EVENT_CHANNEL, FLUSH_CHANNEL, FLUSHED_CHANNEL, MENU_CHANNEL } from '../../shared/channels';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(here, '../renderer');

let services: Services | null = null;
let mainWindow: BrowserWindow | null = null;

configureFileLog(log, { dir: app.getPath('logs'), secrets: () => services?.credentials.knownSecrets() ?? [] });
installCrashHandlers({
  proc: process,
  log,
  ask: async (message) => {
    const t = translator(menuLanguage(app.getLocale()));
    const { response } = await dialog.showMessageBox({ type: 'error', title: t('menu.crashTitle'), message, buttons: [t('menu.restart'), t('menu.continue')], defaultId: 0, cancelId: 1 });
    return response === 0;
  },
  restart: () => {
    app.relaunch();
    app.exit(0);
  },
  onCrash: () => void services?.queue.holdInFlight(),
});

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

function serveRenderer(): void {
  const csp = contentSecurityPolicy({ connectSelf: false });
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
    const found = rendererFileFor(rendererDir, url.pathname);
    if (!found.ok) return new Response(found.status === 400 ? 'Bad request' : 'Not found', { status: found.status });
    const response = await net.fetch(pathToFileURL(found.file).toString());
    const headers = new Headers(response.headers);
    headers.set('content-security-policy', csp);
    headers.set('x-content-type-options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

function createWindow(): BrowserWindow {
  const stateFile = path.join(app.getPath('userData'), 'window-state.json');
  const placed = placeWindow(loadWindowState(stateFile), screen.getAllDisplays().map((d) => d.workArea), { width: 1200, height: 800 });
  const win = new BrowserWindow({ ...mainWindowOptions(path.join(here, '../preload/index.cjs')), ...placed.bounds });
  if (placed.maximized) win.maximize();
  win.on('close', () => saveWindowState(stateFile, { bounds: win.getNormalBounds(), maximized: win.isMaximized() }));
  // The page's last keystrokes are written before the window goes (closing it, or quitting the app).
  guardClose(win, () => askFlush(win));
  win.webContents.setWindowOpenHandler(({ url }) => {
    const external = externalUrlToOpen(url);
    if (external) void shell.openExternal(external);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

/** Asks the page to write what it has not saved yet; resolves when it says it has (preload: onFlush). */
function askFlush(win: BrowserWindow): Promise<void> {
  return new Promise((resolve) => {
    const done = (event: Electron.IpcMainEvent) => {
      if (event.sender !== win.webContents) return;
      ipcMain.removeListener(FLUSHED_CHANNEL, done);
      resolve();
    };
    ipcMain.on(FLUSHED_CHANNEL, done);
    win.webContents.send(FLUSH_CHANNEL);
  });
}

function installMenu(s: Services, checkForUpdates: () => void): void {
  const language = s.settings.language() ?? menuLanguage(app.getLocale());
  const t = translator(language);
  // Read when About is opened, not at every start: it walks every shipped package's manifest.
  const licences = () =>
    productionLicences(app.getAppPath())
      .map((l) => `${l.name} ${l.version} (${l.license})`)
      .join('\n');
  const template = menuTemplate(
    language,
    {
      newOffering: () => mainWindow?.webContents.send(MENU_CHANNEL, 'new-offering' satisfies MenuCommand),
      importSchedule: () => mainWindow?.webContents.send(MENU_CHANNEL, 'import-schedule' satisfies MenuCommand),
      backUp: () => {
        const backup = s.backups.create();
        void dialog.showMessageBox({ type: 'info', message: backup.name });
      },
      checkForUpdates,
      openLogs: () => void shell.openPath(app.getPath('logs')),
      about: () => void dialog.showMessageBox({ type: 'info', title: t('menu.about'), message: app.getName(), detail: t('menu.aboutDetail', { version: app.getVersion(), licences: licences() }) }),
    },
    process.platform,
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  denyAllPermissions(contents.session);
});

if (enforceSingleInstance(app, () => mainWindow)) {
  app.whenReady().then(() => {
    denyAllPermissions(session.defaultSession);
    try {
      services = createServices({
        ...optionsFromEnv(app.getPath('userData')),
        updateFeedUrl: BUILT_IN_UPDATE_FEED,
        log,
        onRestartRequested: () => {
          app.relaunch();
          app.quit();
        },
      });
    } catch (e) {
      log.error('Cannot open the catalogue', e);
      dialog.showErrorBox('Offering Desk cannot open its catalogue', e instanceof Error ? e.message : String(e));
      app.exit(1);
      return;
    }
    const s = services;
    const handlers = createHandlers(s);
    for (const channel of CHANNELS) {
      ipcMain.handle(channel, (event, request: unknown) => {
        if (!isTrustedSender(event.senderFrame?.url, event.senderFrame === event.sender.mainFrame)) {
          return { ok: false, error: { code: 'bad-request', message: 'Request from an untrusted frame.' } };
        }
        return dispatch(handlers, channel, request, (e) => log.error('Unexpected error in a request', e));
      });
    }
    // What changed is pushed to every window; the preload hands it to the page.
    s.events.subscribe((event) => {
      for (const win of BrowserWindow.getAllWindows()) win.webContents.send(EVENT_CHANNEL, event);
    });
    const t = translator(s.settings.language() ?? menuLanguage(app.getLocale()));
    const updates = startUpdates({
      updater: electronUpdater.autoUpdater,
      feedUrl: BUILT_IN_UPDATE_FEED || null,
      log,
      askToRestart: async (version) => {
        const { response } = await dialog.showMessageBox({ type: 'info', message: t('menu.updateReady', { version }), detail: t('menu.updateDetail'), buttons: [t('menu.restartNow'), t('menu.later')], defaultId: 0, cancelId: 1 });
        return response === 0;
      },
    });
    installMenu(s, () => {
      if (updates.check() === 'off') void dialog.showMessageBox({ type: 'info', message: t('menu.updatesOff') });
    });
    void s.warmKeychain();
    serveRenderer();
    mainWindow = createWindow();
    if (process.argv.includes(SMOKE_FLAG)) {
      const win = mainWindow;
      win.webContents.once('did-finish-load', () => {
        void runSmoke({ offerings: () => s.catalogue.list().length, page: () => win.webContents.executeJavaScript(PAGE_PROBE) as Promise<string> }).then(({ ok, report }) => {
          console.log(report);
          app.exit(ok ? 0 : 1);
        });
      });
      return;
    }
    void s.queue.kick();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
    });
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', (event) => {
  if (!services) return;
  event.preventDefault();
  const closing = services;
  services = null;
  void closing.close().finally(() => app.quit());
});
