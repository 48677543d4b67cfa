// The year's numbers through the IPC handler, against a real catalogue and
// roster (SQLite files, the keychain, the sandbox): a taught class counts in
// the year of its last day once that day is over, with its learners, result
// and staff, and never with a learner's detail; a refused request says why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { taughtClass, readyToReport, DAY_TWO } from '../support/roster';

test('a taught WAH class counts in its year once over: its learner, completion, unsent record and staff; no learner detail in the answer', async (t) => {
  const { ipc, refused, offering, clock, classOver } = await taughtClass(t);
  const year = Number(DAY_TWO.slice(0, 4));
  await readyToReport(ipc, offering.id, () => clock.set(`${DAY_TWO}T12:00:00.000Z`));
  const before = await ipc('reports:year', { year, program: 'WAH' });
  assert.equal(before.total.classes, 0, 'the class is not over yet (it ends at 12:00 Ontario, 16:00 UTC)');

  classOver();
  const numbers = await ipc('reports:year', { year, program: 'WAH' });
  assert.deepEqual(numbers.courses.find((c) => c.course === 'WAH')!.numbers, { classes: 1, learners: 1, completed: 1, reported: 0, refused: 0, notReported: 1, underMinimum: null });
  assert.deepEqual(numbers.staff, [{ name: 'Jordan Smith', instructorDays: 2, evaluatorDays: 2, classes: 1 }]);
  assert.equal(numbers.classesWithoutRoster, 0);
  assert.ok(!/Amélie|Tremblay|amelie/i.test(JSON.stringify(numbers)), 'counts and staff only');
  assert.equal((await ipc('reports:year', { year: year - 1, program: 'WAH' })).total.classes, 0, 'another year');
  assert.equal((await ipc('reports:year', { year, program: 'JHSC-2014' })).total.classes, 0, 'another program');

  assert.equal((await refused('reports:year', { year: 1999, program: 'WAH' })).code, 'bad-request');
  assert.equal((await refused('reports:year', { year, program: 'XYZ' as 'WAH' })).code, 'bad-request');
});
