// Learner data is personal information: sealed at rest, never in a file of
// the data folder in clear text (catalogue, WAL, backups, logs, the embedded
// sandbox), a clear message when its key is gone, and purged after N years.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import log from 'electron-log/node';
import { configureFileLog, LOG_FILE } from '../../electron/main/platform/logging';
import { keytarStore } from '../../electron/main/platform/credentials';
import { testServices } from '../support/services';
import { filesContaining } from '../support/helpers';
import { taughtClass, learner, ipcFor, DAY_ONE, DAY_TWO, MovableClock } from '../support/roster';
import type { Ipc } from '../support/roster';

const SECRET_PERSON = { firstName: 'Wilhelmina', lastName: 'Quaglieri', email: 'w.quaglieri.7731@example.org', mobilePhone: '905-555-7731', homePhone: '905-555-7732' };

async function completeAndReport(ipc: Ipc, offeringRowId: string, ids: string[]) {
  const people = await ipc('people:save', { id: null, name: 'Jordan Smith' });
  for (const day of [DAY_ONE, DAY_TWO]) {
    await ipc('roster:setDayStaff', { offeringRowId, day, instructors: [people[0]!.id], evaluators: [people[0]!.id] });
    for (const id of ids) await ipc('roster:setAttendance', { id, day, present: true });
  }
  for (const id of ids) await ipc('roster:setResult', { id, result: 'completed', score: 91 });
}

test('no learner name, email or phone is in any file of the data folder in clear text: catalogue, WAL, backups, logs, sandbox', async (t) => {
  const logger = log.create({ logId: `privacy-${Date.now()}` });
  logger.transports.console.level = false;
  let secrets: () => readonly string[] = () => [];
  // The embedded sandbox (no URL preset) keeps its file in the data folder too.
  const setup = await taughtClass(t, { log: logger });
  const { ipc, services, offering, classOver } = setup;
  configureFileLog(logger, { dir: services.dataDir, secrets: () => secrets() });
  secrets = () => services.credentials.knownSecrets();

  const roster = await ipc('learners:save', { offeringRowId: offering.id, id: null, details: learner(SECRET_PERSON) });
  // A second learner the ministry refuses (a phone its schema rejects): the refusal is logged and kept too.
  const refusedOne = await ipc('learners:save', { offeringRowId: offering.id, id: null, details: learner({ ...SECRET_PERSON, email: 'second.7731@example.org', firstName: 'Bartholomew', mobilePhone: 'x7731 ext' }) });
  const ids = [roster.learners[0]!.id, refusedOne.learners[1]!.id];
  await completeAndReport(ipc, offering.id, ids);
  classOver();
  await ipc('records:report', { offeringRowId: offering.id, ids });
  await services.queue.drain();
  const states = (await ipc('roster:get', { offeringRowId: offering.id })).learners.map((l) => l.record.state);
  assert.deepEqual(states, ['reported', 'refused']);
  await ipc('backups:create', {});
  await ipc('learners:export', { id: ids[0]! });

  const dir = services.dataDir;
  const files = () => fs.readdirSync(dir, { recursive: true }).map(String);
  assert.ok(files().some((f) => f.endsWith('-wal')), 'the WAL is there to be searched');
  assert.ok(files().some((f) => f.includes('backup')), 'a backup is there to be searched');
  assert.ok(files().includes('sandbox-marketplace.json'));
  assert.ok(fs.statSync(path.join(dir, LOG_FILE)).size > 0, 'the log has lines');
  const needles = [...Object.values(SECRET_PERSON), 'Bartholomew', 'second.7731@example.org', 'x7731 ext'];
  for (const needle of needles) {
    for (const form of [needle, needle.toLowerCase()]) {
      assert.deepEqual(filesContaining(dir, form), [], `“${form}” in clear text`);
      assert.deepEqual(filesContaining(dir, Buffer.from(form, 'utf16le').toString('latin1')), [], `“${form}” as UTF-16`);
    }
  }
  // The sealed rows are there: the test would pass on an empty folder otherwise.
  assert.equal(services.learners.byOffering(offering.id).length, 2);
});

test('a missing or different learner data key gives a clear message, never garbage, and changes nothing', async (t) => {
  const { services, keychainService, ipc, offering } = await taughtClass(t);
  await ipc('learners:save', { offeringRowId: offering.id, id: null, details: learner() });
  const dataDir = services.dataDir;
  await services.close();
  const store = keytarStore(keychainService);
  const original = await store.get('learner-data-key');
  assert.ok(original);

  await store.delete('learner-data-key');
  const reopened = testServices(t, { dataDir, keychainService }).services;
  const { refused } = ipcFor(reopened);
  const missing = await refused('roster:get', { offeringRowId: offering.id });
  assert.equal(missing.code, 'data-key-missing');
  assert.match(missing.message, /key that protects them is missing/);
  assert.equal((await refused('learners:save', { offeringRowId: offering.id, id: null, details: learner({ email: 'other@example.ca' }) })).code, 'data-key-missing');
  assert.equal(await store.get('learner-data-key'), null, 'no new key is made over sealed learners: it would orphan them');
  assert.equal(reopened.learners.byOffering(offering.id).length, 1);
  await reopened.close();

  // Another key (a different computer's) fails the seal's check the same way.
  await store.set('learner-data-key', Buffer.alloc(32, 7).toString('base64'));
  const wrong = testServices(t, { dataDir, keychainService }).services;
  assert.equal((await ipcFor(wrong).refused('roster:get', { offeringRowId: offering.id })).code, 'data-key-missing');
  await wrong.close();

  // Put back, everything opens again.
  await store.set('learner-data-key', original);
  const restored = testServices(t, { dataDir, keychainService }).services;
  assert.equal((await ipcFor(restored).ipc('roster:get', { offeringRowId: offering.id })).learners[0]!.details.firstName, 'Amélie');
});

test('learner details are purged at start once their class ended longer ago than Settings → Privacy keeps them; logged as a count', async (t) => {
  const { services, keychainService, ipc, offering, classOver } = await taughtClass(t);
  await ipc('learners:save', { offeringRowId: offering.id, id: null, details: learner(SECRET_PERSON) });
  const saved = await ipc('settings:save', { retentionYears: 2 });
  assert.equal(saved.retentionYears, 2);
  classOver();
  const dataDir = services.dataDir;
  await services.close();

  const lines: string[] = [];
  const memory = { info: (...a: unknown[]) => lines.push(a.join(' ')), warn: (...a: unknown[]) => lines.push(a.join(' ')), error: (...a: unknown[]) => lines.push(a.join(' ')) };
  const clock = new MovableClock();
  // One year and a half after the class: kept.
  clock.set(`${Number(DAY_TWO.slice(0, 4)) + 1}-10-15T12:00:00.000Z`);
  const within = testServices(t, { dataDir, keychainService, clock, log: memory }).services;
  assert.equal(within.learners.byOffering(offering.id).length, 1);
  await within.close();
  // Two years and a day after: purged at start.
  clock.set(`${Number(DAY_TWO.slice(0, 4)) + 2}-04-16T12:00:00.000Z`);
  const after = testServices(t, { dataDir, keychainService, clock, log: memory }).services;
  assert.equal(after.learners.byOffering(offering.id).length, 0);
  assert.deepEqual(lines, ['Privacy: deleted 1 learner record(s) of classes that ended more than 2 year(s) ago.']);
  assert.equal((await ipcFor(after).refused('settings:save', { retentionYears: 0 })).code, 'bad-request', 'at least one year');
});
