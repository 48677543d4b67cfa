// The roster's bulk actions and the program standards' warnings (#27 items 3
// and 4), through the IPC handlers against real SQLite files: Mark all present,
// All completed and their Undo (a reported learner is never changed, a refused
// call changes nothing), the WAH ratio by module, JHSC class size, and a
// learner's earlier training (sealed like every other detail).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testSandbox } from '../support/services';
import { taughtClass, learner, readyToReport, DAY_ONE, DAY_TWO, type Ipc } from '../support/roster';
import { filesContaining, futureDate, validDraft } from '../support/helpers';
import type { OfferingDraft } from '../../shared/offering';
import type { RosterView } from '../../shared/roster-contract';

async function addLearners(ipc: Ipc, offeringRowId: string, n: number, overrides: (i: number) => Parameters<typeof learner>[0] = () => ({})): Promise<RosterView> {
  let roster: RosterView | undefined;
  for (let i = 0; i < n; i++) {
    roster = await ipc('learners:save', { offeringRowId, id: null, details: learner({ firstName: `Learner${i}`, email: `learner${i}@example.ca`, ...overrides(i) }) });
  }
  return roster!;
}

/** The state a bulk call could touch: every learner's result and attendance of the class. */
const stateOf = (roster: RosterView) => roster.learners.map((l) => ({ id: l.id, result: l.result, attendance: l.attendance }));

test('Mark all present: everyone not yet marked that day; marked absent stays absent; Undo takes back only what it marked', async (t) => {
  const { ipc, offering } = await taughtClass(t);
  let roster = await addLearners(ipc, offering.id, 4);
  const [a, b, c] = roster.learners;
  await ipc('roster:setAttendance', { id: a!.id, day: DAY_ONE, present: false });
  await ipc('roster:setAttendance', { id: b!.id, day: DAY_ONE, present: true });
  const result = await ipc('roster:markAllPresent', { offeringRowId: offering.id, day: DAY_ONE });
  assert.equal(result.changed.length, 2, 'the two not yet marked');
  assert.ok(!result.changed.includes(a!.id) && !result.changed.includes(b!.id));
  assert.equal(result.kept, 1, 'one left absent as marked');
  assert.equal(result.final, 0);
  assert.deepEqual(result.roster.learners.map((l) => l.attendance[DAY_ONE]), [false, true, true, true]);
  assert.deepEqual(result.roster.learners.map((l) => l.attendance[DAY_TWO]), [undefined, undefined, undefined, undefined], 'the other day untouched');

  // Staff unticks one of those it marked before pressing Undo: Undo takes back the rest, not that absence.
  await ipc('roster:setAttendance', { id: c!.id, day: DAY_ONE, present: false });
  roster = await ipc('roster:undoBulk', { offeringRowId: offering.id, day: DAY_ONE, ids: result.changed });
  assert.deepEqual(roster.learners.map((l) => l.attendance[DAY_ONE]), [false, true, false, undefined]);
  // Pressed again: nothing left to mark but the one not marked.
  const again = await ipc('roster:markAllPresent', { offeringRowId: offering.id, day: DAY_ONE });
  assert.equal(again.changed.length, 1);
  assert.equal(again.kept, 2);
});

test('All completed: everyone present every day with no result yet; Not completed and absent learners keep theirs; Undo', async (t) => {
  const { ipc, offering } = await taughtClass(t);
  const roster = await addLearners(ipc, offering.id, 4);
  const [a, b, c, d] = roster.learners.map((l) => l.id) as [string, string, string, string];
  for (const day of [DAY_ONE, DAY_TWO]) await ipc('roster:markAllPresent', { offeringRowId: offering.id, day });
  await ipc('roster:setAttendance', { id: c, day: DAY_TWO, present: false });
  await ipc('roster:setResult', { id: b, result: 'not-completed', score: 40 });
  await ipc('roster:setResult', { id: d, result: null, score: 91 });
  const result = await ipc('roster:markAllCompleted', { offeringRowId: offering.id });
  assert.deepEqual(result.changed.sort(), [a, d].sort());
  assert.equal(result.kept, 1, 'marked Not completed by staff');
  assert.equal(result.notPresent, 1, 'absent on day two');
  assert.deepEqual(result.roster.learners.map((l) => [l.result, l.completed]), [['completed', true], ['not-completed', false], [null, false], ['completed', true]]);
  assert.equal(result.roster.learners[3]!.score, 91, 'the score is kept');
  const undone = await ipc('roster:undoBulk', { offeringRowId: offering.id, day: null, ids: result.changed });
  assert.deepEqual(undone.learners.map((l) => l.result), [null, 'not-completed', null, null]);
  assert.equal(undone.learners[3]!.score, 91);
});

test('a reported learner is never changed by a bulk action or its Undo', async (t) => {
  const sandbox = await testSandbox(t);
  const { ipc, services, offering, classOver } = await taughtClass(t, { sandbox });
  const reported = await readyToReport(ipc, offering.id, classOver);
  await ipc('records:report', { offeringRowId: offering.id, ids: [reported] });
  await services.queue.drain();
  await ipc('learners:save', { offeringRowId: offering.id, id: null, details: learner({ firstName: 'Omar', email: 'omar@example.ca' }) });
  // The reported learner is unmarked on neither day; undo of their Completed and attendance is tried too.
  const before = (await ipc('roster:get', { offeringRowId: offering.id })).learners.find((l) => l.id === reported)!;
  assert.equal(before.record.state, 'reported');
  const present = await ipc('roster:markAllPresent', { offeringRowId: offering.id, day: DAY_ONE });
  assert.equal(present.final, 1);
  assert.equal(present.changed.length, 1);
  const completed = await ipc('roster:markAllCompleted', { offeringRowId: offering.id });
  assert.equal(completed.final, 1);
  await ipc('roster:undoBulk', { offeringRowId: offering.id, day: DAY_ONE, ids: [reported] });
  const after = await ipc('roster:undoBulk', { offeringRowId: offering.id, day: null, ids: [reported] });
  const same = after.learners.find((l) => l.id === reported)!;
  assert.deepEqual([same.result, same.attendance, same.record.state], [before.result, before.attendance, 'reported']);
});

test('bulk calls refused for what they are given change nothing', async (t) => {
  const { ipc, refused, offering, services } = await taughtClass(t);
  await addLearners(ipc, offering.id, 2);
  const online = await ipc('offerings:save', { id: null, draft: { ...validDraft(), kind: 'online', trainingStandardKey: 'JHSC-2014-1-E-O', classDays: [], courseDurationHours: 6.5 } });
  const before = stateOf(await ipc('roster:get', { offeringRowId: offering.id }));
  const refusals = [
    await refused('roster:markAllPresent', { offeringRowId: offering.id, day: futureDate('04-16') }),
    await refused('roster:markAllPresent', { offeringRowId: offering.id, day: '14/04/2027' }),
    await refused('roster:markAllPresent', { offeringRowId: 'no-such-offering', day: DAY_ONE }),
    await refused('roster:markAllPresent', { offeringRowId: online.id, day: DAY_ONE }),
    await refused('roster:markAllCompleted', { offeringRowId: 'no-such-offering' }),
    await refused('roster:markAllCompleted', { offeringRowId: offering.id, extra: true } as never),
    await refused('roster:undoBulk', { offeringRowId: offering.id, day: futureDate('04-16'), ids: before.map((l) => l.id) }),
    await refused('roster:undoBulk', { offeringRowId: offering.id, day: null, ids: [] }),
    await refused('roster:undoBulk', { offeringRowId: offering.id, day: null, ids: Array.from({ length: 1001 }, (_, i) => `id-${i}`) }),
    await refused('roster:count', { offeringRowId: online.id }),
  ];
  // Malformed requests are refused at the contract (bad-request); well-formed ones by the roster's rules.
  assert.deepEqual(refusals.map((e) => e.code), ['validation', 'bad-request', 'not-found', 'validation', 'not-found', 'bad-request', 'validation', 'bad-request', 'bad-request', 'validation']);
  assert.deepEqual(stateOf(await ipc('roster:get', { offeringRowId: offering.id })), before);
  // An Undo naming learners of another class changes nothing of theirs.
  const other = await ipc('offerings:save', { id: null, draft: validDraft({ courseName: 'Other class', classDays: [{ date: DAY_ONE, start: '08:30', end: '16:30' }] }) });
  await ipc('roster:markAllPresent', { offeringRowId: offering.id, day: DAY_ONE });
  const marked = stateOf(await ipc('roster:get', { offeringRowId: offering.id }));
  await ipc('roster:undoBulk', { offeringRowId: other.id, day: DAY_ONE, ids: marked.map((l) => l.id) });
  assert.deepEqual(stateOf(await ipc('roster:get', { offeringRowId: offering.id })), marked);
  assert.equal(services.learners.byOffering(offering.id).length, 2);
});

test('the learner count beside the seats: in the roster view and for the form', async (t) => {
  const { ipc, offering } = await taughtClass(t);
  assert.deepEqual(await ipc('roster:count', { offeringRowId: offering.id }), { learners: 0 });
  const roster = await addLearners(ipc, offering.id, 3);
  assert.deepEqual(await ipc('roster:count', { offeringRowId: offering.id }), { learners: 3 });
  assert.equal(roster.offering.seats, 12);
});

async function classOf(ipc: Ipc, overrides: Partial<OfferingDraft>) {
  return ipc('offerings:save', { id: null, draft: validDraft(overrides) });
}

test('WAH: each day’s ratio is its module’s: 24 per instructor in Basic Theory, 12 in the Practical module or a day of both', async (t) => {
  const { ipc } = await taughtClass(t);
  const wah = await classOf(ipc, {
    classDays: [
      { date: DAY_ONE, start: '08:30', end: '12:00', module: 'theory' },
      { date: DAY_TWO, start: '08:30', end: '12:00', module: 'practical' },
      { date: futureDate('04-16'), start: '08:30', end: '16:30' },
    ],
  });
  let roster = await addLearners(ipc, wah.id, 24);
  const dayOf = (r: RosterView, day: string) => r.days.find((d) => d.day === day)!;
  assert.deepEqual([dayOf(roster, DAY_ONE).module, dayOf(roster, DAY_ONE).ratioLimit, dayOf(roster, DAY_ONE).ratioWarning], ['theory', 24, false], '24 learners, Basic Theory');
  assert.deepEqual([dayOf(roster, DAY_TWO).module, dayOf(roster, DAY_TWO).ratioLimit, dayOf(roster, DAY_TWO).ratioWarning], ['practical', 12, true], '24 learners, Practical');
  assert.deepEqual([dayOf(roster, futureDate('04-16')).module, dayOf(roster, futureDate('04-16')).ratioLimit], [null, 12], 'a day of both takes the Practical limit');
  roster = await addLearners(ipc, wah.id, 1, () => ({ firstName: 'Extra', email: 'extra@example.ca' }));
  assert.equal(dayOf(roster, DAY_ONE).expected, 25);
  assert.equal(dayOf(roster, DAY_ONE).ratioWarning, true, '25 learners, Basic Theory');
  // A JHSC class has no ratio.
  const jhsc = await classOf(ipc, { trainingStandardKey: 'JHSC-2014-2-E-I', classDays: [{ date: DAY_ONE, start: '08:30', end: '15:00', module: 'theory' }] });
  const jr = await ipc('roster:get', { offeringRowId: jhsc.id });
  assert.deepEqual([jr.days[0]!.module, jr.days[0]!.ratioLimit, jr.days[0]!.ratioWarning], [null, null, false]);
});

test('JHSC: a roster of 5 or 26 learners is flagged, 6 and 25 are not; a WAH roster never is', async (t) => {
  const { ipc, offering } = await taughtClass(t);
  const jhsc = await classOf(ipc, { trainingStandardKey: 'JHSC-2014-1-E-I', classDays: ['04-14', '04-15', '04-16'].map((d) => ({ date: futureDate(d), start: '08:30', end: '15:00' })) });
  let roster = await addLearners(ipc, jhsc.id, 5);
  assert.deepEqual(roster.offering.classSize, { learners: 5, min: 6, max: 25, side: 'under' });
  roster = await addLearners(ipc, jhsc.id, 1, () => ({ firstName: 'Six', email: 'six@example.ca' }));
  assert.equal(roster.offering.classSize, null);
  roster = await addLearners(ipc, jhsc.id, 19, (i) => ({ firstName: `More${i}`, email: `more${i}@example.ca` }));
  assert.equal(roster.learners.length, 25);
  assert.equal(roster.offering.classSize, null);
  roster = await addLearners(ipc, jhsc.id, 1, () => ({ firstName: 'TwentySix', email: 'twentysix@example.ca' }));
  assert.deepEqual(roster.offering.classSize, { learners: 26, min: 6, max: 25, side: 'over' });
  assert.equal((await ipc('roster:get', { offeringRowId: offering.id })).offering.classSize, null, 'WAH');
});

test('a refresher learner’s previous training: flagged past three years, sealed like every detail, refused when not a date', async (t) => {
  const { ipc, refused, services } = await taughtClass(t);
  const last = futureDate('04-15');
  const refresher = await classOf(ipc, { trainingStandardKey: 'WAH-Refr-E-I', classDays: [{ date: futureDate('04-14'), start: '08:30', end: '12:00' }, { date: last, start: '08:30', end: '12:00' }] });
  const year = Number(last.slice(0, 4));
  const onLimit = `${year - 3}${last.slice(4)}`;
  const dayPast = `${year - 3}-04-14`;
  let roster = await ipc('learners:save', { offeringRowId: refresher.id, id: null, details: learner({ previousTrainingDate: onLimit }) });
  assert.equal(roster.offering.priorTraining, 'refresher');
  assert.equal(roster.learners[0]!.priorTraining, null, 'three years to the day before the last class day');
  roster = await ipc('learners:save', { offeringRowId: refresher.id, id: roster.learners[0]!.id, details: learner({ previousTrainingDate: dayPast }) });
  assert.deepEqual(roster.learners[0]!.priorTraining, { problem: 'lapsed', until: `${year}-04-14` });
  assert.equal(roster.learners[0]!.details.previousTrainingDate, dayPast);
  const bad = await refused('learners:save', { offeringRowId: refresher.id, id: roster.learners[0]!.id, details: learner({ previousTrainingDate: '14/04/2024' }) });
  assert.deepEqual(bad.fields?.map((f) => `${f.path}:${f.code}`), ['previousTrainingDate:learnerDate.invalid']);
  assert.deepEqual(filesContaining(services.dataDir, dayPast), [], 'the date is sealed, never in clear in the data folder');
  // A learner saved without the field (as before it existed) reads back with it empty.
  roster = await ipc('learners:save', { offeringRowId: refresher.id, id: null, details: { ...learner({ firstName: 'Omar', email: 'omar@example.ca' }), previousTrainingDate: undefined } as never });
  assert.equal(roster.learners[1]!.details.previousTrainingDate, '');
  assert.equal(roster.learners[1]!.priorTraining, null);
});

test('JHSC Part Two: the learner’s Part One more than six months before the class’s last day is flagged', async (t) => {
  const { ipc } = await taughtClass(t);
  const last = futureDate('04-15');
  const part2 = await classOf(ipc, { trainingStandardKey: 'JHSC-2014-2-E-I', classDays: [{ date: futureDate('04-14'), start: '08:30', end: '15:00' }, { date: last, start: '08:30', end: '15:00' }] });
  const year = Number(last.slice(0, 4));
  let roster = await ipc('learners:save', { offeringRowId: part2.id, id: null, details: learner({ previousTrainingDate: `${year - 1}-10-15` }) });
  assert.equal(roster.offering.priorTraining, 'partOne');
  assert.equal(roster.learners[0]!.priorTraining, null, 'six months to the day');
  roster = await ipc('learners:save', { offeringRowId: part2.id, id: roster.learners[0]!.id, details: learner({ previousTrainingDate: `${year - 1}-10-14` }) });
  assert.deepEqual(roster.learners[0]!.priorTraining, { problem: 'lapsed', until: `${year}-04-14` });
});
