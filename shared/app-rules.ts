// Rules both processes apply, defined once, as plain values (no zod, so the
// window's first script may read them).

/** The two languages of the app, of its texts and of the ministry's standards. */
export const LANGUAGES = ['en', 'fr'] as const;
export type LanguageCode = (typeof LANGUAGES)[number];

/** Days a deleted offering waits in the Trash before it is purged. */
export const TRASH_DAYS = 30;

/** How many Marketplace calls may be in flight at once: Settings offers this range. */
export const PUBLISH_CONCURRENCY = { min: 1, max: 8, default: 4 } as const;

/** Class days a calendar day shows; past this it says "+3 more" (a busy provider's day, or a test catalogue's). */
export const CALENDAR_DAY_CAP = 8;

/** Years learner details are kept after their class's last day (Settings → Privacy): the ministry's usual record keeping is 7. */
export const RETENTION_YEARS = { min: 1, max: 50, default: 7 } as const;

/** The longest staff name a desk's team changes carry (Settings → Team): shown to the others as who changed what. */
export const STAFF_NAME_MAX = 80;

/** The years Settings → Reports can be asked for: the Marketplace's programs are from 2014 on; a class is listed at most a year or two ahead. */
export const REPORT_YEARS = { min: 2014, max: 2100 } as const;

/** The largest roster file read (a registration export of a few hundred learners is far smaller). */
export const ROSTER_FILE_MAX_BYTES = 2 * 1024 * 1024;

/** The most offerings one export writes (a few years of a busy provider's classes). */
export const EXPORT_MAX = 20_000;

/** The largest schedule file read (CSV or .xlsx): years of classes fit in far less. */
export const SCHEDULE_FILE_MAX_BYTES = 5 * 1024 * 1024;

/** The longest name a course template may have. */
export const TEMPLATE_NAME_MAX = 100;

/** A program ID from the provider's approved training program schedule, e.g. WAH-10083. */
export const PROGRAM_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
