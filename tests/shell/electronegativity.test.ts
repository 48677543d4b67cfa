// Electronegativity over the app's sources (a copy of electron/, renderer/,
// shared/ and package.json, so out/ and node_modules/ are never read). The tool
// always exits 0: matching its findings against the reviewed allowlist is the check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { tempDir } from '../support/helpers';

interface Finding {
  issue: string;
  severity: string;
  confidence: string;
  filename: string;
  location: string;
  sample: string;
}

interface Allowed {
  check: string;
  file: string;
  sample: string;
  why: string;
}

const allowlist = JSON.parse(fs.readFileSync('tests/security/electronegativity-allowlist.json', 'utf8')) as Allowed[];
const allows = (a: Allowed, f: Finding) => a.check === f.issue && a.file === f.filename && f.sample.includes(a.sample);

function projectSources(): string {
  const sources = tempDir('electronegativity-');
  for (const part of ['electron', 'renderer', 'shared', 'package.json']) fs.cpSync(part, path.join(sources, part), { recursive: true });
  return sources;
}

function scan(sources: string): { findings: Finding[]; errors: string[] } {
  const out = path.join(tempDir(), 'findings.json');
  const run = spawnSync(process.execPath, ['--require', path.resolve('tests/security/offline.cjs'), path.resolve('tests/security/electronegativity-scan.cjs'), sources, out], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
  return JSON.parse(fs.readFileSync(out, 'utf8')) as { findings: Finding[]; errors: string[] };
}

test('Electronegativity finds nothing that is not reviewed in the allowlist', () => {
  const { findings, errors } = scan(projectSources());
  assert.deepEqual(errors, [], 'every source file was parsed');
  assert.ok(findings.some((f) => f.issue === 'ELECTRON_VERSION_JSON_CHECK'), 'the scan read the project');
  const unreviewed = findings.filter((f) => !allowlist.some((a) => allows(a, f)));
  assert.deepEqual(unreviewed.map((f) => `${f.issue} ${f.severity} ${f.filename}:${f.location} ${f.sample}`), [], 'findings not in tests/security/electronegativity-allowlist.json');
  const stale = allowlist.filter((a) => !findings.some((f) => allows(a, f)));
  assert.deepEqual(stale.map((a) => a.check), [], 'allowlist entries that no longer match a finding: remove them');
  for (const a of allowlist) assert.ok(a.why.length > 40, `${a.check} says why it is a false positive`);
});

test('the allowlist check really fails on a finding: a window with nodeIntegration on', () => {
  const sources = tempDir('electronegativity-bad-');
  fs.mkdirSync(path.join(sources, 'electron'));
  fs.writeFileSync(path.join(sources, 'package.json'), fs.readFileSync('package.json'));
  fs.writeFileSync(path.join(sources, 'electron', 'bad.js'), "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });\n");
  const { findings } = scan(sources);
  const unreviewed = findings.filter((f) => !allowlist.some((a) => allows(a, f)));
  assert.ok(unreviewed.some((f) => f.issue === 'NODE_INTEGRATION_JS_CHECK'), JSON.stringify(unreviewed.map((f) => f.issue)));
});
