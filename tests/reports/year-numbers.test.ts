// What the year's numbers count (docs/program-rules.md, "The year's numbers"),
// rule by rule at its limits, without a catalogue: held or not, the course a
// class belongs to, JHSC classes under 6 learners, and who taught what.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coursesOf, heldClasses, staffNumbers, yearNumbers } from '../../electron/main/reports/year-numbers';
import type { EndedClass } from '../../electron/main/catalogue/offerings-store';
import type { RosterCounts } from '../../electron/main/roster/learners-store';

const ended = (id: string, standard_key: string | null, problem_count = 0, delivery: string | null = 'in-person'): EndedClass => ({ id, standard_key, delivery, problem_count });
const roster = (offering_row: string, learners: number, more: Partial<RosterCounts> = {}): RosterCounts => ({ offering_row, learners, completed: 0, reported: 0, refused: 0, not_reported: 0, ...more });

test('every course of the program is shown in the Marketplace’s order, held or not', () => {
  assert.deepEqual(coursesOf('WAH'), ['WAH', 'WAH-Refr']);
  assert.deepEqual(coursesOf('JHSC-2014'), ['JHSC-2014-1', 'JHSC-2014-2', 'JHSC-2014-Refr']);
  assert.deepEqual(coursesOf('JHSC-1996'), ['JHSC-1996-1', 'JHSC-1996-2']);
});

test('a class is held when it is complete, or when someone is on its roster; an incomplete draft with nobody is not', () => {
  const counts = new Map([['b', roster('b', 1)], ['c', roster('c', 0)]]);
  const held = heldClasses([ended('a', 'WAH-E-I', 0), ended('b', 'WAH-E-I', 3), ended('c', 'WAH-E-I', 1), ended('d', 'WAH-E-I', 1)], counts);
  assert.deepEqual(held.map((c) => c.id), ['a', 'b']);
});

test('JHSC classes under 6 learners: 5 is under, 6 is not; a virtual class is never counted; WAH has no class size', () => {
  const numbers = yearNumbers(2027, 'JHSC-2014', [ended('five', 'JHSC-2014-1-E-I'), ended('six', 'JHSC-2014-1-E-I'), ended('blended', 'JHSC-2014-1-E-B', 0, 'blended'), ended('virtual', 'JHSC-2014-1-E-V', 0, 'virtual'), ended('refr', 'JHSC-2014-Refr-E-I')], [roster('five', 5), roster('six', 6), roster('blended', 2), roster('virtual', 3), roster('refr', 26)], []);
  const partOne = numbers.courses.find((c) => c.course === 'JHSC-2014-1')!.numbers;
  assert.equal(partOne.classes, 4);
  assert.equal(partOne.underMinimum, 2, 'the class of 5 and the blended class of 2');
  assert.equal(numbers.courses.find((c) => c.course === 'JHSC-2014-Refr')!.numbers.underMinimum, 0, 'over 25 is not under');
  assert.equal(numbers.courses.find((c) => c.course === 'JHSC-2014-2')!.numbers.underMinimum, 0, 'a course with no class held still has the rule');
  assert.equal(numbers.total.underMinimum, 2);
  assert.equal(numbers.total.learners, 5 + 6 + 2 + 3 + 26);

  const wah = yearNumbers(2027, 'WAH', [ended('w', 'WAH-E-I')], [roster('w', 2)], []);
  assert.equal(wah.total.underMinimum, null);
  assert.ok(wah.courses.every((c) => c.numbers.underMinimum === null));
});

test('learners, completions and records add up per course and in the total; a class with nobody on its roster is said', () => {
  const numbers = yearNumbers(2027, 'WAH', [ended('full', 'WAH-E-I'), ended('refr', 'WAH-Refr-F-I'), ended('empty', 'WAH-F-I'), ended('nokey', null)], [
    roster('full', 10, { completed: 8, reported: 6, refused: 1, not_reported: 3 }),
    roster('refr', 4, { completed: 4, reported: 4 }),
  ], []);
  assert.deepEqual(numbers.courses.find((c) => c.course === 'WAH')!.numbers, { classes: 2, learners: 10, completed: 8, reported: 6, refused: 1, notReported: 3, underMinimum: null });
  assert.deepEqual(numbers.total, { classes: 3, learners: 14, completed: 12, reported: 10, refused: 1, notReported: 3, underMinimum: null }, 'a class with no standard belongs to no course');
  assert.equal(numbers.classesWithoutRoster, 1);
});

test('staff: days per role counted once each, classes counted once, only the classes counted, sorted by name whatever the accents', () => {
  const staff = staffNumbers(
    [
      { offering_row: 'a', day: '2027-04-14', role: 'instructor', person_id: 'p1', name: 'Zoé Roy' },
      { offering_row: 'a', day: '2027-04-15', role: 'instructor', person_id: 'p1', name: 'Zoé Roy' },
      { offering_row: 'a', day: '2027-04-15', role: 'evaluator', person_id: 'p1', name: 'Zoé Roy' },
      { offering_row: 'b', day: '2027-05-01', role: 'evaluator', person_id: 'p2', name: 'Émile Gagnon' },
      { offering_row: 'gone', day: '2027-05-01', role: 'instructor', person_id: 'p3', name: 'Not counted' },
    ],
    new Set(['a', 'b']),
  );
  assert.deepEqual(staff, [
    { name: 'Émile Gagnon', instructorDays: 0, evaluatorDays: 1, classes: 1 },
    { name: 'Zoé Roy', instructorDays: 2, evaluatorDays: 1, classes: 1 },
  ]);
});
