// `npm test`'s first step: the system parts the suites need, checked before
// anything is built, so that a missing one is named in one plain line with
// the command that installs it, not found as a stack trace in the first test
// that trips over it.
import { accessSync, constants, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { needsOwnSession } from './secret-service.mjs';
import { postgresBin } from './postgres-bin.mjs';

const APT = 'sudo apt-get install';

export function onPath(command, env = process.env) {
  const exts = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE').split(';') : [''];
  return (env.PATH ?? '').split(delimiter).some((dir) =>
    exts.some((ext) => {
      try {
        accessSync(join(dir, command + ext), constants.X_OK);
        return true;
      } catch {
        return false;
      }
    }),
  );
}

export function chromiumPath(env = process.env) {
  return env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** keytar's native part loads: on Linux it links libsecret. */
function keytarLoads(env) {
  const r = spawnSync(process.execPath, ['-e', "require('keytar')"], { env, encoding: 'utf8', timeout: 20_000 });
  return r.status === 0 ? null : r.stderr;
}

/** What is missing, each as one line naming it and how to install it. */
export function missingPrerequisites(env = process.env, platform = process.platform) {
  const missing = [];
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) missing.push(`Node.js 20.19 or later is needed (this is ${process.versions.node}): install it from nodejs.org`);

  const keytarError = keytarLoads(env);
  if (keytarError !== null) {
    missing.push(
      /libsecret/.test(keytarError)
        ? `libsecret is missing (the keychain tests use it): ${APT} libsecret-1-dev, then npm rebuild keytar`
        : 'keytar, the keychain module, is not built: run npm install (on Linux it needs libsecret-1-dev first)',
    );
  } else if (platform === 'linux' && needsOwnSession(env)) {
    // No desktop keychain to use: the suites start their own, which takes both.
    if (!onPath('dbus-daemon', env) || !onPath('dbus-send', env)) missing.push(`dbus is missing (the tests start a D-Bus session for their keychain): ${APT} dbus`);
    if (!onPath('gnome-keyring-daemon', env)) missing.push(`gnome-keyring is missing (the tests' keychain on a headless Linux): ${APT} gnome-keyring`);
  }

  if (!existsSync(chromiumPath(env))) {
    missing.push(
      platform === 'linux'
        ? `Chromium is missing at ${chromiumPath(env)} (the browser tests drive it): ${APT} chromium, or set CHROMIUM_PATH to a Chromium or Chrome`
        : `Chromium or Chrome is needed for the browser tests: install Google Chrome and set CHROMIUM_PATH to its executable (not found at ${chromiumPath(env)})`,
    );
  }

  // The team tests' throwaway clusters (tests/support/postgres.ts); the app itself never runs PostgreSQL.
  const pg = postgresBin(env);
  if (pg.dir === null) {
    missing.push(
      platform === 'linux'
        ? `PostgreSQL is missing (the team tests start throwaway clusters from its initdb and postgres): ${APT} postgresql`
        : platform === 'darwin'
          ? 'PostgreSQL is missing (the team tests start throwaway clusters from its initdb and postgres): brew install postgresql@17, or set OFFERING_DESK_PG_BIN to its bin folder'
          : 'PostgreSQL is missing (the team tests start throwaway clusters from its initdb and postgres): install it from postgresql.org/download/windows and set OFFERING_DESK_PG_BIN to its bin folder',
    );
  }
  return missing;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const missing = missingPrerequisites();
  for (const line of missing) console.error(line);
  process.exit(missing.length ? 1 : 0);
}
