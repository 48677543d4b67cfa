// Runs test suites with Node's own test runner (through tsx):
//   unit      tests/**/*.test.ts outside e2e/ and electron/ (real SQLite, keychain, sandbox over HTTP)
//   e2e       tests/e2e: the app in Chromium over the web bridge
//   electron  tests/electron: the real Electron window (skips itself where Electron's binary is missing)
// With file paths instead of suite names, runs just those files.
import { readdirSync } from 'node:fs';
import { join, sep } from 'node:path';
import { spawnSync } from 'node:child_process';

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
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
