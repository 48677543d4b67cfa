// README's test command is the whole set-up: `npm test` names a missing system
// prerequisite in one line, and on a headless Linux brings its own keychain.
// Both scripts run here as `npm test` runs them, in child processes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../support/helpers';

const linuxOnly = process.platform === 'linux' ? false : 'a D-Bus session with gnome-keyring is how Linux has a keychain';

/** A PATH with only node on it: the system tools are "removed". */
function pathWithOnlyNode(): string {
  const dir = tempDir('offering-desk-path-');
  fs.symlinkSync(process.execPath, path.join(dir, 'node'));
  return dir;
}

function envWithout(...names: string[]): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of names) delete env[name];
  return env;
}

function prerequisites(env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, ['scripts/prerequisites.mjs'], { env, encoding: 'utf8', timeout: 60_000 });
}

test('with every prerequisite in place, the check prints nothing and passes', () => {
  const r = prerequisites(process.env);
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
});

test('a missing Chromium is named in one plain line with the command that installs it', () => {
  const r = prerequisites({ ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' });
  assert.equal(r.status, 1);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0]!, process.platform === 'linux' ? /^Chromium is missing at \/nonexistent\/chromium .*sudo apt-get install chromium/ : /^Chromium or Chrome is needed/);
  assert.doesNotMatch(r.stderr, /at .*\.mjs:\d+/, 'no stack trace');
});

test('a missing PostgreSQL (the team tests\' clusters) is named in one plain line with its install command, and CI installs it', () => {
  const r = prerequisites({ ...process.env, OFFERING_DESK_PG_BIN: '/nonexistent/postgresql/bin' });
  assert.equal(r.status, 1);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0]!, process.platform === 'linux' ? /^PostgreSQL is missing \(the team tests .*\): sudo apt-get install postgresql$/ : /^PostgreSQL is missing/);
  // So CI never skips the team tests: .ci/run installs the package with the others.
  assert.match(fs.readFileSync('.ci/run', 'utf8'), /^for pkg in .*\bpostgresql\b.*; do$/m);
});

test('on a headless Linux without dbus and gnome-keyring, each is named with its install command', { skip: linuxOnly }, () => {
  const r = prerequisites({ ...envWithout('DBUS_SESSION_BUS_ADDRESS', 'DISPLAY'), PATH: pathWithOnlyNode() });
  assert.equal(r.status, 1);
  assert.deepEqual(r.stderr.trim().split('\n'), [
    'dbus is missing (the tests start a D-Bus session for their keychain): sudo apt-get install dbus',
    "gnome-keyring is missing (the tests' keychain on a headless Linux): sudo apt-get install gnome-keyring",
  ]);
});

test('with a reachable Secret Service, dbus and gnome-keyring are not asked for', { skip: linuxOnly }, () => {
  // This suite itself runs with a keychain, its own or the desktop's.
  assert.ok(process.env.DBUS_SESSION_BUS_ADDRESS, 'the suite runs on a D-Bus session');
  const r = prerequisites({ ...process.env, PATH: pathWithOnlyNode() });
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
});

test('with no D-Bus session, the runner starts its own keyring, the command uses it, and both are gone after', { skip: linuxOnly }, () => {
  // The command stores and reads a secret through keytar, then tells where its keyring was.
  const command = `
    const keytar = require('keytar');
    (async () => {
      await keytar.setPassword('Offering Desk setup test', 'a', 'secret-1');
      const back = await keytar.getPassword('Offering Desk setup test', 'a');
      console.log(JSON.stringify({ back, bus: process.env.DBUS_SESSION_BUS_ADDRESS, data: process.env.XDG_DATA_HOME }));
    })().catch((e) => { console.error(e); process.exit(3); });
  `;
  const runner = `
    import { runWithSecretService } from './scripts/secret-service.mjs';
    process.exitCode = await runWithSecretService(process.execPath, ['-e', ${JSON.stringify(command)}], { stdio: ['ignore', 'inherit', 'inherit'] });
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', runner], { env: envWithout('DBUS_SESSION_BUS_ADDRESS', 'DISPLAY'), encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^No Secret Service reachable: the tests run in a D-Bus session of their own/);
  const seen = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { back: string; bus: string; data: string };
  assert.equal(seen.back, 'secret-1', 'the secret went into the keyring and came back');
  assert.notEqual(seen.bus, process.env.DBUS_SESSION_BUS_ADDRESS, 'a bus of its own');
  assert.equal(fs.existsSync(seen.data), false, 'the temporary keyring folder is removed');
  const ask = spawnSync('dbus-send', ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.ListNames'], {
    env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: seen.bus },
    encoding: 'utf8',
    timeout: 10_000,
  });
  assert.notEqual(ask.status, 0, 'the bus it started no longer answers');
});
