import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const config = parse(fs.readFileSync('electron-builder.yml', 'utf8'));

test('electron-builder.yml is valid against the schema electron-builder ships', () => {
  const schema = require('app-builder-lib/scheme.json');
  const ajv = new Ajv({ strict: false, allErrors: true });
  const validate = ajv.compile(schema);
  assert.equal(validate(config), true, JSON.stringify(validate.errors, null, 2));
  const broken = { ...config, nsis: { ...config.nsis, perMachine: 'sometimes' } };
  assert.equal(validate(broken), false, 'the schema really checks');
});

test('Windows: per-user NSIS with a choice of folder, shortcuts, and an uninstaller that keeps the catalogue', () => {
  assert.deepEqual(config.win.target.map((t: { target: string }) => t.target), ['nsis']);
  assert.equal(config.nsis.oneClick, false);
  assert.equal(config.nsis.perMachine, false);
  assert.equal(config.nsis.allowElevation, false);
  assert.equal(config.nsis.allowToChangeInstallationDirectory, true);
  assert.equal(config.nsis.createStartMenuShortcut, true);
  assert.equal(config.nsis.createDesktopShortcut, 'always');
  assert.equal(config.nsis.deleteAppDataOnUninstall, false);
});

test('native modules are rebuilt for Electron and unpacked from the asar', () => {
  assert.equal(config.npmRebuild, true);
  assert.deepEqual(config.asarUnpack, ['node_modules/better-sqlite3/**', 'node_modules/keytar/**']);
});

test('macOS: DMG and zip for both architectures, hardened runtime with entitlements', () => {
  for (const target of ['dmg', 'zip']) {
    assert.deepEqual(config.mac.target.find((t: { target: string }) => t.target === target).arch, ['x64', 'arm64'], target);
  }
  assert.equal(config.mac.hardenedRuntime, true);
  assert.ok(fs.existsSync(config.mac.entitlements));
  assert.match(fs.readFileSync(config.mac.entitlements, 'utf8'), /com\.apple\.security\.cs\.allow-jit/);
});

test('Linux AppImage and deb, artifact names with version and arch, no file associations, generic update feed', () => {
  assert.deepEqual(config.linux.target, ['AppImage', 'deb']);
  assert.match(config.artifactName, /\$\{version\}.*\$\{arch\}/);
  assert.equal(config.fileAssociations, undefined);
  assert.equal(config.publish.provider, 'generic');
  assert.equal(config.appId, 'ca.offeringdesk.app');
  assert.ok(fs.existsSync('build/icon.svg'), 'the one source image of every icon');
});


test('Electron fuses: no running as Node, no NODE_OPTIONS or --inspect, the app only from its checked asar, encrypted cookies', () => {
  assert.deepEqual(config.electronFuses, {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    enableCookieEncryption: true,
  });
  assert.equal(config.asar, true, 'integrity validation needs the asar');
});
