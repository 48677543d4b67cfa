// The keychain the tests use. On Windows and macOS, and on a Linux desktop,
// it is the user's own. On a headless Linux there is no Secret Service to
// reach, so this starts a D-Bus session of its own with a gnome-keyring whose
// keyring lives in a temporary folder (a fresh one each time, so a keyring left
// on the machine with another password can never stay locked), runs the
// command inside it, and stops both after.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

// One keytar round trip in a child process: keytar answers, or throws, or (a
// locked keyring prompting on a desktop nobody watches) hangs: the timeout.
const PROBE = `
  const keytar = require('keytar');
  const service = 'Offering Desk probe ' + process.pid;
  keytar.setPassword(service, 'probe', 'ok')
    .then(() => keytar.getPassword(service, 'probe'))
    .then((v) => keytar.deletePassword(service, 'probe').then(() => process.exit(v === 'ok' ? 0 : 1)))
    .catch(() => process.exit(1));
`;

/** Whether keytar can store and read a secret with this environment. */
export function secretServiceAnswers(env = process.env, timeoutMs = 15_000) {
  const r = spawnSync(process.execPath, ['-e', PROBE], { env, stdio: 'ignore', timeout: timeoutMs });
  return r.status === 0;
}

/** Whether org.freedesktop.secrets has an owner on the bus (asked without starting one). */
function secretsNameOwned(env) {
  const r = spawnSync(
    'dbus-send',
    ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', 'string:org.freedesktop.secrets'],
    { env, encoding: 'utf8', timeout: 5_000 },
  );
  return r.status === 0 && /boolean true/.test(r.stdout);
}

/** Linux without a reachable Secret Service needs a session of its own. */
export function needsOwnSession(env = process.env) {
  if (process.platform !== 'linux') return false;
  if (!env.DBUS_SESSION_BUS_ADDRESS) return true;
  return !secretServiceAnswers(env);
}

function firstLine(stream, timeoutMs) {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error('dbus-daemon printed no address')), timeoutMs);
    stream.on('data', (chunk) => {
      text += chunk;
      const end = text.indexOf('\n');
      if (end >= 0) {
        clearTimeout(timer);
        resolve(text.slice(0, end).trim());
      }
    });
  });
}

async function waitFor(check, timeoutMs, what) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(what);
}

/**
 * Starts a D-Bus session bus and an unlocked gnome-keyring on it.
 * Returns the environment to run commands in, and stop(), which resolves once both have exited.
 */
export async function startOwnSession(baseEnv = process.env) {
  const home = mkdtempSync(join(tmpdir(), 'offering-desk-keyring-'));
  const runtime = join(home, 'run');
  mkdirSync(runtime);
  chmodSync(runtime, 0o700);
  const children = [];
  // The keyring first, then its bus; each is waited for, so none outlives us.
  const stop = async () => {
    for (const child of children.reverse()) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(home, { recursive: true, force: true });
  };
  try {
    const env = { ...baseEnv, XDG_DATA_HOME: join(home, 'data'), XDG_RUNTIME_DIR: runtime };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    const bus = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], { env, stdio: ['ignore', 'pipe', 'ignore'] });
    children.push(bus);
    env.DBUS_SESSION_BUS_ADDRESS = await firstLine(bus.stdout.setEncoding('utf8'), 10_000);
    const keyring = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], { env, stdio: ['pipe', 'ignore', 'ignore'] });
    children.push(keyring);
    keyring.stdin.end('offering-desk-tests');
    // Asked before gnome-keyring has taken its name, the bus would start a
    // second, locked one through D-Bus activation: wait for the name first.
    await waitFor(() => secretsNameOwned(env), 20_000, 'gnome-keyring did not take its name on the new D-Bus session');
    if (!secretServiceAnswers(env)) throw new Error('gnome-keyring started but does not store secrets');
    return { env, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/**
 * Runs a command with a keychain it can use, and resolves to its exit status.
 * With a session of our own, it is stopped after, also on Ctrl+C.
 */
export async function runWithSecretService(cmd, args, options = {}) {
  const base = options.env ?? process.env;
  const own = needsOwnSession(base) ? await startOwnSession(base) : null;
  if (own) console.log('No Secret Service reachable: the tests run in a D-Bus session of their own, with a temporary gnome-keyring.');
  const child = spawn(cmd, args, { stdio: 'inherit', ...options, env: own?.env ?? base });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  const status = await new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
  process.off('SIGINT', forward);
  process.off('SIGTERM', forward);
  await own?.stop();
  return status;
}

// `node scripts/secret-service.mjs <command> [args…]`: the command with a keychain (bench:keychain).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [cmd, ...args] = process.argv.slice(2);
  process.exit(await runWithSecretService(cmd, args, { shell: process.platform === 'win32' }));
}
