// Settings → Reports' part of the IPC contract: the year's numbers of one
// program, counted by the main process from the catalogue and the rosters.
// Counts and staff names only: no learner's detail ever leaves main for it.
// What counts is stated in docs/program-rules.md ("The year's numbers").
import { z } from 'zod';
import { REPORT_YEARS } from './app-rules';
import { Program } from './standards';


const Count = z.number().int().min(0);

/** One course's numbers (`WAH`, `WAH-Refr`, `JHSC-2014-1`…), or the program's total. */
export const CourseNumbers = z.object({
  classes: Count,
  learners: Count,
  completed: Count,
  /** Learning records the ministry accepted, refused, and those not sent yet (waiting, or marked but never reported). */
  reported: Count,
  refused: Count,
  notReported: Count,
  /** JHSC classes held in person or blended with fewer than 6 learners on the roster; null where the program sets no class size. */
  underMinimum: Count.nullable(),
});
export type CourseNumbers = z.infer<typeof CourseNumbers>;

/** Someone who taught or evaluated class days of the program that year, with how many of each. */
export const StaffNumbers = z.object({ name: z.string(), instructorDays: Count, evaluatorDays: Count, classes: Count });
export type StaffNumbers = z.infer<typeof StaffNumbers>;

export const YearNumbers = z.object({
  year: z.number().int(),
  program: Program,
  courses: z.array(z.object({ course: z.string(), numbers: CourseNumbers })),
  total: CourseNumbers,
  staff: z.array(StaffNumbers),
  /** Classes counted that have no learner on their roster (taught, but their learners kept elsewhere). */
  classesWithoutRoster: Count,
});
export type YearNumbers = z.infer<typeof YearNumbers>;

export const YearRequest = z
  .object({
    year: z.number({ error: 'Choose a year.' }).int('Choose a year.').min(REPORT_YEARS.min, `Choose a year from ${REPORT_YEARS.min} on.`).max(REPORT_YEARS.max, `Choose a year up to ${REPORT_YEARS.max}.`),
    program: Program,
  })
  .strict();

export const reportsContract = {
  /** The year's numbers of one program: classes whose last day fell in that year (Ontario time) and has passed. */
  'reports:year': { request: YearRequest, response: YearNumbers },
} as const;
