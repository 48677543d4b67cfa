// better-sqlite3 is built for one ABI at a time: Electron's for `start`/`dist`,
// Node's for tests. Rebuild only when the loaded build does not match.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const target = process.argv[2];
const require = createRequire(import.meta.url);

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (target === 'node') {
  try {
    const Database = require('better-sqlite3');
    new Database(':memory:').close();
  } catch (e) {
    if (!/NODE_MODULE_VERSION|was compiled against a different/.test(String(e?.message))) throw e;
    console.log('better-sqlite3 was built for Electron; rebuilding it for Node…');
    run('npm', ['rebuild', 'better-sqlite3']);
  }
} else if (target === 'electron') {
  // Electron's ABI differs from Node's; @electron/rebuild skips work it has already done.
  run('npx', ['electron-rebuild', '--only', 'better-sqlite3']);
} else {
  console.error('usage: node scripts/native-abi.mjs node|electron');
  process.exit(2);
}
