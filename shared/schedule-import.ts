// The schedule import's part of the contract: how a file's columns map to an
// offering's fields, the questions the file leaves open, and the report of
// what each row will do — before anything is written.
import { z } from 'zod';
import { StandardKey } from './standards';
import { FieldError } from './errors';
import { SCHEDULE_FIELDS } from './schedule-columns';


const Column = z.number().int().min(0).max(500);
export const ScheduleMapping = z.object({
  fields: z.partialRecord(z.enum(SCHEDULE_FIELDS), Column),
  /** One date column per class day of a row; rows sharing an offering ID add their days too. */
  dates: z.array(Column).max(60),
});
export type ScheduleMapping = z.infer<typeof ScheduleMapping>;

export const DateOrder = z.enum(['dmy', 'mdy']);
export type DateOrder = z.infer<typeof DateOrder>;

export const ImportChoices = z.object({
  sheet: z.string().max(200).nullable().default(null),
  mapping: ScheduleMapping.nullable().default(null),
  /** How to read dates such as 05/04/2027 that fit both orders; null: as the file's other rows prove, else asked. */
  dateOrder: DateOrder.nullable().default(null),
  /** A label that fits several standards, settled by the user once for all its rows. */
  standards: z.record(z.string().max(300), StandardKey).default({}),
  /** "Already listed on the Marketplace" for the whole file (a listed column says it row by row). */
  adoptAll: z.boolean().default(false),
  /**
   * Rows without a known offering ID that look like an offering already in the catalogue (same standard, first day
   * and city): left out, or imported as new offerings; null: asked (such rows are refused until answered).
   */
  similar: z.enum(['skip', 'create']).nullable().default(null),
});
export type ImportChoices = z.input<typeof ImportChoices>;

export const CellProblem = z.object({ column: z.string(), code: z.string(), message: z.string() });

export const ImportRow = z.object({
  /** The row as the spreadsheet numbers it (the header is row 1). */
  line: z.number().int(),
  action: z.enum(['create', 'update', 'skip', 'refused']),
  offeringId: z.string(),
  courseName: z.string(),
  /** Why it is refused, at the cell. */
  problems: z.array(CellProblem),
  /** Imported, but not publishable yet: shown, never blocking. */
  incomplete: z.array(FieldError),
  adopted: z.boolean(),
  /** Like an offering already in the catalogue: same standard, first day and city, and no offering ID it knows. */
  similar: z.boolean(),
  /** A refused row's cells as read, so it can be saved to a CSV, fixed and imported again. */
  cells: z.array(z.string()),
});
export type ImportRow = z.infer<typeof ImportRow>;

export const ImportPreview = z.object({
  kind: z.enum(['csv', 'xlsx']),
  sheets: z.array(z.string()),
  sheet: z.string().nullable(),
  headers: z.array(z.string()),
  mapping: ScheduleMapping,
  remembered: z.boolean(),
  sample: z.array(z.array(z.string())),
  questions: z.object({
    /** Dates that fit both orders are present and nothing in the file proves one; `suggested` is what other rows prove. */
    dateOrder: z.object({ needed: z.boolean(), suggested: DateOrder.nullable() }),
    standards: z.array(z.object({ label: z.string(), options: z.array(StandardKey) })),
    /** How many of the file's offerings look like one already in the catalogue; `needed` while unanswered. */
    similar: z.object({ needed: z.boolean(), count: z.number().int() }),
  }),
  rows: z.array(ImportRow),
  offerings: z.object({ create: z.number().int(), update: z.number().int() }),
});
export type ImportPreview = z.infer<typeof ImportPreview>;
