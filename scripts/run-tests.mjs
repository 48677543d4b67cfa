// Runs test suites with Node's own test runner (through tsx):
//   unit      tests/**/*.test.ts outside e2e/ and electron/ (real SQLite, keychain, sandbox over HTTP)
//   e2e       tests/e2e: the app in Chromium over the web bridge
//   electron  tests/electron: the real Electron window (skips itself where Electron's binary is missing)
// With file paths instead of suite names, runs just those files.
// The runner gets a keychain it can use (scripts/secret-service.mjs): the
// user's own, or on a headless Linux a D-Bus session and gnome-keyring of its own.
import { readdirSync } from 'node:fs';
import { join, sep } from 'node:path';
import { runWithSecretService } from './secret-service.mjs';

function find(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? find(join(dir, e.name)) : e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
}

const all = find('tests').sort();
const inFolder = (folder) => (f) => f.startsWith(join('tests', folder) + sep);
const SUITES = {
  unit: all.filter((f) => !inFolder('e2e')(f) && !inFolder('electron')(f)),
  e2e: all.filter(inFolder('e2e')),
  electron: all.filter(inFolder('electron')),
};

const args = process.argv.slice(2);
const files = args.length === 0 ? all : args.flatMap((a) => SUITES[a] ?? [a]);
process.exit(await runWithSecretService(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files]));
