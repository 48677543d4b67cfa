// `npm run bench:keychain` (in a session with a keychain: see README's test command)
// The window's first settings wait for the keychain (three secrets' status). A
// process's first keychain answer loads the native module and opens the Secret
// Service (or Keychain) session; the app now does that at start, while the
// window loads. Each run is a fresh process, as an app launch is: the first
// `settings:get` cold, then after `warmKeychain` and 300 ms (the window loading).
import { median } from './stats';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices } from '../electron/main/services';
import { keytarStore } from '../electron/main/platform/credentials';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' }, child: { type: 'string' } } });

if (values.child) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-keychain-'));
  const keychainService = `Offering Desk bench ${process.pid}`;
  const services = createServices({ dataDir, secretStore: keytarStore(keychainService) });
  services.queue.cancel();
  if (values.child === 'warm') {
    void services.warmKeychain();
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  const started = performance.now();
  await services.settingsView();
  console.log(JSON.stringify(performance.now() - started));
  await services.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
} else {
  const runs = Number(values.runs);
  const ms: Record<'cold' | 'warm', number[]> = { cold: [], warm: [] };
  for (let i = 0; i < runs; i++) {
    for (const mode of ['cold', 'warm'] as const) {
      const child = spawnSync(process.execPath, ['--import', 'tsx', 'bench/keychain-start.ts', '--child', mode], { encoding: 'utf8', timeout: 60_000 });
      if (child.status !== 0) throw new Error(child.stderr);
      ms[mode].push(JSON.parse(child.stdout) as number);
    }
  }
  const base = median(ms.cold);
  console.log(`\nThe first settings:get in a fresh process, real keychain, median of ${runs} runs (each mode in turn)\n`);
  console.log('| start | first settings:get ms (median) | all runs | vs cold |');
  console.log('|---|---:|---|---:|');
  for (const [mode, label] of [['cold', 'keychain not opened yet (before)'], ['warm', 'keychain opened at start, window loading 300 ms (now)']] as const) {
    console.log(`| ${label} | ${median(ms[mode]).toFixed(1)} | ${ms[mode].map((x) => x.toFixed(1)).join(', ')} | ${(median(ms[mode]) / base).toFixed(2)}× |`);
  }
}
