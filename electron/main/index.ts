// The Electron shell, kept thin: everything it wires is tested without Electron.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, net, protocol, shell, dialog } from 'electron';
import { CHANNELS } from '../../shared/ipc';
import { createServices, optionsFromEnv, type Services } from './services';
import { createHandlers, dispatch } from './handlers';
import { APP_HOST, APP_ORIGIN, APP_SCHEME, contentSecurityPolicy, externalUrlToOpen, isAllowedNavigation, isTrustedSender, mainWindowOptions } from './security';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(here, '../renderer');

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false } }]);

let services: Services | null = null;

function serveRenderer(): void {
  const csp = contentSecurityPolicy({ connectSelf: false });
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = path.resolve(rendererDir, `.${decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname)}`);
    if (url.host !== APP_HOST || !file.startsWith(rendererDir + path.sep)) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('content-security-policy', csp);
    headers.set('x-content-type-options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(path.join(here, '../preload/index.cjs')));
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

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

app.whenReady().then(() => {
  try {
    services = createServices(optionsFromEnv(app.getPath('userData')));
  } catch (e) {
    dialog.showErrorBox('Offering Desk cannot open its catalogue', e instanceof Error ? e.message : String(e));
    app.exit(1);
    return;
  }
  const handlers = createHandlers(services);
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, request: unknown) => {
      if (!isTrustedSender(event.senderFrame?.url, event.senderFrame === event.sender.mainFrame)) {
        return { ok: false, error: { code: 'bad-request', message: 'Request from an untrusted frame.' } };
      }
      return dispatch(handlers, channel, request);
    });
  }
  serveRenderer();
  createWindow();
  void services.queue.kick();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

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
