// The program standards' rules at their limits: just inside, on, just outside.
// Each limit's source is in docs/program-rules.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { standardFor } from '../../shared/standards';
import type { StandardKey } from '../../shared/standards';
import type { ClassDay } from '../../shared/offering';
import {
  addMonths,
  classHoursShortfalls,
  classSizeWarning,
  hasWahModules,
  learnersPerInstructor,
  minimumClassHours,
  priorTrainingOf,
  priorTrainingWarning,
  ratioWarning,
} from '../../shared/program-rules';

const of = (key: StandardKey) => standardFor(key);
/** A class day of `minutes` from 08:00, on a date with no daylight-saving change. */
const day = (date: string, minutes: number, module?: ClassDay['module']): ClassDay => {
  const end = 8 * 60 + minutes;
  return { date, start: '08:00', end: `${String(Math.floor(end / 60)).padStart(2, '0')}:${String(end % 60).padStart(2, '0')}`, ...(module ? { module } : {}) };
};

test('WAH learners per instructor: 24 in Basic Theory, 12 in the Practical module, a day of both or not said takes 12', () => {
  const wah = of('WAH-E-I');
  assert.equal(learnersPerInstructor(wah, 'theory'), 24);
  assert.equal(learnersPerInstructor(wah, 'practical'), 12);
  assert.equal(learnersPerInstructor(wah, null), 12);
  assert.equal(learnersPerInstructor(of('WAH-Refr-F-I'), null), 12, 'a refresher is the Practical module');
  assert.equal(learnersPerInstructor(of('WAH-Refr-E-I'), 'theory'), 12, 'whatever a refresher day says');
  assert.equal(learnersPerInstructor(of('JHSC-2014-1-E-I'), null), null);

  // Basic Theory: 23 and 24 per instructor are fine, 25 is flagged; two instructors double it.
  assert.equal(ratioWarning(wah, 'theory', 23, 1), null);
  assert.equal(ratioWarning(wah, 'theory', 24, 1), null);
  assert.deepEqual(ratioWarning(wah, 'theory', 25, 1), { limit: 24, learners: 25, instructors: 1 });
  assert.equal(ratioWarning(wah, 'theory', 48, 2), null);
  assert.deepEqual(ratioWarning(wah, 'theory', 49, 2), { limit: 24, learners: 49, instructors: 2 });
  // Practical: 11, 12 fine; 13 flagged.
  assert.equal(ratioWarning(wah, 'practical', 11, 1), null);
  assert.equal(ratioWarning(wah, 'practical', 12, 1), null);
  assert.deepEqual(ratioWarning(wah, 'practical', 13, 1), { limit: 12, learners: 13, instructors: 1 });
  assert.deepEqual(ratioWarning(wah, null, 13, 1), { limit: 12, learners: 13, instructors: 1 });
  // No instructor ticked yet counts as one: the warning comes before the staff is recorded.
  assert.equal(ratioWarning(wah, 'practical', 12, 0), null);
  assert.deepEqual(ratioWarning(wah, 'practical', 13, 0), { limit: 12, learners: 13, instructors: 0 });
  assert.equal(ratioWarning(of('JHSC-2014-2-E-I'), null, 200, 1), null, 'JHSC sets class sizes, not a ratio');
});

test('only the WAH full course asks each class day its module', () => {
  assert.equal(hasWahModules(of('WAH-E-I')), true);
  assert.equal(hasWahModules(of('WAH-E-B')), true);
  assert.equal(hasWahModules(of('WAH-F-I')), true);
  assert.equal(hasWahModules(of('WAH-Refr-E-I')), false);
  assert.equal(hasWahModules(of('JHSC-2014-1-E-I')), false);
});

test('JHSC class size: 6 to 25 learners face to face; 5 and 26 are flagged, a virtual class and WAH are not', () => {
  const part1 = of('JHSC-2014-1-E-I');
  assert.deepEqual(classSizeWarning(part1, 5), { learners: 5, min: 6, max: 25, side: 'under' });
  assert.equal(classSizeWarning(part1, 6), null);
  assert.equal(classSizeWarning(part1, 7), null);
  assert.equal(classSizeWarning(part1, 24), null);
  assert.equal(classSizeWarning(part1, 25), null);
  assert.deepEqual(classSizeWarning(part1, 26), { learners: 26, min: 6, max: 25, side: 'over' });
  assert.deepEqual(classSizeWarning(part1, 0), { learners: 0, min: 6, max: 25, side: 'under' });
  for (const key of ['JHSC-2014-2-F-I', 'JHSC-2014-Refr-E-I', 'JHSC-2014-1-E-B'] as const) assert.equal(classSizeWarning(of(key), 5)?.side, 'under', key);
  assert.equal(classSizeWarning(of('JHSC-2014-1-E-V'), 5), null, 'the standard states the size for face-to-face learning');
  assert.equal(classSizeWarning(of('JHSC-1996-1-E-I'), 5), null);
  assert.equal(classSizeWarning(of('WAH-E-I'), 30), null);
});

test('each program’s minimum hours of class days', () => {
  const minimum = (key: StandardKey) => minimumClassHours(of(key));
  assert.equal(minimum('WAH-E-I'), 6.5);
  assert.equal(minimum('WAH-F-I'), 6.5);
  assert.equal(minimum('WAH-E-B'), 3.5, 'Basic Theory may be e-learning in a blended course');
  assert.equal(minimum('WAH-Refr-E-I'), 3.5);
  assert.equal(minimum('WAH-Refr-E-B'), 3.5);
  assert.equal(minimum('JHSC-2014-1-E-I'), 19.5);
  assert.equal(minimum('JHSC-2014-1-F-V'), 19.5, 'distance learning needs the same hours');
  assert.equal(minimum('JHSC-2014-1-E-B'), 13, 'up to 6.5 hours of Part One may be e-learning');
  assert.equal(minimum('JHSC-2014-2-E-I'), 13);
  assert.equal(minimum('JHSC-2014-Refr-E-V'), 6.5);
  assert.equal(minimum('JHSC-1996-1-E-I'), null);
  assert.equal(minimum('JHSC-2014-1-E-O'), null, 'an online course has no class days');
});

test('class days short of the program’s minimum, to the minute: 1 minute under is flagged, on the minimum is not', () => {
  const d1 = '2027-04-14';
  const d2 = '2027-04-15';
  const d3 = '2027-04-16';
  // JHSC Part One, 19.5 h: three days of 6 h 30; one minute less on the last day.
  const part1 = of('JHSC-2014-1-E-I');
  assert.deepEqual(classHoursShortfalls(part1, [day(d1, 390), day(d2, 390), day(d3, 390)]), []);
  assert.deepEqual(classHoursShortfalls(part1, [day(d1, 390), day(d2, 390), day(d3, 391)]), []);
  assert.deepEqual(classHoursShortfalls(part1, [day(d1, 390), day(d2, 390), day(d3, 389)]), [{ part: 'class', hours: 19.5 - 1 / 60, minimum: 19.5 }]);
  // Part Two 13 h, Refresher 6.5 h.
  assert.deepEqual(classHoursShortfalls(of('JHSC-2014-2-E-I'), [day(d1, 390), day(d2, 390)]), []);
  assert.equal(classHoursShortfalls(of('JHSC-2014-2-E-I'), [day(d1, 390), day(d2, 389)])[0]?.minimum, 13);
  assert.deepEqual(classHoursShortfalls(of('JHSC-2014-Refr-E-I'), [day(d1, 390)]), []);
  assert.equal(classHoursShortfalls(of('JHSC-2014-Refr-E-I'), [day(d1, 389)])[0]?.minimum, 6.5);
  // WAH refresher 3.5 h.
  assert.deepEqual(classHoursShortfalls(of('WAH-Refr-E-I'), [day(d1, 210)]), []);
  assert.deepEqual(classHoursShortfalls(of('WAH-Refr-E-I'), [day(d1, 209)]), [{ part: 'class', hours: 209 / 60, minimum: 3.5 }]);
  // Incomplete days are not counted, and no complete day is no warning yet.
  assert.deepEqual(classHoursShortfalls(part1, [{ date: '', start: '08:00', end: '09:00' }]), []);
  assert.deepEqual(classHoursShortfalls(of('JHSC-1996-1-E-I'), [day(d1, 60)]), [], 'no minimum followed');
});

test('WAH hours: 6.5 together, or each module its own (3 h Basic Theory, 3.5 h Practical) once every day says its module', () => {
  const wah = of('WAH-E-I');
  const d1 = '2027-04-14';
  const d2 = '2027-04-15';
  // One day of both modules: the total.
  assert.deepEqual(classHoursShortfalls(wah, [day(d1, 390)]), []);
  assert.deepEqual(classHoursShortfalls(wah, [day(d1, 389)]), [{ part: 'class', hours: 389 / 60, minimum: 6.5 }]);
  // Modules on their own days: 3 h + 3.5 h is enough; a minute short of either is that module's shortfall.
  assert.deepEqual(classHoursShortfalls(wah, [day(d1, 180, 'theory'), day(d2, 210, 'practical')]), []);
  assert.deepEqual(classHoursShortfalls(wah, [day(d1, 181, 'theory'), day(d2, 211, 'practical')]), []);
  assert.deepEqual(classHoursShortfalls(wah, [day(d1, 179, 'theory'), day(d2, 210, 'practical')]), [{ part: 'theory', hours: 179 / 60, minimum: 3 }]);
  assert.deepEqual(classHoursShortfalls(wah, [day(d1, 180, 'theory'), day(d2, 209, 'practical')]), [{ part: 'practical', hours: 209 / 60, minimum: 3.5 }]);
  // 7 h of theory and no practical day is 6.5 h together but no Practical module at all.
  assert.deepEqual(classHoursShortfalls(wah, [day(d1, 420, 'theory')]), [{ part: 'practical', hours: 0, minimum: 3.5 }]);
  // A day without its module said: the days together are held to 6.5 h.
  assert.deepEqual(classHoursShortfalls(wah, [day(d1, 180, 'theory'), day(d2, 210)]), []);
  assert.deepEqual(classHoursShortfalls(wah, [day(d1, 180, 'theory'), day(d2, 209)]), [{ part: 'class', hours: 389 / 60, minimum: 6.5 }]);
  // Blended: only the Practical days are held (Basic Theory may be e-learning).
  const blended = of('WAH-E-B');
  assert.deepEqual(classHoursShortfalls(blended, [day(d1, 210, 'practical')]), []);
  assert.deepEqual(classHoursShortfalls(blended, [day(d1, 60, 'theory'), day(d2, 210, 'practical')]), []);
  assert.deepEqual(classHoursShortfalls(blended, [day(d1, 209, 'practical')]), [{ part: 'practical', hours: 209 / 60, minimum: 3.5 }]);
  assert.deepEqual(classHoursShortfalls(blended, [day(d1, 209)]), [{ part: 'class', hours: 209 / 60, minimum: 3.5 }]);
});

test('months are added as calendar months; a day the month lacks becomes its last', () => {
  assert.equal(addMonths('2027-03-10', 6), '2027-09-10');
  assert.equal(addMonths('2027-08-31', 6), '2028-02-29');
  assert.equal(addMonths('2026-08-31', 6), '2027-02-28');
  assert.equal(addMonths('2024-02-29', 36), '2027-02-28');
  assert.equal(addMonths('2027-12-15', 1), '2028-01-15');
  assert.equal(addMonths('2027-07-31', 6), '2028-01-31');
});

test('refresher: the previous training within three years of the class’s last day; the anniversary is inside, the day after is not', () => {
  for (const key of ['WAH-Refr-E-I', 'WAH-Refr-F-I', 'JHSC-2014-Refr-E-V'] as const) {
    const p = of(key);
    assert.equal(priorTrainingOf(p), 'refresher', key);
    assert.equal(priorTrainingWarning(p, '2024-03-10', '2027-03-09'), null, `${key}: a day inside`);
    assert.equal(priorTrainingWarning(p, '2024-03-10', '2027-03-10'), null, `${key}: on the anniversary`);
    assert.deepEqual(priorTrainingWarning(p, '2024-03-10', '2027-03-11'), { kind: 'refresher', problem: 'lapsed', until: '2027-03-10' }, `${key}: a day past`);
  }
  // A date after the class is said so; the same day is not.
  assert.equal(priorTrainingWarning(of('WAH-Refr-E-I'), '2027-03-10', '2027-03-10'), null);
  assert.deepEqual(priorTrainingWarning(of('WAH-Refr-E-I'), '2027-03-11', '2027-03-10'), { kind: 'refresher', problem: 'afterClass', until: '2030-03-11' });
  // Empty or not a date: nothing to judge.
  assert.equal(priorTrainingWarning(of('WAH-Refr-E-I'), '', '2027-03-10'), null);
  assert.equal(priorTrainingWarning(of('WAH-Refr-E-I'), '2027-02-30', '2027-03-10'), null);
  // Classes that are not refreshers have no window.
  assert.equal(priorTrainingOf(of('WAH-E-I')), null);
  assert.equal(priorTrainingWarning(of('WAH-E-I'), '2000-01-01', '2027-03-10'), null);
  assert.equal(priorTrainingOf(of('JHSC-1996-2-E-I')), null);
});

test('JHSC Part Two: within six months of Part One; the same date six months on is inside, the day after is not', () => {
  const part2 = of('JHSC-2014-2-E-I');
  assert.equal(priorTrainingOf(part2), 'partOne');
  assert.equal(priorTrainingOf(of('JHSC-2014-2-F-V')), 'partOne');
  assert.equal(priorTrainingWarning(part2, '2027-03-10', '2027-09-09'), null);
  assert.equal(priorTrainingWarning(part2, '2027-03-10', '2027-09-10'), null);
  assert.deepEqual(priorTrainingWarning(part2, '2027-03-10', '2027-09-11'), { kind: 'partOne', problem: 'lapsed', until: '2027-09-10' });
  // The end of August: the end of February is the last day inside.
  assert.equal(priorTrainingWarning(part2, '2027-08-31', '2028-02-29'), null);
  assert.equal(priorTrainingWarning(part2, '2027-08-31', '2028-03-01')?.problem, 'lapsed');
  assert.equal(priorTrainingWarning(part2, '2027-09-12', '2027-09-11')?.problem, 'afterClass');
  assert.equal(priorTrainingOf(of('JHSC-2014-1-E-I')), null, 'Part One has no earlier training to check');
});
