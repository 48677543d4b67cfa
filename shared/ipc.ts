// The one IPC contract: every channel with its request and response schema.
// Main validates every request against it; the preload and the renderer are
// typed from it.
import { LANGUAGES, PUBLISH_CONCURRENCY, RETENTION_YEARS, SCHEDULE_FILE_MAX_BYTES, TEMPLATE_NAME_MAX } from './app-rules';
import { rosterContract } from './roster-contract';
import { proofContract } from './proof-contract';
import { teamContract, TeamSyncView } from './team';
import { reportsContract } from './reports-contract';
import { CourseTemplate, TemplateBody } from './template';
import { ImportChoices, ImportPreview } from './schedule-import';
import { z } from 'zod';
import { AppError, type Result } from './errors';
import { OfferingDraft, AddressDraft, MAX_EVERY_WEEKS } from './offering';
import { CHANNELS, type Channel } from './channels';
import { ConnectionKind } from './connection';
import { StandardKey, Program } from './standards';
import { OfferingKind } from './offering';
import { OFFERING_STATUSES, LIST_SORTS } from './list-values';

export { CHANNELS, type Channel };

export const OfferingStatus = z.enum(OFFERING_STATUSES);
export type OfferingStatus = z.infer<typeof OfferingStatus>;

export const OfferingRecord = z.object({
  id: z.string(),
  draft: OfferingDraft,
  status: OfferingStatus,
  /** Listed on the Marketplace at least once: the offering id is then locked. */
  listed: z.boolean(),
  pendingAction: z.enum(['publish', 'delete']).nullable(),
  error: AppError.nullable(),
  updatedAt: z.string(),
  /** Every class day has ended. */
  past: z.boolean(),
  /** In the Trash since then; null when not deleted. */
  trashedAt: z.string().nullable(),
  /** The connection that listed it: only that connection can change or remove the listing. */
  listedVia: ConnectionKind.nullable(),
});
export type OfferingRecord = z.infer<typeof OfferingRecord>;

/** What the list asks for: filters, a sort, and a page (a keyset cursor to read on, or an offset to jump to). */
export const ListSort = z.enum(LIST_SORTS);
export type ListSort = z.infer<typeof ListSort>;
export const ListQuery = z
  .object({
    search: z.string().max(200).default(''),
    kind: z.enum(['all', ...OfferingKind.options]).default('all'),
    status: z.enum(['all', ...OfferingStatus.options]).default('all'),
    program: z.enum(['all', ...Program.options]).default('all'),
    language: z.enum(['all', ...LANGUAGES]).default('all'),
    when: z.enum(['all', 'upcoming', 'past']).default('all'),
    sort: ListSort.default('firstDate'),
    direction: z.enum(['asc', 'desc']).default('asc'),
    cursor: z.string().max(600).nullable().default(null),
    offset: z.number().int().min(0).max(10_000_000).default(0),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict();
export type ListQuery = z.input<typeof ListQuery>;

/** One row of the list: only what a row shows, read from columns, never from a parsed draft. */
export const ListRow = z.object({
  id: z.string(),
  offeringId: z.string(),
  courseName: z.string(),
  kind: OfferingKind,
  standardKey: z.string().nullable(),
  city: z.string(),
  firstDate: z.string().nullable(),
  seats: z.number().nullable(),
  durationHours: z.number().nullable(),
  status: OfferingStatus,
  past: z.boolean(),
  listed: z.boolean(),
  listedVia: ConnectionKind.nullable(),
  pendingAction: z.enum(['publish', 'delete']).nullable(),
  /** Learners on the class's roster, shown beside its seats (#27 item 4). */
  learners: z.number().int().min(0),
});
export type ListRow = z.infer<typeof ListRow>;

/** `total` is counted up to 10,000; `more` says there are more matches than that. */
export const ListPage = z.object({ rows: z.array(ListRow), total: z.number().int().min(0), more: z.boolean(), nextCursor: z.string().nullable() });
export type ListPage = z.infer<typeof ListPage>;
/** A list row as the catalogue reads it: the roster's count is the roster's owner's to add. */
export type CatalogueRow = Omit<ListRow, 'learners'>;
export type CataloguePage = Omit<ListPage, 'rows'> & { rows: CatalogueRow[] };

/** One class day on the calendar; `onDay` counts every class that date, shown or not (a day shows CALENDAR_DAY_CAP). */
export const CalendarDay = z.object({ id: z.string(), courseName: z.string(), standardKey: z.string().nullable(), status: OfferingStatus, day: z.number().int(), date: z.string(), start: z.string(), end: z.string(), onDay: z.number().int() });
export type CalendarDay = z.infer<typeof CalendarDay>;

export const SettingsView = z.object({
  marketplaceUrl: z.string(),
  usingSandbox: z.boolean(),
  keySet: z.boolean(),
  keyLast4: z.string().nullable(),
  keyProblem: AppError.nullable(),
  publishConcurrency: z.number().int().min(PUBLISH_CONCURRENCY.min).max(PUBLISH_CONCURRENCY.max),
  /** Fixed when the app was built (read-only); '' when updates are off. */
  updateFeedUrl: z.string(),
  /** The language chosen in Settings; null follows the system's. */
  language: z.enum(LANGUAGES).nullable(),
  connection: ConnectionKind,
  gatewayBaseUrl: z.string(),
  gatewayTokenUrl: z.string(),
  gatewayClientId: z.string(),
  /** Only whether each gateway secret is stored and its last 4 characters, never the secret. */
  clientSecret: z.object({ set: z.boolean(), last4: z.string().nullable() }),
  subscriptionKey: z.object({ set: z.boolean(), last4: z.string().nullable() }),
  gatewayProblem: AppError.nullable(),
  /** Settings stored in the catalogue (a restored backup, a hand edit) that today's rules refuse: not used until entered again. */
  storedProblem: AppError.nullable(),
  programIds: z.partialRecord(StandardKey, z.string()),
  /** How many offerings each connection has listed: those of the other one need it to change or be removed. */
  listedVia: z.object({ network: z.number().int().min(0), gateway: z.number().int().min(0) }),
  /** Settings → Privacy: years learner details are kept after their class. */
  retentionYears: z.number().int().min(RETENTION_YEARS.min).max(RETENTION_YEARS.max),
});
export type SettingsView = z.infer<typeof SettingsView>;

const Count = z.number().int().min(0);

export const QueueView = z.object({
  waiting: Count,
  failed: Count,
  offline: z.boolean(),
  /** Stopped by a problem only the user can fix (no key, key refused). */
  paused: AppError.nullable(),
  /** Stopped by the user's Cancel; the rest waits for Resume. */
  cancelled: z.boolean(),
  /** The current run of changes, for the progress bar. */
  batch: z.object({ total: Count, done: Count, waiting: Count, failed: Count }),
});
export type QueueView = z.infer<typeof QueueView>;

/** Pushed by the main process whenever offerings or the queue change: the ids changed (null: too many to list), and the queue. */
export const DeskEvent = z.object({ changed: z.array(z.string()).nullable(), queue: QueueView, team: TeamSyncView.nullable() });
export type DeskEvent = z.infer<typeof DeskEvent>;

/** One Marketplace call: its outcome once it came (`sending` while none has). */
/** A changed field's value as it was sent: text, a number, yes/no, none, or a class's days as `start/end` moments. */
export const ChangeValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);
export type ChangeValue = z.infer<typeof ChangeValue>;
/** One field a patch changed, named by its form path (`seatsRemaining`, `address.street`, `classDays`). */
export const FieldChange = z.object({ field: z.string(), from: ChangeValue, to: ChangeValue });
export type FieldChange = z.infer<typeof FieldChange>;

export const CallLogEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  offeringId: z.string(),
  /** The offering's course name as the catalogue has it now; empty when it has left the catalogue. */
  courseName: z.string(),
  /** `report`: a learning record (the offering id is its class's). */
  action: z.enum(['add', 'patch', 'delete', 'report']),
  phase: z.enum(['sending', 'done', 'failed']),
  httpStatus: z.number().int().nullable(),
  errorCode: z.string().nullable(),
  message: z.string().nullable(),
  /** What a patch changed; empty for other calls (and for patches logged before the desk kept this). */
  changes: z.array(FieldChange),
  /** A learning record's learner, read from the sealed roster when shown; null when not a record or no longer readable. */
  learner: z.string().nullable(),
});
export type CallLogEntry = z.infer<typeof CallLogEntry>;

export const BackupInfo = z.object({
  name: z.string(),
  at: z.string(),
  schemaVersion: z.number().int(),
  reason: z.string(),
  bytes: z.number().int(),
});
export type BackupInfo = z.infer<typeof BackupInfo>;

/** The last restore asked for: what it replaced (kept as a backup, so it can be put back), or why it was refused at start. */
export const LastRestore = z.object({
  /** When the restore ran (the start after it was asked for). */
  at: z.string(),
  /** The restored backup's own date. */
  restoredFrom: z.string(),
  /** The backup of the catalogue the restore replaced, while it is still kept; null once rotated away or when refused. */
  replaced: BackupInfo.nullable(),
  /** Set when the backup failed its check at start: nothing was replaced. */
  refused: AppError.nullable(),
});
export type LastRestore = z.infer<typeof LastRestore>;

const Id = z.object({ id: z.string().min(1).max(64) });
const Ids = z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(1000) }).strict();
const Empty = z.object({}).strict();
/** How many were queued, and how many could not be published yet (incomplete, a class day over, no program ID). */
const PublishSummary = z.object({ queued: Count, skipped: Count });

/** What an export takes: the offerings chosen, or those the list's filters match (its paging ignored). */
const ExportScope = z.union([z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(1000) }).strict(), z.object({ query: ListQuery }).strict()]);
/** A schedule file's bytes (CSV or .xlsx), base64: the main process reads it. */
const ScheduleFile = z.string().min(1).max(Math.ceil((SCHEDULE_FILE_MAX_BYTES * 4) / 3) + 4);
const ScheduleEntry = z.object({
  offeringId: z.string(),
  courseName: z.string(),
  standardKey: z.string(),
  kind: OfferingKind,
  days: z.array(z.object({ date: z.string(), start: z.string(), end: z.string() })),
  place: z.string(),
  seats: z.number().nullable(),
  price: z.number().nullable(),
  contactForPricing: z.boolean(),
  status: OfferingStatus,
});
export type ScheduleEntry = z.infer<typeof ScheduleEntry>;
const ExportFile = z.object({ fileName: z.string(), text: z.string(), offerings: Count, events: Count });

export const contract = {
  /** One page of light rows, the total for the filters, and the cursor to the next page. */
  'offerings:page': { request: ListQuery, response: ListPage },
  /** Counts for the whole catalogue (not in the Trash): per status, and past offerings still listed. */
  'offerings:counts': {
    request: Empty,
    response: z.object({ total: Count, byStatus: z.partialRecord(OfferingStatus, Count), pastListed: Count }),
  },
  /** Every class day between two dates (inclusive), for the calendar. */
  'calendar:range': {
    request: z.object({ from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }).strict(),
    response: z.array(CalendarDay),
  },
  'offerings:get': { request: Id, response: OfferingRecord },
  /** `base`: the draft as the window last loaded or saved it; fields it did not change since keep what the catalogue holds now (see draft-merge). */
  'offerings:save': {
    request: z.object({ id: z.string().min(1).max(64).nullable(), draft: OfferingDraft, base: OfferingDraft.optional() }).strict(),
    response: OfferingRecord,
  },
  'offerings:publish': {
    request: z.object({ id: z.string().min(1).max(64).nullable(), draft: OfferingDraft, base: OfferingDraft.optional() }).strict(),
    response: OfferingRecord,
  },
  'offerings:publishAll': { request: Empty, response: PublishSummary },
  'offerings:duplicate': {
    request: z
      .object({
        id: z.string().min(1).max(64),
        firstDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2027-03-10'),
        /** 1 for "Run again"; N for "Repeat weekly" N times. */
        weeks: z.number().int().min(1).max(52),
        /** Weeks between copies: 1 is every week, 2 every other week. */
        every: z.number().int().min(1).max(MAX_EVERY_WEEKS).default(1),
        /** Days of the week to run on (0 is Sunday); none: the first day's own weekday. */
        weekdays: z.array(z.number().int().min(0).max(6)).max(7).default([]),
      })
      .strict(),
    response: z.array(OfferingRecord),
  },
  /** With `starts`: which of these first days already have a class like this one (same standard and city). With none: the next week free of one, and `twin`: a never-listed offering another one already duplicates. */
  'offerings:copyCheck': {
    request: z.object({ id: z.string().min(1).max(64), starts: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).max(7 * 52) }).strict(),
    response: z.object({ clashes: z.array(z.string()), nextFree: z.string().nullable(), twin: z.boolean() }),
  },
  'locations:list': { request: Empty, response: z.array(AddressDraft) },
  'offerings:setSeats': { request: z.object({ id: z.string().min(1).max(64), seats: z.number().int().min(0).max(100_000) }).strict(), response: OfferingRecord },
  'offerings:publishMany': { request: Ids, response: PublishSummary },
  'offerings:deleteMany': { request: Ids, response: z.object({ trashed: Count, deleting: Count }) },
  'offerings:copyShifted': {
    request: z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(1000), days: z.number().int().min(-3650).max(3650) }).strict(),
    response: z.array(OfferingRecord),
  },
  /** Removes from the Marketplace every listed offering whose class days are all over. */
  'offerings:removePast': { request: Empty, response: z.object({ deleting: Count }) },
  'trash:list': { request: Empty, response: z.array(OfferingRecord) },
  'trash:restore': { request: Id.strict(), response: OfferingRecord },
  'offerings:delete': { request: Id.strict(), response: z.object({ removed: z.boolean() }) },
  'settings:get': { request: Empty, response: SettingsView },
  'settings:save': {
    request: z
      .object({
        marketplaceUrl: z.string().max(2000).optional(),
        networkKey: z.string().max(200).optional(),
        publishConcurrency: z.number().int().min(PUBLISH_CONCURRENCY.min).max(PUBLISH_CONCURRENCY.max).optional(),
        language: z.enum(LANGUAGES).optional(),
        connection: ConnectionKind.optional(),
        gatewayBaseUrl: z.string().max(2000).optional(),
        gatewayTokenUrl: z.string().max(2000).optional(),
        gatewayClientId: z.string().max(200).optional(),
        clientSecret: z.string().max(500).optional(),
        subscriptionKey: z.string().max(200).optional(),
        programIds: z.partialRecord(StandardKey, z.string().max(40)).optional(),
        retentionYears: z.number().int().min(RETENTION_YEARS.min).max(RETENTION_YEARS.max).optional(),
      })
      .strict(),
    response: SettingsView,
  },
  /** Proves the saved connection works without listing anything: a sentence on success, the exact failure otherwise. */
  'connection:test': { request: Empty, response: z.object({ connection: ConnectionKind, message: z.string() }) },
  /** Removes from the Marketplace every offering the given connection listed (it must be the current one). */
  'offerings:removeListedVia': { request: z.object({ connection: ConnectionKind }).strict(), response: z.object({ deleting: Count }) },
  'settings:forgetKey': { request: Empty, response: SettingsView },
  'queue:status': { request: Empty, response: QueueView },
  'queue:retry': { request: Id.strict(), response: QueueView },
  'queue:cancel': { request: Empty, response: QueueView },
  'queue:resume': { request: Empty, response: QueueView },
  /** The renderer saw the network come back. */
  'queue:online': { request: Empty, response: QueueView },
  'activity:list': {
    request: z.object({ failuresOnly: z.boolean().default(false), limit: z.number().int().min(1).max(1000).default(200) }).strict(),
    response: z.array(CallLogEntry),
  },
  'backups:list': { request: Empty, response: z.array(BackupInfo) },
  'backups:create': { request: Empty, response: BackupInfo },
  /** Restoring replaces the open catalogue, so it happens on the next start; the app restarts itself. */
  'backups:restore': { request: z.object({ name: z.string().min(1).max(200) }).strict(), response: z.object({ restartRequired: z.literal(true) }) },
  /** What the last restore replaced, so Settings can put it back; null when there was none. */
  'backups:lastRestore': { request: Empty, response: LastRestore.nullable() },
  /** A table the window built (in the user's language) as CSV text for Excel: quoting by csv-stringify in main, so the window's script does not carry it. */
  'export:csv': {
    request: z.object({ rows: z.array(z.array(z.string().max(5000)).max(50)).max(20_000) }).strict(),
    response: z.object({ text: z.string() }),
  },
  /** Export CSV: the chosen offerings, or every one the list's filters match, as a schedule file the import reads back. */
  'offerings:exportCsv': { request: ExportScope, response: ExportFile },
  /** Export calendar: one event per class day, in Ontario time, with stable UIDs. */
  'offerings:exportIcs': { request: ExportScope, response: ExportFile },
  /** Print schedule: every offering the filters show (or those chosen), with its days, place and price, in list order. */
  'offerings:schedule': { request: ExportScope, response: z.array(ScheduleEntry) },
  /** Import schedule, first step: every row with what it would do, and the questions the file leaves open. Writes nothing. */
  'schedule:preview': { request: z.object({ file: ScheduleFile, choices: ImportChoices }).strict(), response: ImportPreview },
  /** Import schedule: the rows that can be imported, in one transaction. */
  'schedule:import': {
    request: z.object({ file: ScheduleFile, choices: ImportChoices }).strict(),
    response: z.object({ created: Count, updated: Count, skipped: Count, refused: Count, adopted: Count, ids: z.array(z.string()) }),
  },
  'templates:list': { request: Empty, response: z.array(CourseTemplate) },
  /** "Save as template": the offering's course, price, seats, location and day times under a name (the same name replaces). */
  'templates:fromOffering': { request: z.object({ offeringRowId: z.string().min(1).max(64), name: z.string().max(TEMPLATE_NAME_MAX * 2) }).strict(), response: z.array(CourseTemplate) },
  'templates:save': { request: z.object({ id: z.string().min(1).max(64), name: z.string().max(TEMPLATE_NAME_MAX * 2), body: TemplateBody }).strict(), response: z.array(CourseTemplate) },
  'templates:delete': { request: Id.strict(), response: z.array(CourseTemplate) },
  /** "New from template": a new draft with everything but its dates. */
  'templates:start': { request: Id.strict(), response: OfferingRecord },
  ...rosterContract,
  ...proofContract,
  ...teamContract,
  ...reportsContract,
} as const satisfies Record<Channel, { request: z.ZodType; response: z.ZodType }>;
export type RequestOf<C extends Channel> = z.input<(typeof contract)[C]['request']>;
export type ParsedRequestOf<C extends Channel> = z.output<(typeof contract)[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<(typeof contract)[C]['response']>;

/** The main process's answer to every channel: one plain function each (electron/main/ipc). */
export type Handlers = { [C in Channel]: (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C> };

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.hasOwn(contract, value);
}


export type MenuCommand = 'new-offering' | 'import-schedule';

/** What the preload exposes as `window.api`, and the web bridge imitates. */
export interface DeskApi {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
  /** Commands from the native menu; absent in a browser. */
  onMenuCommand?(listener: (command: MenuCommand) => void): void;
  /** What changed in the main process, pushed as it happens. */
  onEvent(listener: (event: DeskEvent) => void): void;
  /** The window is closing: main waits (a few seconds at most) for the promise, so pending saves get written. Absent in a browser. */
  onFlush?(listener: () => Promise<unknown>): void;
}
