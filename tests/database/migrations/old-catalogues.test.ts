// Upgrades from catalogues made by real earlier versions of the app (built by
// tests/fixtures/catalogues/make-old.ts driving those versions' own handlers;
// see make-old.md), opened by today's app with the real keychain and a real
// sandbox Marketplace over HTTP holding what those versions published.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { KEYCHAIN_ACCOUNTS, testSandbox, testServices } from '../../support/services';
import { tempDir, uniqueKeychainService } from '../../support/helpers';
import { keytarStore } from '../../../electron/main/platform/credentials';
import { createHandlers } from '../../../electron/main/handlers';
import { dispatch } from '../../../electron/main/ipc/dispatch';
import { LATEST_VERSION, schemaVersion } from '../../../electron/main/database/schema';
import type { Channel, RequestOf, ResponseOf } from '../../../shared/ipc';
import type { OfferingDraft } from '../../../shared/offering';

const FIXTURES = path.join(import.meta.dirname, '../../fixtures/catalogues');

interface Expected {
  commit: string;
  schema: number;
  /** Offering ID → the status that version showed. */
  offerings: Record<string, string>;
  trashed: string[];
  /** Offering ID → the field today's rules refuse in what that version published. */
  refused: Record<string, string>;
  learners?: Record<string, string[]>;
  people?: string[];
  templates?: string[];
  settings: { language: string; publishConcurrency: number };
}

/** A copy of the fixture's file, read as it was left by the old version. */
function fixtureRows<T>(dir: string, sql: string): T[] {
  const copy = path.join(tempDir(), 'catalogue.sqlite');
  fs.copyFileSync(path.join(dir, 'catalogue.sqlite'), copy);
  const db = new Database(copy);
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

async function openOld(t: TestContext, name: string) {
  const dir = path.join(FIXTURES, name);
  const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Expected;
  const dataDir = tempDir();
  fs.copyFileSync(path.join(dir, 'catalogue.sqlite'), path.join(dataDir, 'catalogue.sqlite'));
  // The Marketplace that version published to, with what it holds.
  const sandboxFile = path.join(tempDir(), 'sandbox-marketplace.json');
  fs.copyFileSync(path.join(dir, 'sandbox-marketplace.json'), sandboxFile);
  const sandbox = await testSandbox(t, { file: sandboxFile });
  // What that version kept in the keychain (test-only keys), under a service name of this test's own.
  const keychainService = uniqueKeychainService();
  const store = keytarStore(keychainService);
  t.after(async () => {
    for (const account of KEYCHAIN_ACCOUNTS) await store.delete(account);
  });
  const keychain = JSON.parse(fs.readFileSync(path.join(dir, 'keychain.json'), 'utf8')) as Record<string, string>;
  for (const [account, secret] of Object.entries(keychain)) await store.set(account, secret);

  const { services } = testServices(t, { dataDir, keychainService, marketplaceUrlPreset: sandbox.baseUrl, integrityWalkDelayMs: 0 });
  const handlers = createHandlers(services);
  async function call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    const result = await dispatch(handlers, channel, request, (e) => assert.fail(String(e)));
    if (!result.ok) assert.fail(`${channel}: ${JSON.stringify(result.error)}`);
    return result.value as ResponseOf<C>;
  }
  const rows = async () => (await call('offerings:page', { limit: 200 })).rows;
  const byOfferingId = async (offeringId: string) => {
    const row = (await rows()).find((r) => r.offeringId === offeringId);
    assert.ok(row, `${offeringId} is in the list`);
    return call('offerings:get', { id: row.id });
  };
  return { dir, expected, sandbox, keychain, services, call, rows, byOfferingId };
}

type Opened = Awaited<ReturnType<typeof openOld>>;

/**
 * Every offering is there, in its status; the Trash kept what was in it. `incomplete`: drafts that
 * version showed as drafts and cannot be published yet, shown as incomplete since migration 7.
 */
async function assertEveryOffering({ expected, call, rows, services }: Opened, incomplete: string[] = []): Promise<void> {
  assert.equal(schemaVersion(services.db), LATEST_VERSION);
  await services.integrity;
  const statuses = Object.fromEntries((await rows()).map((r) => [r.offeringId, r.status]));
  const want = Object.fromEntries(Object.entries(expected.offerings).map(([id, status]) => [id, id in expected.refused ? 'needs-attention' : incomplete.includes(id) ? 'incomplete' : status]));
  assert.deepEqual(statuses, want);
  assert.deepEqual((await call('trash:list', {})).map((r) => r.draft.offeringId).sort(), [...expected.trashed].sort());
}

/** A later edit of a published offering is sent as a PATCH of that listing, never as a new one. */
async function assertEditPatches({ sandbox, call, byOfferingId, services }: Opened, offeringId: string, edit: Partial<OfferingDraft>): Promise<void> {
  const record = await byOfferingId(offeringId);
  assert.equal(record.listed, true, `${offeringId} is still known as listed`);
  const before = sandbox.requests().length;
  await call('offerings:publish', { id: record.id, draft: { ...record.draft, ...edit } });
  await services.queue.drain();
  const sent = sandbox.requests().slice(before).map((r) => `${r.method} ${r.path} ${r.status}`);
  const collection = record.draft.kind === 'online' ? 'online-offerings' : 'class-offerings';
  assert.deepEqual(sent, [`PATCH /api-v2/${collection}/${offeringId} 204`]);
  assert.equal((await byOfferingId(offeringId)).status, 'published');
}

async function assertSettingsAndTemplates({ dir, expected, call, services }: Opened): Promise<void> {
  const settings = await call('settings:get', {});
  assert.deepEqual([settings.language, settings.publishConcurrency, settings.keySet], [expected.settings.language, expected.settings.publishConcurrency, true]);
  const stored = (db: { prepare(sql: string): { all(): unknown[] } }) => db.prepare('SELECT key, value FROM settings ORDER BY key').all();
  assert.deepEqual(stored(services.db), fixtureRows(dir, 'SELECT key, value FROM settings ORDER BY key'), 'the settings table is as that version left it');
  if (!expected.templates) return;
  const old = fixtureRows<{ name: string; body: string }>(dir, 'SELECT name, body FROM templates ORDER BY name');
  assert.deepEqual(old.map((r) => r.name), expected.templates);
  const templates = await call('templates:list', {});
  assert.deepEqual(templates.map((tp) => ({ name: tp.name, body: tp.body })), old.map((r) => ({ name: r.name, body: JSON.parse(r.body) as unknown })));
}

test('a catalogue of the first version (schema 2, 3ac81cc) opens; a listing today’s rules refuse is kept and needs attention, with the reason', async (t) => {
  const opened = await openOld(t, 'schema-2-3ac81cc');
  await assertEveryOffering(opened, ['wah-unfinished']);
  await assertSettingsAndTemplates(opened);

  // The link with a user name and password in it: kept as it was, held from sending, the field named.
  const refused = await opened.byOfferingId('wah-secret-link');
  assert.equal(refused.status, 'needs-attention');
  assert.equal(refused.draft.registrationUrl, 'https://staff:hunter2@training.example.ca/register/wah', 'nothing of the row was dropped');
  assert.equal(refused.error?.code, 'listing-refused');
  assert.deepEqual(refused.error?.fields?.map((f) => [f.path, f.code]), [['registrationUrl', 'url.credentials']]);
  assert.match(refused.error!.message, /user name and password/);

  // Retried as it is, it is still refused before anything is sent.
  const before = opened.sandbox.requests().length;
  await opened.call('queue:retry', { id: refused.id });
  await opened.services.queue.drain();
  assert.equal(opened.sandbox.requests().length, before, 'nothing was sent');
  assert.deepEqual((await opened.byOfferingId('wah-secret-link')).error?.fields?.map((f) => [f.path, f.code]), [['registrationUrl', 'url.credentials']]);

  await assertEditPatches(opened, 'wah-toronto', { seatsRemaining: 3 });
  await assertEditPatches(opened, 'jhsc-virtual', { courseName: 'JHSC Part One (virtual), new dates' });
  // Fixed, the refused one is sent as a change of the listing it has, not as a new one.
  await assertEditPatches(opened, 'wah-secret-link', { registrationUrl: 'https://training.example.ca/register/wah' });
});

test('a catalogue of b6ac650 (schema 11) opens: classes and online offerings, sealed learners, staff, templates and settings as they were', async (t) => {
  const opened = await openOld(t, 'schema-11-b6ac650');
  await assertEveryOffering(opened);
  await assertSettingsAndTemplates(opened);

  // Learners were sealed with the data key in the keychain: they open, names readable, with their attendance and result.
  for (const [offeringId, names] of Object.entries(opened.expected.learners!)) {
    const record = await opened.byOfferingId(offeringId);
    const roster = await opened.call('roster:get', { offeringRowId: record.id });
    assert.deepEqual(roster.learners.map((l) => `${l.details.firstName} ${l.details.lastName}`).sort(), names);
    const zoe = roster.learners.find((l) => l.details.firstName === 'Zoé')!;
    assert.deepEqual([zoe.result, zoe.score, Object.values(zoe.attendance), zoe.completed], ['completed', 92, [true], true]);
    assert.deepEqual(roster.days.flatMap((d) => d.instructors.map((id) => roster.people.find((p) => p.id === id)?.name)), opened.expected.people);
  }

  await assertEditPatches(opened, 'wah-roster', { seatsRemaining: 5 });
  await assertEditPatches(opened, 'jhsc-online', { courseDurationHours: 7 });
});
