// The rules of a class offering as staff edit it. Drafts may be incomplete;
// only publishing demands a complete, valid offering (see `publishProblems`).
// Plain values and functions only (no zod), so the window runs them without
// the schema library; `offering.ts` holds the schemas and re-exports these.
import { standardFor, needsAddress, isOnlineStandard, type TrainingStandard } from './standard-list';
import type { FieldError } from './errors';
import type { ClassDay, OfferingDraft, OfferingKind } from './offering';
import { addDays, hoursBetween, isDate, isTime, ontarioToUtc } from './time';
import { linkProblem } from './url-rules';

// The rule for a link learners follow is the app's URL rules' (url-rules); re-exported for the draft's readers.
export { isHttpsUrl, linkProblem } from './url-rules';
import { classHoursShortfalls, type HoursShortfall } from './program-rules';

export const PROVINCES = ['ON', 'QC', 'MB', 'SK', 'AB', 'BC', 'NB', 'NS', 'PE', 'NL', 'YT', 'NT', 'NU'] as const;

/**
 * The longest text each field of a draft may hold: the contract's limits. The
 * schemas of `offering.ts`, the inputs' `maxlength` and the form's own messages all read
 * them here, so a draft the form lets through is one the main process accepts.
 */
export const DRAFT_LIMITS = {
  offeringId: 64,
  courseName: 300,
  'address.street': 200,
  'address.extended': 200,
  'address.city': 100,
  'address.postalCode': 10,
  registrationUrl: 2000,
  virtualClassUrl: 2000,
  classDays: 60,
} as const;
export type LimitedField = keyof typeof DRAFT_LIMITS;

/** Longest online course the app accepts, in hours: a sanity bound, not a ministry rule. */
export const MAX_COURSE_HOURS = 1000;

export function emptyDraft(kind: OfferingKind = 'class'): OfferingDraft {
  return {
    kind,
    offeringId: '',
    trainingStandardKey: '',
    courseName: '',
    seatsRemaining: null,
    contactForPricing: false,
    price: null,
    address: { street: '', extended: '', city: '', province: 'ON', postalCode: '' },
    classDays: kind === 'class' ? [{ date: '', start: '', end: '' }] : [],
    registrationUrl: '',
    virtualClassUrl: '',
    courseDurationHours: null,
  };
}

/**
 * What in a draft goes past the contract's limits, as field messages: the form
 * checks this before every save, so the main process never has to refuse a
 * draft as malformed (and the user never reads such a refusal).
 */
export function limitProblems(draft: OfferingDraft): FieldError[] {
  const problems: FieldError[] = [];
  const text = (path: LimitedField, value: string) => {
    const max = DRAFT_LIMITS[path];
    if (value.length > max) problems.push({ path, code: 'tooLong', message: `At most ${max} characters.`, limit: max });
  };
  text('offeringId', draft.offeringId);
  text('courseName', draft.courseName);
  text('registrationUrl', draft.registrationUrl);
  text('virtualClassUrl', draft.virtualClassUrl);
  for (const part of ['street', 'extended', 'city', 'postalCode'] as const) text(`address.${part}`, draft.address[part]);
  if (draft.classDays.length > DRAFT_LIMITS.classDays) {
    problems.push({ path: 'classDays', code: 'tooManyDays', message: `At most ${DRAFT_LIMITS.classDays} class days.`, limit: DRAFT_LIMITS.classDays });
  }
  return problems;
}

/** What the Marketplace accepts as an offering ID; the wire schema uses the same. */
export const OFFERING_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** A Canadian postal code (letters Canada Post never uses left out), with or without its space. */
export const POSTAL_CODE = /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d$/i;

export function normalisePostalCode(value: string): string {
  const compact = value.replace(/\s+/g, '').toUpperCase();
  return compact.length === 6 ? `${compact.slice(0, 3)} ${compact.slice(3)}` : value.trim();
}

const LINK_MESSAGES = {
  'url.https': 'Use a full https:// address.',
  'url.credentials': 'Remove the user name and password from this address.',
  'url.control': 'This address has a line break or another invisible character in it: type it again on one line.',
} as const;

function problem(path: string, code: string, message: string): FieldError {
  return { path, code, message };
}

function validDay(day: ClassDay): boolean {
  return isDate(day.date) && isTime(day.start) && isTime(day.end) && hoursBetween(day.date, day.start, day.end) > 0;
}

/** The earliest class date, if any day has one. */
/** The most weeks apart "Repeat" may space its copies. */
export const MAX_EVERY_WEEKS = 12;

/**
 * The first day of each copy, one rule for the preview and the copies made:
 * `weeks` runs from `firstDate`, `every` weeks apart; with `weekdays` (0 is
 * Sunday), a copy on each of those days of every such week, from `firstDate` on.
 */
export function copyStarts(firstDate: string, weeks: number, every = 1, weekdays: readonly number[] = []): string[] {
  if (weekdays.length === 0) return Array.from({ length: weeks }, (_, k) => addDays(firstDate, 7 * every * k));
  const monday = addDays(firstDate, -((new Date(`${firstDate}T12:00:00Z`).getUTCDay() + 6) % 7));
  const offsets = [...new Set(weekdays)].map((d) => (d + 6) % 7).sort((a, b) => a - b);
  return Array.from({ length: weeks }, (_, k) => offsets.map((o) => addDays(monday, 7 * every * k + o)))
    .flat()
    .filter((date) => date >= firstDate);
}

export function firstClassDate(draft: OfferingDraft): string | undefined {
  return draft.classDays
    .map((d) => d.date)
    .filter(isDate)
    .sort()[0];
}

/** Total instruction hours of the complete class days. */
export function instructionHours(draft: OfferingDraft): number {
  return draft.classDays.filter(validDay).reduce((sum, d) => sum + hoursBetween(d.date, d.start, d.end), 0);
}

/** A warning, never an error: the first way the class days fall short of the program's minimum hours (all of them: `classHoursShortfalls`). */
export function hoursWarning(draft: OfferingDraft): HoursShortfall | null {
  if (draft.trainingStandardKey === '') return null;
  return classHoursShortfalls(standardFor(draft.trainingStandardKey), draft.classDays)[0] ?? null;
}

type AddProblem = (path: string, code: string, message: string) => void;

/** Whole cents, checked without float error: 19.99 * 100 is 1998.9999999999998. */
export function hasAtMostTwoDecimals(value: number): boolean {
  return Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;
}

function checkPrice(draft: OfferingDraft, add: AddProblem): void {
  if (draft.contactForPricing) return;
  const price = draft.price;
  if (price === null || !Number.isFinite(price)) add('price', 'price.required', 'Enter a price, or tick Contact for pricing.');
  else if (price < 0) add('price', 'price.negative', 'The price cannot be negative.');
  else if (!hasAtMostTwoDecimals(price)) add('price', 'price.cents', 'The price can have at most two decimals.');
}

function checkLink(value: string, path: string, add: AddProblem, requiredMessage?: string): void {
  if (value.trim() === '') {
    if (requiredMessage) add(path, 'required', requiredMessage);
    return;
  }
  const problem = linkProblem(value);
  if (problem) add(path, problem, LINK_MESSAGES[problem]);
}

export interface PublishCheck {
  /** When given, class days that have already ended are refused. */
  now?: Date;
  /** Before the draft is written: an empty offering ID is no problem, the write makes one (catalogue/draft-writing's generateOfferingId). */
  idMadeOnSave?: boolean;
}

/** What a class's street address lacks, each at its field; none: the address is complete. */
export function addressProblems(a: OfferingDraft['address']): FieldError[] {
  const problems: FieldError[] = [];
  const add = (path: string, code: string, message: string) => problems.push(problem(path, code, message));
  if (a.street.trim() === '') add('address.street', 'required', 'Enter the street address of the class.');
  if (a.city.trim() === '') add('address.city', 'required', 'Enter the city.');
  if (!(PROVINCES as readonly string[]).includes(a.province)) add('address.province', 'required', 'Choose a province.');
  if (!POSTAL_CODE.test(a.postalCode.trim())) add('address.postalCode', 'postalCode.invalid', 'Enter a Canadian postal code such as K1A 0B1.');
  return problems;
}

/** Complete as publishing needs it: what the form offers again as a saved location (a half-typed one is not kept). */
export const isCompleteAddress = (a: OfferingDraft['address']): boolean => addressProblems(a).length === 0;

/** Every reason this draft cannot be published; empty when it can. */
export function publishProblems(draft: OfferingDraft, check: PublishCheck = {}): FieldError[] {
  const problems: FieldError[] = [];
  const add = (path: string, code: string, message: string) => problems.push(problem(path, code, message));

  if (!(check.idMadeOnSave && draft.offeringId.trim() === '') && !OFFERING_ID.test(draft.offeringId)) {
    add('offeringId', 'offeringId.invalid', 'Offering ID must be 1–64 letters, digits, dots, dashes or underscores.');
  }
  let standard: TrainingStandard | null = null;
  const online = draft.kind === 'online';
  if (draft.trainingStandardKey === '') add('trainingStandardKey', 'required', 'Choose a training standard.');
  else if (isOnlineStandard(draft.trainingStandardKey) !== online) {
    add('trainingStandardKey', online ? 'standard.notOnline' : 'standard.online', online ? 'Choose one of the two online standards (JHSC Part One, online).' : 'This standard is for online offerings; choose a class standard.');
  } else standard = standardFor(draft.trainingStandardKey);

  if (draft.courseName.trim() === '') add('courseName', 'required', 'Enter the course name learners will see.');
  checkPrice(draft, add);
  checkLink(draft.registrationUrl, 'registrationUrl', add, 'Enter the registration URL where learners book.');
  if (online) {
    const hours = draft.courseDurationHours;
    if (hours === null || !Number.isFinite(hours) || hours <= 0 || hours > MAX_COURSE_HOURS || !hasAtMostTwoDecimals(hours)) {
      add('courseDurationHours', 'duration.invalid', `Enter the course duration in hours, such as 2.5 (more than 0, at most ${MAX_COURSE_HOURS}).`);
    }
    return problems;
  }

  const seats = draft.seatsRemaining;
  if (seats === null || !Number.isInteger(seats) || seats < 0) {
    add('seatsRemaining', 'seats.invalid', 'Seats remaining must be a whole number, 0 or more.');
  }

  if (standard) {
    if (needsAddress(standard.delivery)) problems.push(...addressProblems(draft.address));
    if (standard.delivery === 'virtual' && draft.virtualClassUrl.trim() === '') {
      add('virtualClassUrl', 'required', 'Enter the virtual class URL.');
    } else if (draft.virtualClassUrl.trim() !== '') {
      checkLink(draft.virtualClassUrl, 'virtualClassUrl', add);
    }
  }

  if (draft.classDays.length === 0) add('classDays', 'classDays.required', 'Add at least one class day.');
  draft.classDays.forEach((day, i) => {
    const base = `classDays.${i}`;
    const dateOk = isDate(day.date);
    if (!dateOk) add(`${base}.date`, 'date.invalid', 'Enter the date of this class day.');
    if (!isTime(day.start)) add(`${base}.start`, 'time.invalid', 'Enter a start time such as 08:30.');
    if (!isTime(day.end)) add(`${base}.end`, 'time.invalid', 'Enter an end time such as 16:30.');
    else if (dateOk && isTime(day.start) && hoursBetween(day.date, day.start, day.end) <= 0) {
      add(`${base}.end`, 'time.endBeforeStart', 'The end time must be after the start time.');
    }
    if (!validDay(day)) return;
    if (check.now && Date.parse(ontarioToUtc(day.date, day.end)) <= check.now.getTime()) {
      add(`${base}.date`, 'date.past', 'This class day is in the past.');
    }
    const clash = draft.classDays.findIndex((other, j) => j < i && validDay(other) && other.date === day.date && other.start < day.end && day.start < other.end);
    if (clash >= 0) add(`${base}.start`, 'time.overlap', `This day overlaps day ${clash + 1}.`);
  });
  return problems;
}
