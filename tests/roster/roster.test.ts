// Rosters and learning records through the IPC handlers, against the real
// keychain, real SQLite files and a sandbox Marketplace over HTTP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gatewaySettings, testSandbox, testServices } from '../support/services';
import { taughtClass, learner, ipcFor, readyToReport, MovableClock, DAY_ONE, DAY_TWO } from '../support/roster';
import { validDraft, waitFor } from '../support/helpers';
import { startSandbox } from '../../electron/main/sandbox/sandbox-server';
import { ontarioToUtc } from '../../shared/time';
import { WAH_LEARNERS_PER_INSTRUCTOR } from '../../shared/program-rules';

test('a completed learner is reported once, with the record the ministry expects, and shows Reported', async (t) => {
  const sandbox = await testSandbox(t);
  const { ipc, refused, services, key, offering, classOver } = await taughtClass(t, { sandbox });
  const id = offering.id;

  let roster = await ipc('learners:save', { offeringRowId: id, id: null, details: learner() });
  roster = await ipc('learners:save', { offeringRowId: id, id: null, details: learner({ firstName: 'Omar', lastName: 'Haddad', email: 'omar.h@example.ca', birthYear: 1987, learnerId: 'PROV-77' }) });
  const [amelie, omar] = roster.learners;
  assert.ok(amelie && omar);
  assert.match(amelie.details.learnerId, /^L-[0-9A-F]{10}$/, 'a learner id is made when none is given');

  const people = await ipc('people:save', { id: null, name: 'Jordan Smith' }).then(() => ipc('people:save', { id: null, name: 'Marie-Ève Gagnon' }));
  const jordan = people.find((p) => p.name === 'Jordan Smith')!.id;
  const marie = people.find((p) => p.name === 'Marie-Ève Gagnon')!.id;
  await ipc('roster:setDayStaff', { offeringRowId: id, day: DAY_ONE, instructors: [jordan, marie], evaluators: [marie] });
  await ipc('roster:setDayStaff', { offeringRowId: id, day: DAY_TWO, instructors: [jordan], evaluators: [marie] });

  for (const l of [amelie, omar]) {
    await ipc('roster:setAttendance', { id: l.id, day: DAY_ONE, present: true });
    await ipc('roster:setResult', { id: l.id, result: 'completed', score: 88 });
  }
  roster = await ipc('roster:setAttendance', { id: amelie.id, day: DAY_TWO, present: true });
  roster = await ipc('roster:setAttendance', { id: omar.id, day: DAY_TWO, present: false });
  assert.deepEqual(
    roster.learners.map((l) => l.completed),
    [true, false],
    'completed only when present every day and marked completed',
  );

  // Before the last class day has ended, nothing can be reported.
  const early = await ipc('records:preview', { offeringRowId: id });
  assert.deepEqual(early.blockers.map((b) => b.code), ['class-not-over']);
  assert.equal((await refused('records:report', { offeringRowId: id, ids: [amelie.id] })).code, 'class-not-over');

  classOver();
  const preview = await ipc('records:preview', { offeringRowId: id });
  assert.deepEqual(preview.blockers, []);
  assert.deepEqual(preview.learners.map((l) => l.name), ['Amélie Tremblay']);
  assert.deepEqual(preview.learners.map(({ email, learnerId }) => ({ email, learnerId })), [{ email: 'amelie.tremblay@example.ca', learnerId: amelie.details.learnerId }], 'what the record will carry, to be checked');
  assert.equal(preview.instructorNames, 'Jordan Smith; Marie-Ève Gagnon');
  assert.equal(preview.evaluatorNames, 'Marie-Ève Gagnon');
  assert.equal(preview.completionDate, ontarioToUtc(DAY_TWO, '12:00'));

  const notReady = await refused('records:report', { offeringRowId: id, ids: [omar.id] });
  assert.equal(notReady.code, 'validation', 'an absent learner cannot be reported');
  roster = await ipc('records:report', { offeringRowId: id, ids: [amelie.id] });
  assert.equal(roster.learners[0]!.record.state, 'waiting');
  await services.queue.drain();

  const records = sandbox.records(key);
  assert.equal(records.length, 1);
  const sent = records[0]!;
  assert.match(sent.learningRecordId, /^[0-9a-f-]{36}$/);
  assert.deepEqual(
    { ...sent, learningRecordId: 'x' },
    {
      learningRecordId: 'x',
      trainingStandardKey: 'WAH-E-I',
      completionDate: ontarioToUtc(DAY_TWO, '12:00'),
      externalClassId: offering.draft.offeringId,
      instructorNames: 'Jordan Smith; Marie-Ève Gagnon',
      evaluatorNames: 'Marie-Ève Gagnon',
      learner: { uniqueId: amelie.details.learnerId, firstname: 'Amélie', lastname: 'Tremblay', personalEmail: 'amelie.tremblay@example.ca', birthYear: 1991, mobilePhone: '416-555-0142' },
    },
  );
  roster = await ipc('roster:get', { offeringRowId: id });
  assert.equal(roster.learners[0]!.record.state, 'reported');
  assert.ok(roster.learners[0]!.record.reportedAt);

  // A reported learner is final here: no edits, no removal, no second report.
  assert.equal((await refused('learners:save', { offeringRowId: id, id: amelie.id, details: learner({ firstName: 'Amy' }) })).code, 'learner-reported');
  assert.equal((await refused('learners:erase', { id: amelie.id })).code, 'learner-reported');
  assert.equal((await refused('records:report', { offeringRowId: id, ids: [amelie.id] })).code, 'validation');

  // The class can leave the Marketplace but stays in the catalogue as the record of the session.
  assert.deepEqual(await ipc('offerings:delete', { id }), { removed: false });
  await services.queue.drain();
  assert.deepEqual(sandbox.listings(key), []);
  assert.equal(services.catalogue.get(id).trashedAt, null);
  assert.equal(services.catalogue.get(id).listed, false);
  const kept = await refused('offerings:delete', { id });
  assert.equal(kept.code, 'has-learning-records');
  assert.equal(services.catalogue.get(id).trashedAt, null);
  assert.equal(sandbox.records(key).length, 1, 'exactly one record, whatever happened after');
});

test('a lost answer is sent again with the same learningRecordId, and "already exists" counts as reported', async (t) => {
  const sandbox = await testSandbox(t);
  const { ipc, services, key, offering, classOver } = await taughtClass(t, { sandbox });
  const learnerId = await readyToReport(ipc, offering.id, classOver);
  // The record reaches the ministry, then the connection drops before the answer.
  sandbox.setFaults({ resetAfterApply: 1 });
  await ipc('records:report', { offeringRowId: offering.id, ids: [learnerId] });
  await waitFor(() => sandbox.requests().some((r) => r.path.endsWith('/learning-records')), { what: 'the first send' });
  sandbox.setFaults({ resetAfterApply: 0 });
  await services.queue.drain();

  const posts = sandbox.requests().filter((r) => r.path.endsWith('/learning-records'));
  assert.ok(posts.length >= 2, 'sent again after the lost answer');
  assert.equal(new Set(posts.map((p) => (p.body as { learningRecordId: string }).learningRecordId)).size, 1, 'every send reuses one learningRecordId');
  assert.equal(posts.at(-1)!.status, 409);
  assert.equal(sandbox.records(key).length, 1);
  assert.equal((await ipc('roster:get', { offeringRowId: offering.id })).learners[0]!.record.state, 'reported');
});

test('when the system reports the network is back, a waiting learning record goes at once instead of at its next retry', async (t) => {
  const sandbox = await testSandbox(t);
  const { ipc, services, key, offering, classOver } = await taughtClass(t, { sandbox, queue: { baseDelayMs: 60_000, maxDelayMs: 600_000, random: () => 0.9 } });
  const learnerId = await readyToReport(ipc, offering.id, classOver);
  // Offline: the record waits for a retry a minute or more away.
  await sandbox.close();
  await ipc('records:report', { offeringRowId: offering.id, ids: [learnerId] });
  await services.queue.kick();
  assert.equal(services.queue.status().offline, true);
  const retryAt = services.learners.nextWake();
  assert.ok(retryAt !== null && Date.parse(retryAt) - services.clock.now().getTime() >= 5_000, `the next retry is later (${retryAt})`);
  await sandbox.restart();
  services.queue.nudge();
  await waitFor(() => sandbox.records(key).length === 1, { what: 'the record to reach the ministry', timeoutMs: 5000 });
  await waitFor(async () => (await ipc('roster:get', { offeringRowId: offering.id })).learners[0]!.record.state === 'reported', { what: 'Reported', timeoutMs: 5000 });
});

test('a record the ministry refuses shows the reason at the field, and Retry sends it once corrected', async (t) => {
  const sandbox = await testSandbox(t);
  const { ipc, services, key, offering, classOver } = await taughtClass(t, { sandbox });
  // Our own checks let a free-form phone through; the ministry's schema does not.
  let roster = await ipc('learners:save', { offeringRowId: offering.id, id: null, details: learner({ mobilePhone: 'ask at desk' }) });
  const id = roster.learners[0]!.id;
  const person = (await ipc('people:save', { id: null, name: 'Jordan Smith' }))[0]!.id;
  for (const day of [DAY_ONE, DAY_TWO]) {
    await ipc('roster:setDayStaff', { offeringRowId: offering.id, day, instructors: [person], evaluators: [person] });
    await ipc('roster:setAttendance', { id, day, present: true });
  }
  await ipc('roster:setResult', { id, result: 'completed', score: 75 });
  classOver();
  await ipc('records:report', { offeringRowId: offering.id, ids: [id] });
  await services.queue.drain();
  roster = await ipc('roster:get', { offeringRowId: offering.id });
  const refusedRecord = roster.learners[0]!.record;
  assert.equal(refusedRecord.state, 'refused');
  assert.equal(refusedRecord.error?.code, 'marketplace-invalid');
  assert.deepEqual(refusedRecord.error?.fields?.map((f) => f.path), ['mobilePhone']);
  assert.equal(sandbox.records(key).length, 0);

  await ipc('learners:save', { offeringRowId: offering.id, id, details: learner({ mobilePhone: '416-555-0142' }) });
  await ipc('records:retry', { id });
  await services.queue.drain();
  assert.equal((await ipc('roster:get', { offeringRowId: offering.id })).learners[0]!.record.state, 'reported');
  assert.equal(sandbox.records(key).length, 1);
  // The call log keeps the refusal without the learner's values.
  const raw = services.db.prepare("SELECT group_concat(COALESCE(raw_body, '') || message, ' ') AS text FROM call_log WHERE action = 'report'").get() as { text: string };
  assert.doesNotMatch(raw.text, /ask at desk|Amélie|amelie/);
});

test('learner details are checked: missing names, a bad email, a birth year out of range, a duplicate in the class', async (t) => {
  const { ipc, refused, offering, services } = await taughtClass(t, { sandbox: await testSandbox(t) });
  const thisYear = Number(new Date().toISOString().slice(0, 4));
  const bad = await refused('learners:save', { offeringRowId: offering.id, id: null, details: learner({ firstName: ' ', email: 'amelie@', birthYear: thisYear - 10 }) });
  assert.equal(bad.code, 'validation');
  assert.deepEqual(bad.fields?.map((f) => `${f.path}:${f.code}`), ['firstName:required', 'email:email.invalid', 'birthYear:birthYear.range']);
  assert.doesNotMatch(JSON.stringify(bad), /amelie@|Tremblay|416-555/, 'an error never echoes what was typed');
  assert.equal((await refused('learners:save', { offeringRowId: offering.id, id: null, details: learner({ birthYear: 1899 }) })).fields?.[0]?.code, 'birthYear.range');
  await ipc('learners:save', { offeringRowId: offering.id, id: null, details: learner() });
  const twice = await refused('learners:save', { offeringRowId: offering.id, id: null, details: learner({ email: 'AMELIE.TREMBLAY@example.ca', firstName: 'Amelie' }) });
  assert.deepEqual(twice.fields?.map((f) => f.code), ['learner.duplicate']);
  assert.equal(services.learners.byOffering(offering.id).length, 1, 'refused saves changed nothing');
});

test('Working at Heights: more than 12 learners per instructor on a day is a warning, not a block', async (t) => {
  const { ipc, offering } = await taughtClass(t, { sandbox: await testSandbox(t) });
  for (let i = 0; i <= WAH_LEARNERS_PER_INSTRUCTOR.practical; i++) {
    await ipc('learners:save', { offeringRowId: offering.id, id: null, details: learner({ firstName: `Learner${i}`, email: `learner${i}@example.ca` }) });
  }
  const [a, b] = await ipc('people:save', { id: null, name: 'Alex Martin' }).then(() => ipc('people:save', { id: null, name: 'Bo Chen' }));
  let roster = await ipc('roster:setDayStaff', { offeringRowId: offering.id, day: DAY_ONE, instructors: [a!.id], evaluators: [a!.id] });
  assert.equal(roster.learners.length, 13);
  assert.equal(roster.days.find((d) => d.day === DAY_ONE)!.ratioWarning, true, '13 learners, 1 instructor');
  roster = await ipc('roster:setDayStaff', { offeringRowId: offering.id, day: DAY_ONE, instructors: [a!.id, b!.id], evaluators: [a!.id] });
  assert.equal(roster.days.find((d) => d.day === DAY_ONE)!.ratioWarning, false, '13 learners, 2 instructors');
  // One learner marked absent that day brings one instructor back under the ratio.
  roster = await ipc('roster:setDayStaff', { offeringRowId: offering.id, day: DAY_ONE, instructors: [a!.id], evaluators: [a!.id] });
  roster = await ipc('roster:setAttendance', { id: roster.learners[0]!.id, day: DAY_ONE, present: false });
  assert.equal(roster.days.find((d) => d.day === DAY_ONE)!.ratioWarning, false, '12 present, 1 instructor');
});

test('instructors and evaluators: names are required, unique and free of semicolons; removing one keeps past sessions', async (t) => {
  const { ipc, refused, offering } = await taughtClass(t, { sandbox: await testSandbox(t) });
  assert.equal((await refused('people:save', { id: null, name: '  ' })).fields?.[0]?.code, 'required');
  assert.equal((await refused('people:save', { id: null, name: 'Smith; Jones' })).fields?.[0]?.code, 'person.semicolon');
  const [jordan] = await ipc('people:save', { id: null, name: 'Jordan  Smith ' });
  assert.equal(jordan!.name, 'Jordan Smith');
  assert.equal((await refused('people:save', { id: null, name: 'jordan smith' })).fields?.[0]?.code, 'person.taken');
  await ipc('roster:setDayStaff', { offeringRowId: offering.id, day: DAY_ONE, instructors: [jordan!.id], evaluators: [] });
  assert.deepEqual(await ipc('people:archive', { id: jordan!.id }), []);
  const roster = await ipc('roster:get', { offeringRowId: offering.id });
  assert.deepEqual(roster.days.find((d) => d.day === DAY_ONE)!.instructors, [jordan!.id]);
  assert.deepEqual(roster.people.map((p) => p.name), ['Jordan Smith'], 'still named on the day they taught');
});

test('export one learner as JSON; erase a learner who was not reported', async (t) => {
  const { ipc, services, offering } = await taughtClass(t, { sandbox: await testSandbox(t) });
  const roster = await ipc('learners:save', { offeringRowId: offering.id, id: null, details: learner({ employerName: 'Toitures Côté' }) });
  const id = roster.learners[0]!.id;
  await ipc('roster:setAttendance', { id, day: DAY_ONE, present: true });
  const exported = await ipc('learners:export', { id });
  assert.match(exported.fileName, /^learner-L-[0-9A-F]{10}\.json$/);
  const data = JSON.parse(exported.json) as { learner: { email: string; employerName: string }; attendance: Record<string, boolean>; learningRecord: { state: string } };
  assert.equal(data.learner.email, 'amelie.tremblay@example.ca');
  assert.equal(data.learner.employerName, 'Toitures Côté');
  assert.deepEqual(data.attendance, { [DAY_ONE]: true });
  assert.equal(data.learningRecord.state, 'not-reported');
  const after = await ipc('learners:erase', { id });
  assert.deepEqual(after.learners, []);
  assert.equal(services.db.prepare('SELECT COUNT(*) AS n FROM attendance').get() && (services.db.prepare('SELECT COUNT(*) AS n FROM attendance').get() as { n: number }).n, 0);
});

test('over the ministry gateway: POST LearningRecord with the token, the key header, the program ID, and the network key in the body', async (t) => {
  const account = { clientId: 'provider-records', clientSecret: 'cs-0123456789abcdef', subscriptionKey: '0123456789abcdef0123', programIds: { 'WAH-10083': 'WAH-E-I' as const } };
  const sandbox = await startSandbox({ dialect: 'gateway', gateway: account });
  t.after(() => sandbox.close());
  const clock = new MovableClock();
  const { services } = testServices(t, { clock, requestTimeoutMs: 1000, queue: { baseDelayMs: 10, maxDelayMs: 50 } });
  const { ipc } = ipcFor(services);
  await ipc('settings:save', gatewaySettings(sandbox, account, { 'WAH-E-I': 'WAH-10083' }));
  const offering = await ipc('offerings:publish', { id: null, draft: validDraft({ classDays: [{ date: DAY_ONE, start: '08:30', end: '16:30' }] }) });
  await services.queue.drain();
  assert.equal(services.catalogue.get(offering.id).listedVia, 'gateway');

  const roster = await ipc('learners:save', { offeringRowId: offering.id, id: null, details: learner() });
  const id = roster.learners[0]!.id;
  const person = (await ipc('people:save', { id: null, name: 'Jordan Smith' }))[0]!.id;
  await ipc('roster:setDayStaff', { offeringRowId: offering.id, day: DAY_ONE, instructors: [person], evaluators: [person] });
  await ipc('roster:setAttendance', { id, day: DAY_ONE, present: true });
  await ipc('roster:setResult', { id, result: 'completed', score: null });
  clock.set(`${DAY_ONE}T23:00:00.000Z`);
  await ipc('records:report', { offeringRowId: offering.id, ids: [id] });
  await services.queue.drain();
  // The gateway's learning-record body still carries the provider's network key: none saved, so sending waits.
  assert.equal(services.queue.status().paused?.code, 'no-key');
  assert.equal((await ipc('roster:get', { offeringRowId: offering.id })).learners[0]!.record.state, 'waiting');
  assert.equal(sandbox.requests().filter((r) => r.path === '/gateway/LearningRecord').length, 0);

  await ipc('settings:save', { networkKey: 'NK-gateway-provider-0001' });
  await services.queue.drain();
  const [record] = sandbox.records(account.clientId);
  assert.equal(record?.trainingStandardKey, 'WAH-10083' as never, 'the program ID stands for the standard');
  assert.equal(record?.externalClassId, offering.draft.offeringId);
  assert.deepEqual(sandbox.requests().filter((r) => r.path === '/gateway/LearningRecord').map((r) => r.status), [201]);
  assert.equal((await ipc('roster:get', { offeringRowId: offering.id })).learners[0]!.record.state, 'reported');
});
