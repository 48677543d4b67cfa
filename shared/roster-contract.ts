// The roster's part of the IPC contract: learners, attendance, staff, roster
// files and learning records. Spread into `contract` in ipc.ts.
import { z } from 'zod';
import { AppError } from './errors';
import { LearnerDetails, LearnerResult, RosterMapping, RECORD_STATES, ROSTER_COLUMNS, SCORE_RANGE } from './learner';
import { WAH_MODULES } from './program-rules';

const RowId = z.string().min(1).max(64);
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2027-03-10');
/** A roster file's bytes, base64: the window reads the file the user picked; the main process decodes and parses it. */
const FileBytes = z.string().min(1).max(Math.ceil((2 * 1024 * 1024 * 4) / 3) + 4);

export const Person = z.object({ id: z.string(), name: z.string() });
export type Person = z.infer<typeof Person>;

export const RosterLearner = z.object({
  id: z.string(),
  details: LearnerDetails,
  attendance: z.record(z.string(), z.boolean()),
  result: LearnerResult.nullable(),
  score: z.number().nullable(),
  /** Present every day and marked completed. */
  completed: z.boolean(),
  record: z.object({ state: z.enum(RECORD_STATES), reportedAt: z.string().nullable(), error: AppError.nullable() }),
  /** When a proof of completion was last made for them; null: never. */
  proofIssuedAt: z.string().nullable(),
  /** The earlier training given is outside this class's window (program-rules' priorTrainingWarning): a warning. */
  priorTraining: z.object({ problem: z.enum(['lapsed', 'afterClass']), until: z.string() }).nullable(),
});
export type RosterLearner = z.infer<typeof RosterLearner>;

export const DayStaff = z.object({
  day: z.string(),
  start: z.string(),
  end: z.string(),
  instructors: z.array(z.string()),
  evaluators: z.array(z.string()),
  /** Working at Heights: the module the form says the day teaches; null when both, or not said. */
  module: z.enum(WAH_MODULES).nullable(),
  /** Learners expected that day: everyone on the roster not marked absent. */
  expected: z.number().int(),
  /** The most learners per instructor the day's module allows (24 Basic Theory, 12 Practical), or null when the program sets none. */
  ratioLimit: z.number().int().nullable(),
  /** More learners expected than `ratioLimit` per instructor (a warning, never a block). */
  ratioWarning: z.boolean(),
});
export type DayStaff = z.infer<typeof DayStaff>;

export const RosterView = z.object({
  offering: z.object({
    id: z.string(),
    offeringId: z.string(),
    courseName: z.string(),
    standardKey: z.string().nullable(),
    listed: z.boolean(),
    /** The last class day's end time has passed (Ontario time). */
    over: z.boolean(),
    /** Seats remaining, as the list and the form show them. */
    seats: z.number().nullable(),
    /** What a learner's previous training date is for in this class: a refresher's earlier training, a Part Two's Part One; null when neither. */
    priorTraining: z.enum(['refresher', 'partOne']).nullable(),
    /** JHSC: fewer than 6 or more than 25 learners on the roster (a warning, never a block). */
    classSize: z.object({ learners: z.number().int(), min: z.number().int(), max: z.number().int(), side: z.enum(['under', 'over']) }).nullable(),
  }),
  learners: z.array(RosterLearner),
  days: z.array(DayStaff),
  people: z.array(Person),
});
export type RosterView = z.infer<typeof RosterView>;

export const RosterPreviewRow = z.object({
  /** The row number as a spreadsheet shows it (the header is row 1). */
  line: z.number().int(),
  name: z.string(),
  problems: z.array(z.object({ column: z.string(), code: z.string(), message: z.string(), limit: z.number().optional() })),
});

export const RosterPreview = z.object({
  encoding: z.enum(['utf-8', 'windows-1252']),
  delimiter: z.enum([',', ';']),
  headers: z.array(z.string()),
  /** The mapping used: the one given, else the one remembered for these headers, else guessed from their names. */
  mapping: RosterMapping,
  remembered: z.boolean(),
  sample: z.array(z.array(z.string())),
  rows: z.array(RosterPreviewRow),
  importable: z.number().int(),
});
export type RosterPreview = z.infer<typeof RosterPreview>;

export const RecordsPreview = z.object({
  standardKey: z.string().nullable(),
  /** The last class day, and the moment sent as the completion date (its end, in UTC). */
  completionDay: z.string().nullable(),
  completionDate: z.string().nullable(),
  instructorNames: z.string(),
  evaluatorNames: z.string(),
  /** What the ministry's record will carry for each learner and cannot be changed afterwards: shown to be checked. */
  learners: z.array(z.object({ id: z.string(), name: z.string(), email: z.string(), learnerId: z.string() })),
  /** Why nothing can be reported yet (class not over, not listed, no instructor or evaluator). */
  blockers: z.array(AppError),
});

/**
 * Whether a reported record can leave now: what stops the queue (no key, a key refused, an incomplete connection),
 * or offline (it goes when the connection is back). Shown before the user confirms, and in what the desk says after.
 */
export const SendState = z.object({ problem: AppError.nullable(), offline: z.boolean() });
export type SendState = z.infer<typeof SendState>;
const ReportPreview = RecordsPreview.extend({ sending: SendState });
export type ReportPreview = z.infer<typeof ReportPreview>;
export type RecordsPreview = z.infer<typeof RecordsPreview>;

const OfferingRow = z.object({ offeringRowId: RowId });

/**
 * What a bulk action did: the learners it changed (for Undo), and those it left as they were: `final` (reported, or on
 * the way: never changed), `kept` (marked absent that day; marked Not completed), `notPresent` (All completed: not
 * present every class day).
 */
const BulkResult = z.object({
  roster: RosterView,
  changed: z.array(z.string()),
  final: z.number().int(),
  kept: z.number().int(),
  notPresent: z.number().int(),
});
export type BulkResult = z.infer<typeof BulkResult>;

export const rosterContract = {
  'roster:get': { request: OfferingRow.strict(), response: RosterView },
  'learners:save': { request: z.object({ offeringRowId: RowId, id: RowId.nullable(), details: LearnerDetails }).strict(), response: RosterView },
  'roster:setAttendance': { request: z.object({ id: RowId, day: Day, present: z.boolean() }).strict(), response: RosterView },
  'roster:setResult': {
    request: z.object({ id: RowId, result: LearnerResult.nullable(), score: z.number().min(SCORE_RANGE.min).max(SCORE_RANGE.max).nullable() }).strict(),
    response: RosterView,
  },
  /** Present on this class day for every learner not yet marked (those marked absent stay absent; reported learners are not changed). */
  'roster:markAllPresent': { request: z.object({ offeringRowId: RowId, day: Day }).strict(), response: BulkResult },
  /** Completed for every learner present every class day and not yet given a result (reported learners are not changed). */
  'roster:markAllCompleted': { request: OfferingRow.strict(), response: BulkResult },
  /** Undo of a bulk action: those learners' attendance that day (`day`), or their Completed (`day` null), back to not marked. */
  'roster:undoBulk': { request: z.object({ offeringRowId: RowId, day: Day.nullable(), ids: z.array(RowId).min(1).max(1000) }).strict(), response: RosterView },
  /** How many learners are on a class's roster: for the form, beside the seats. */
  'roster:count': { request: OfferingRow.strict(), response: z.object({ learners: z.number().int() }) },
  'roster:setDayStaff': {
    request: z.object({ offeringRowId: RowId, day: Day, instructors: z.array(RowId).max(20), evaluators: z.array(RowId).max(20) }).strict(),
    response: RosterView,
  },
  'roster:preview': { request: z.object({ offeringRowId: RowId, file: FileBytes, mapping: RosterMapping.nullable() }).strict(), response: RosterPreview },
  'roster:import': {
    request: z.object({ offeringRowId: RowId, file: FileBytes, mapping: RosterMapping }).strict(),
    response: z.object({ imported: z.number().int(), skipped: z.number().int(), roster: RosterView }),
  },
  'people:list': { request: z.object({}).strict(), response: z.array(Person) },
  'people:save': { request: z.object({ id: RowId.nullable(), name: z.string().max(200) }).strict(), response: z.array(Person) },
  'people:archive': { request: z.object({ id: RowId }).strict(), response: z.array(Person) },
  'records:preview': { request: OfferingRow.strict(), response: ReportPreview },
  'records:report': { request: z.object({ offeringRowId: RowId, ids: z.array(RowId).min(1).max(1000) }).strict(), response: RosterView.extend({ sending: SendState }) },
  'records:retry': { request: z.object({ id: RowId }).strict(), response: RosterView },
  /** One learner's data as JSON text, for a request under privacy law. */
  'learners:export': { request: z.object({ id: RowId }).strict(), response: z.object({ fileName: z.string(), json: z.string() }) },
  /** Erases a learner who was not reported (a reported learner's record is the ministry's now). */
  'learners:erase': { request: z.object({ id: RowId }).strict(), response: RosterView },
} as const;

export const ROSTER_CHANNELS = Object.keys(rosterContract) as (keyof typeof rosterContract)[];
export { ROSTER_COLUMNS };
