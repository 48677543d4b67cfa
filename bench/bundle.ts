// `npm run bench:bundle`: the renderer's JavaScript, minified and gzipped, and
// what it is made of (by package), against the same build unminified.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';

function build(minify: boolean): { raw: number; gzip: number; modules: Record<string, number> } {
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-')), 'modules.json');
  const run = spawnSync('npx', ['electron-vite', 'build'], { encoding: 'utf8', env: { ...process.env, RENDERER_BUNDLE_REPORT: report, RENDERER_MINIFY: minify ? '1' : '0' } });
  if (run.status !== 0) throw new Error(run.stderr);
  const dir = 'out/renderer/assets';
  const js = fs.readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => fs.readFileSync(path.join(dir, f)));
  return { raw: js.reduce((n, b) => n + b.length, 0), gzip: js.reduce((n, b) => n + zlib.gzipSync(b, { level: 9 }).length, 0), modules: JSON.parse(fs.readFileSync(report, 'utf8')) };
}

const packageOf = (id: string) => {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(id);
  return m ? m[1]! : id.includes('/shared/') ? '(shared/)' : '(renderer/)';
};

const before = build(false);
const after = build(true);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
console.log('| build | JS raw | JS gzipped | vs unminified |');
console.log('|---|---:|---:|---:|');
console.log(`| unminified (electron-vite's renderer default) | ${kb(before.raw)} | ${kb(before.gzip)} | 1.00× |`);
console.log(`| minified (this build) | ${kb(after.raw)} | ${kb(after.gzip)} | ${(after.gzip / before.gzip).toFixed(2)}× |`);
const byPackage = new Map<string, number>();
for (const [id, size] of Object.entries(after.modules)) byPackage.set(packageOf(id), (byPackage.get(packageOf(id)) ?? 0) + size);
const total = [...byPackage.values()].reduce((a, b) => a + b, 0);
console.log('\n| part of the bundle | size before minifying | share |');
console.log('|---|---:|---:|');
for (const [name, size] of [...byPackage.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`| ${name} | ${kb(size)} | ${((100 * size) / total).toFixed(0)} % |`);
