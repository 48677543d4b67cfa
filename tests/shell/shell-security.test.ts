import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ESLint } from 'eslint';
import { contentSecurityPolicy, mainWindowOptions, isAllowedNavigation, externalUrlToOpen, isTrustedSender, APP_ORIGIN, APP_SCHEME_PRIVILEGES } from '../../electron/main/shell/security';

test('the main window is isolated, sandboxed and has no Node', () => {
  const prefs = mainWindowOptions('/app/out/preload/index.cjs').webPreferences!;
  assert.equal(prefs.contextIsolation, true);
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.nodeIntegration, false);
  assert.equal(prefs.nodeIntegrationInWorker, false);
  assert.equal(prefs.nodeIntegrationInSubFrames, false);
  assert.equal(prefs.webSecurity, true);
  assert.equal(prefs.allowRunningInsecureContent, false);
  assert.equal(prefs.webviewTag, false);
  assert.equal(prefs.preload, '/app/out/preload/index.cjs');
  assert.match(prefs.preload!, /\.cjs$/, 'a CommonJS preload keeps the sandbox on');
});

test('the Content-Security-Policy allows only the app itself, and no network from Electron', () => {
  const csp = contentSecurityPolicy({ connectSelf: false });
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.match(csp, /connect-src 'none'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
  assert.match(contentSecurityPolicy({ connectSelf: true }), /connect-src 'self'/);
});

test('the app scheme is a secure standard origin without fetch, whose scripts V8 caches between launches', () => {
  assert.equal(APP_SCHEME_PRIVILEGES.standard, true, 'code cache works only for a standard scheme');
  assert.equal(APP_SCHEME_PRIVILEGES.secure, true);
  assert.equal(APP_SCHEME_PRIVILEGES.supportFetchAPI, false);
  assert.equal(APP_SCHEME_PRIVILEGES.codeCache, true);
  assert.equal('bypassCSP' in APP_SCHEME_PRIVILEGES, false, 'the CSP applies to the app itself');
});

test('navigation stays inside the app; only https links leave, through the OS browser', () => {
  assert.equal(isAllowedNavigation(`${APP_ORIGIN}/index.html`), true);
  for (const url of ['https://evil.example', 'file:///etc/passwd', 'app://other/index.html', 'javascript:alert(1)', 'nonsense']) {
    assert.equal(isAllowedNavigation(url), false, url);
  }
  assert.equal(externalUrlToOpen('https://www.ontario.ca/page/working-heights-training'), 'https://www.ontario.ca/page/working-heights-training');
  for (const url of ['http://example.ca', 'file:///C:/Windows/system32/calc.exe', 'smb://host/share', 'https://user:pw@example.ca', 'javascript:alert(1)']) {
    assert.equal(externalUrlToOpen(url), null, url);
  }
});

test('IPC is answered only for the app’s own main frame', () => {
  assert.equal(isTrustedSender(`${APP_ORIGIN}/index.html`, true), true);
  assert.equal(isTrustedSender(`${APP_ORIGIN}/index.html`, false), false);
  assert.equal(isTrustedSender('https://evil.example/', true), false);
  assert.equal(isTrustedSender(undefined, true), false);
});

test('lint refuses Node, Electron, native or main-process imports in the renderer, shared/ and the preload', async () => {
  const eslint = new ESLint();
  const cases: [string, string, RegExp][] = [
    ['renderer/src/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n", /Only electron\/ may use Node or Electron/],
    ['renderer/src/x.ts', "import { app } from 'electron';\nexport const a = app;\n", /Only electron\/ may use Node or Electron/],
    ['renderer/src/x.ts', "import { createCatalogue } from '../../electron/main/catalogue';\nexport const a = createCatalogue;\n", /talk to it through window.api/],
    ['shared/x.ts', "import { desk } from '../renderer/src/lib/desk.svelte';\nexport const a = desk;\n", /imports from neither/],
    ['shared/x.ts', "import path from 'path';\nexport const a = path;\n", /Only electron\/ may use Node or Electron/],
    ...['better-sqlite3', 'keytar', 'electron-log/main', 'electron-log', 'electron-updater'].flatMap((name): [string, string, RegExp][] =>
      ['renderer/src/x.ts', 'shared/x.ts', 'electron/preload/x.ts'].map((file) => [file, `import m from '${name}';\nexport const a = m;\n`, /Only the main process may use SQLite, the keychain, the log or the updater/]),
    ),
    ['electron/preload/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n", /preload may use only electron and shared/],
    ['electron/preload/x.ts', "import { createRequire } from 'module';\nexport const a = createRequire;\n", /preload may use only electron and shared/],
    ['electron/preload/x.ts', "import { createCatalogue } from '../main/catalogue';\nexport const a = createCatalogue;\n", /preload may use only electron and shared/],
    ['electron/preload/x.ts', "import { desk } from '../../renderer/src/lib/desk.svelte';\nexport const a = desk;\n", /preload may use only electron and shared/],
  ];
  for (const [filePath, code, message] of cases) {
    const [result] = await eslint.lintText(code, { filePath });
    assert.match(result!.messages.map((m) => m.message).join('\n'), message, `${filePath}: ${code}`);
  }
  const [clean] = await eslint.lintText("import { z } from 'zod';\nexport const a = z;\n", { filePath: 'shared/x.ts' });
  assert.deepEqual(clean!.messages, []);
  const [preload] = await eslint.lintText("import { contextBridge } from 'electron';\nimport { CHANNELS } from '../../shared/channels';\nexport const a = [contextBridge, CHANNELS];\n", { filePath: 'electron/preload/x.ts' });
  assert.deepEqual(preload!.messages, [], 'the preload may use electron and shared/');
});
