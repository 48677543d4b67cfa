// `npm run test:electron`: builds the app, rebuilds better-sqlite3 for
// Electron's ABI, runs tests/electron, then puts the Node build back. Where
// Electron's binary is not installed the suite only reports itself skipped
// (an Electron rebuild made there would silently target Node).
import { spawnSync } from 'node:child_process';
import { electronBinary } from './electron-binary.mjs';

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

const binary = electronBinary();
if (!binary.path) {
  process.exit(run(process.execPath, ['scripts/run-tests.mjs', 'electron']));
}
let status = run('npx', ['electron-vite', 'build']);
if (status === 0) status = run(process.execPath, ['scripts/native-abi.mjs', 'electron']);
if (status === 0) status = run(process.execPath, ['scripts/run-tests.mjs', 'electron'], { OFFERING_DESK_ELECTRON_TESTS: '1' });
const restored = run(process.execPath, ['scripts/native-abi.mjs', 'node']);
process.exit(status || restored);
