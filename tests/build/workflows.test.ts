// The CI workflows cannot run here: they are validated with GitHub's own
// workflow parser (the one behind the Actions language server) and checked
// for what they must prove, as electron-builder.yml is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { parse } from 'yaml';
import { parseWorkflow, NoOperationTraceWriter } from '@actions/workflow-parser';
import { parseAction } from '@actions/workflow-parser/actions/index';

type Step = { uses?: string; run?: string; if?: string; with?: Record<string, unknown>; shell?: string };
type Job = { 'runs-on'?: string; needs?: string | string[]; steps?: Step[]; uses?: string; with?: Record<string, unknown>; strategy?: { matrix: { os: string[] } } };
const load = (file: string) => parse(fs.readFileSync(file, 'utf8')) as { on: Record<string, unknown>; jobs: Record<string, Job>; runs?: { steps: Step[] } };
const WORKFLOWS = fs.readdirSync('.github/workflows').filter((f) => f.endsWith('.yml')).map((f) => `.github/workflows/${f}`);
const OSES = ['windows-latest', 'macos-latest', 'ubuntu-latest'];

function errorsOf(file: string, content = fs.readFileSync(file, 'utf8')): string[] {
  return parseWorkflow({ name: file, content }, new NoOperationTraceWriter()).context.errors.getErrors().map((e) => e.message);
}

test('every workflow and the setup action are valid by GitHub Actions’ own parser, which does catch a mistake', () => {
  assert.deepEqual(WORKFLOWS.sort(), ['.github/workflows/ci.yml', '.github/workflows/installers.yml', '.github/workflows/release.yml']);
  for (const file of WORKFLOWS) assert.deepEqual(errorsOf(file), [], file);
  assert.notDeepEqual(errorsOf('ci.yml', fs.readFileSync('.github/workflows/ci.yml', 'utf8').replace('runs-on:', 'runs_on:')), [], 'the parser really checks');
  const action = '.github/actions/setup/action.yml';
  const parsed = parseAction({ name: action, content: fs.readFileSync(action, 'utf8') }, new NoOperationTraceWriter());
  assert.deepEqual(parsed.context.errors.getErrors().map((e) => e.message), [], action);
});

test('actions are pinned to major versions, Node is the README’s, and the npm cache is used', () => {
  const readmeNode = /Node\.js (\d+)\.\d+\+/.exec(fs.readFileSync('README.md', 'utf8'))![1];
  const files = [...WORKFLOWS, '.github/actions/setup/action.yml'];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    for (const [, uses] of text.matchAll(/uses:\s*(\S+)/g)) {
      assert.match(uses!, /^(\.\/.+|[\w.-]+\/[\w.-]+@v\d+)$/, `${file}: ${uses}`);
    }
    for (const [, version] of text.matchAll(/node-version:\s*(\S+)/g)) assert.equal(version, readmeNode, `${file}: Node ${version}`);
    if (text.includes('actions/setup-node')) assert.match(text, /cache: npm/, `${file} caches the npm cache`);
  }
});

test('ci.yml: every push and pull request; .ci/run on Linux with failures kept; the Electron smoke suite and installers on three systems', () => {
  const ci = load('.github/workflows/ci.yml');
  assert.ok('push' in ci.on && 'pull_request' in ci.on);
  const { test: unit, electron, installers } = ci.jobs;
  assert.equal(unit!['runs-on'], 'ubuntu-latest');
  assert.ok(unit!.steps!.some((s) => s.run?.includes('bash .ci/run')));
  const upload = unit!.steps!.find((s) => s.uses?.startsWith('actions/upload-artifact'));
  assert.deepEqual([upload?.if, upload?.with?.path], ['failure()', 'test-results/']);
  assert.deepEqual(electron!.strategy!.matrix.os, OSES);
  assert.ok(electron!.steps!.some((s) => s.uses === './.github/actions/setup'));
  assert.ok(electron!.steps!.some((s) => s.run?.includes('xvfb-run') && s.run.includes('npm run test:electron')), 'Linux runs the window under xvfb');
  assert.equal(installers!.uses, './.github/workflows/installers.yml');
});

test('installers.yml: unsigned builds on three systems, installer smoke where headless, artifacts kept 7 days; release.yml reuses it', () => {
  const wf = load('.github/workflows/installers.yml');
  assert.ok('workflow_call' in wf.on);
  const build = wf.jobs.build!;
  assert.deepEqual(build.strategy!.matrix.os, OSES);
  const runs = build.steps!.map((s) => s.run ?? '').join('\n');
  assert.match(runs, /npm run dist/);
  assert.match(runs, /'\/S'[\s\S]*--smoke[\s\S]*Uninstall Offering Desk\.exe[\s\S]*the uninstaller removed the catalogue/, 'Windows: silent install, smoke, silent uninstall, data kept');
  assert.match(runs, /AppImage[\s\S]*xvfb-run[\s\S]*--smoke/, 'Linux: the AppImage under xvfb');
  assert.match(runs, /hdiutil attach[\s\S]*--smoke/, 'macOS: the app from the DMG');
  const upload = build.steps!.find((s) => s.uses?.startsWith('actions/upload-artifact'));
  assert.equal(upload?.with?.['retention-days'], 7);
  const release = load('.github/workflows/release.yml');
  assert.deepEqual((release.on.push as { tags: string[] }).tags, ['v*']);
  assert.deepEqual([release.jobs.installers!.uses, release.jobs.installers!.needs, release.jobs.installers!.with?.release], ['./.github/workflows/installers.yml', 'test', true]);
});
