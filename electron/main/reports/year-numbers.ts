// The year's numbers of one program, counted from what the stores read: pure,
// so every rule of what counts is tested without a catalogue. The rules are
// stated in docs/program-rules.md ("The year's numbers").
import { classSizeWarning, setsClassSize } from '../../../shared/program-rules';
import type { CourseNumbers, StaffNumbers, YearNumbers } from '../../../shared/reports-contract';
import { isStandardKey, standardFor, TRAINING_STANDARDS, type StandardDelivery } from '../../../shared/standard-list';
import type { Program } from '../../../shared/standards';
import type { EndedClass } from '../catalogue/offerings-store';
import type { RosterCounts } from '../roster/learners-store';
import type { DayStaffRow } from '../roster/staff-store';

/** The courses of a program in the Marketplace's order, each shown even when none was held. */
export function coursesOf(program: Program): string[] {
  return [...new Set(TRAINING_STANDARDS.filter((s) => s.program === program).map((s) => s.course))];
}

const NO_COUNTS = { learners: 0, completed: 0, reported: 0, refused: 0, not_reported: 0 };

/**
 * Which ended classes were held: those on whose roster someone is, and those
 * complete enough to publish. An incomplete draft with nobody on its roster
 * was never a class (a copy started and left, say), so it is not counted.
 */
export function heldClasses(classes: readonly EndedClass[], counts: ReadonlyMap<string, RosterCounts>): EndedClass[] {
  return classes.filter((c) => c.problem_count === 0 || (counts.get(c.id)?.learners ?? 0) > 0);
}

function courseNumbers(course: string, classes: readonly EndedClass[], counts: ReadonlyMap<string, RosterCounts>): CourseNumbers {
  const sized = TRAINING_STANDARDS.some((s) => s.course === course && setsClassSize(s));
  const n: CourseNumbers = { classes: 0, learners: 0, completed: 0, reported: 0, refused: 0, notReported: 0, underMinimum: sized ? 0 : null };
  for (const c of classes) {
    const r = counts.get(c.id) ?? { offering_row: c.id, ...NO_COUNTS };
    n.classes += 1;
    n.learners += r.learners;
    n.completed += r.completed;
    n.reported += r.reported;
    n.refused += r.refused;
    n.notReported += r.not_reported;
    const delivery = (c.delivery ?? 'in-person') as StandardDelivery;
    if (n.underMinimum !== null && classSizeWarning({ course, delivery }, r.learners)?.side === 'under') n.underMinimum += 1;
  }
  return n;
}

function sumNumbers(all: readonly CourseNumbers[]): CourseNumbers {
  const sized = all.filter((n) => n.underMinimum !== null);
  const add = (k: Exclude<keyof CourseNumbers, 'underMinimum'>) => all.reduce((t, n) => t + n[k], 0);
  return {
    classes: add('classes'),
    learners: add('learners'),
    completed: add('completed'),
    reported: add('reported'),
    refused: add('refused'),
    notReported: add('notReported'),
    underMinimum: sized.length === 0 ? null : sized.reduce((t, n) => t + (n.underMinimum ?? 0), 0),
  };
}

/** Everyone who taught or evaluated a day of the classes counted, by name; a day counts once per role however it was entered. */
export function staffNumbers(staff: readonly DayStaffRow[], counted: ReadonlySet<string>): StaffNumbers[] {
  const people = new Map<string, { name: string; instructor: Set<string>; evaluator: Set<string>; classes: Set<string> }>();
  for (const s of staff) {
    if (!counted.has(s.offering_row)) continue;
    const p = people.get(s.person_id) ?? { name: s.name, instructor: new Set(), evaluator: new Set(), classes: new Set() };
    p[s.role].add(`${s.offering_row} ${s.day}`);
    p.classes.add(s.offering_row);
    people.set(s.person_id, p);
  }
  return [...people.values()]
    .map((p) => ({ name: p.name, instructorDays: p.instructor.size, evaluatorDays: p.evaluator.size, classes: p.classes.size }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
}

export function yearNumbers(
  year: number,
  program: Program,
  ended: readonly EndedClass[],
  rosters: readonly RosterCounts[],
  staff: readonly DayStaffRow[],
): YearNumbers {
  const counts = new Map(rosters.map((r) => [r.offering_row, r]));
  const courseOf = (c: EndedClass) => (c.standard_key !== null && isStandardKey(c.standard_key) ? standardFor(c.standard_key).course : null);
  // A class with no standard belongs to no course of the program, so to none of its numbers.
  const held = heldClasses(ended, counts).filter((c) => courseOf(c) !== null);
  const courses = coursesOf(program).map((course) => ({ course, numbers: courseNumbers(course, held.filter((c) => courseOf(c) === course), counts) }));
  return {
    year,
    program,
    courses,
    total: sumNumbers(courses.map((c) => c.numbers)),
    staff: staffNumbers(staff, new Set(held.map((c) => c.id))),
    classesWithoutRoster: held.filter((c) => (counts.get(c.id)?.learners ?? 0) === 0).length,
  };
}
