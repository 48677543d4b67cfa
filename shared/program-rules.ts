// The program standards' rules staff work by: learners per instructor for each
// Working at Heights module, JHSC class sizes, each program's minimum hours,
// and the windows of refresher training and of JHSC Part Two after Part One.
// Every rule is a warning, never a block (the ministry's API refuses none of
// these); each limit's source is in docs/program-rules.md. Plain values and
// functions only (no zod): the window runs them as the main process does.
import type { ClassDay } from './offering';
import type { DeliveryMethod } from './standards';
import { hoursBetween, isDate, isTime } from './time';

/** What a program's rules need of its standard: its course (`WAH`, `WAH-Refr`, `JHSC-2014-1`…) and how it is taught. */
export interface ProgramOf {
  course: string;
  delivery: DeliveryMethod | 'online';
}

/** The two modules of the Working at Heights program (WAH Program Standard s. 9.1 and 9.2). */
export const WAH_MODULES = ['theory', 'practical'] as const;
export type WahModule = (typeof WAH_MODULES)[number];

/** WAH Program Standard s. 6.1: at most this many learners per instructor, face to face. */
export const WAH_LEARNERS_PER_INSTRUCTOR = { theory: 24, practical: 12 } as const satisfies Record<WahModule, number>;

/** WAH Program Standard s. 6.1: the minimum hours of each module. */
export const WAH_MODULE_HOURS = { theory: 3, practical: 3.5 } as const satisfies Record<WahModule, number>;

/** JHSC Certification Training Program Standard s. 6.1: the minimum hours of each program. */
export const JHSC_HOURS = { 'JHSC-2014-1': 19.5, 'JHSC-2014-2': 13, 'JHSC-2014-Refr': 6.5 } as const;

/** JHSC Provider Application Guidelines, section B: at most this much of Part One may be e-learning. */
export const JHSC_PART_ONE_ELEARNING_HOURS = 6.5;

/** JHSC Certification Training Program Standard s. 6.1: learners per class, face to face. */
export const JHSC_CLASS_SIZE = { min: 6, max: 25 } as const;

/** WAH Program Standard s. 11.1 and the JHSC training requirements: training is valid, and refreshed, every three years. */
export const REFRESHER_WINDOW_YEARS = 3;

/** JHSC training requirements: Part Two within six months of Part One (one extension of up to six months may be granted). */
export const PART_TWO_WINDOW_MONTHS = 6;

const isWahFullCourse = (p: ProgramOf) => p.course === 'WAH';
const isJhsc2014 = (p: ProgramOf) => p.course.startsWith('JHSC-2014-') && p.delivery !== 'online';
const faceToFace = (p: ProgramOf) => p.delivery === 'in-person' || p.delivery === 'blended';

/** Whether each class day says which WAH module it teaches: the full course only (a refresher is the Practical module, s. 11.2). */
export function hasWahModules(program: ProgramOf): boolean {
  return isWahFullCourse(program);
}

/**
 * The most learners one instructor may have on a day of this program, or null
 * when its standard sets none. A WAH day whose module is not said (both
 * modules that day, or not chosen yet) takes the Practical module's limit: the
 * stricter, which applies to its practical part anyway.
 */
export function learnersPerInstructor(program: ProgramOf, module: WahModule | null): number | null {
  if (program.course === 'WAH-Refr') return WAH_LEARNERS_PER_INSTRUCTOR.practical;
  if (!isWahFullCourse(program)) return null;
  return WAH_LEARNERS_PER_INSTRUCTOR[module ?? 'practical'];
}

/** More learners expected on a day than its instructors may have (no instructor yet counts as one). */
export function ratioWarning(program: ProgramOf, module: WahModule | null, learners: number, instructors: number): { limit: number; learners: number; instructors: number } | null {
  const limit = learnersPerInstructor(program, module);
  if (limit === null || learners <= limit * Math.max(1, instructors)) return null;
  return { limit, learners, instructors };
}

/** Whether the standard sets this class a size: JHSC (2014) taught face to face. */
export function setsClassSize(program: ProgramOf): boolean {
  return isJhsc2014(program) && faceToFace(program);
}

/**
 * A JHSC class of fewer than 6 or more than 25 learners. The standard states
 * the size for face-to-face learning (in person, and the classroom part of
 * blended); a virtual class is not flagged.
 */
export function classSizeWarning(program: ProgramOf, learners: number): { learners: number; min: number; max: number; side: 'under' | 'over' } | null {
  if (!setsClassSize(program)) return null;
  if (learners >= JHSC_CLASS_SIZE.min && learners <= JHSC_CLASS_SIZE.max) return null;
  return { learners, ...JHSC_CLASS_SIZE, side: learners < JHSC_CLASS_SIZE.min ? 'under' : 'over' };
}

/**
 * The fewest hours of class days this program needs, or null when no standard
 * we follow sets one (JHSC 1996, online courses). Blended courses count what
 * may be e-learning out: the WAH Basic Theory module (s. 6.2), up to 6.5 hours
 * of JHSC Part One.
 */
export function minimumClassHours(program: ProgramOf): number | null {
  const { course, delivery } = program;
  if (delivery === 'online') return null;
  if (course === 'WAH') return delivery === 'blended' ? WAH_MODULE_HOURS.practical : WAH_MODULE_HOURS.theory + WAH_MODULE_HOURS.practical;
  if (course === 'WAH-Refr') return WAH_MODULE_HOURS.practical;
  if (course === 'JHSC-2014-1') return delivery === 'blended' ? JHSC_HOURS[course] - JHSC_PART_ONE_ELEARNING_HOURS : JHSC_HOURS[course];
  if (course === 'JHSC-2014-2' || course === 'JHSC-2014-Refr') return JHSC_HOURS[course];
  return null;
}

export interface HoursShortfall {
  /** The class days as a whole, or the days of one WAH module. */
  part: 'class' | WahModule;
  hours: number;
  minimum: number;
}

const completeDay = (d: ClassDay) => isDate(d.date) && isTime(d.start) && isTime(d.end) && hoursBetween(d.date, d.start, d.end) > 0;
const sum = (days: readonly ClassDay[]) => days.reduce((total, d) => total + hoursBetween(d.date, d.start, d.end), 0);
/** Hours are compared to the minute: 3 h 29 min is short of 3.5 h, 3 h 30 is not. */
const short = (hours: number, minimum: number) => Math.round(hours * 60) < Math.round(minimum * 60);

/**
 * Where the complete class days fall short of the program's minimum hours.
 * When every WAH day says its module, each module is held to its own minimum
 * (Basic Theory 3 h, Practical 3.5 h; in a blended course Basic Theory may be
 * e-learning, so only the Practical days are); otherwise the days together are
 * held to the program's minimum.
 */
export function classHoursShortfalls(program: ProgramOf, classDays: readonly ClassDay[]): HoursShortfall[] {
  const minimum = minimumClassHours(program);
  const days = classDays.filter(completeDay);
  if (minimum === null || days.length === 0) return [];
  if (hasWahModules(program) && days.every((d) => d.module !== undefined)) {
    const modules: WahModule[] = program.delivery === 'blended' ? ['practical'] : ['theory', 'practical'];
    return modules
      .map((part) => ({ part, hours: sum(days.filter((d) => d.module === part)), minimum: WAH_MODULE_HOURS[part] }))
      .filter((s) => short(s.hours, s.minimum));
  }
  const hours = sum(days);
  return short(hours, minimum) ? [{ part: 'class', hours, minimum }] : [];
}

/** What a learner's earlier training is for this class: the training a refresher renews, or the Part One a Part Two follows. */
export type PriorTraining = 'refresher' | 'partOne';

export function priorTrainingOf(program: ProgramOf): PriorTraining | null {
  if (program.course === 'WAH-Refr' || program.course === 'JHSC-2014-Refr') return 'refresher';
  if (program.course === 'JHSC-2014-2') return 'partOne';
  return null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A calendar date `months` later; a day the month does not have becomes its last (31 August + 6 months is 28 or 29 February). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(Math.min(d, last))}`;
}

export interface PriorTrainingWarning {
  kind: PriorTraining;
  /** `lapsed`: the class is past the window; `afterClass`: the date given is after the class. */
  problem: 'lapsed' | 'afterClass';
  /** The last day the class could have been held within the window. */
  until: string;
}

/**
 * Whether a learner's earlier training (`prior`, a date) is outside this
 * class's window. The class is judged on `completion`, its last day. The window
 * includes its last day: training completed on 10 March 2024 may be refreshed
 * up to 10 March 2027, and a Part One of 10 March 2027 is followed in time by a
 * Part Two ending 10 September 2027.
 */
export function priorTrainingWarning(program: ProgramOf, prior: string, completion: string): PriorTrainingWarning | null {
  const kind = priorTrainingOf(program);
  if (kind === null || !isDate(prior) || !isDate(completion)) return null;
  const until = addMonths(prior, kind === 'refresher' ? 12 * REFRESHER_WINDOW_YEARS : PART_TWO_WINDOW_MONTHS);
  if (prior > completion) return { kind, problem: 'afterClass', until };
  return completion > until ? { kind, problem: 'lapsed', until } : null;
}
