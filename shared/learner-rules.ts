// The rules of a learner on a class's roster, as staff type it or a roster
// file brings it. Personal information: the main process encrypts it at rest
// and never logs it. Plain values only (no zod): the window reads them;
// `learner.ts` holds the schemas and re-exports these.
import type { FieldError } from './errors';
import type { LearnerAddress, LearnerDetails, LearnerResult } from './learner';
import { fold } from './text';
import { isDate } from './time';
import { DRAFT_LIMITS, normalisePostalCode, POSTAL_CODE, PROVINCES } from './offering-rules';

export const LEARNER_LIMITS = {
  firstName: 100,
  lastName: 100,
  email: 254,
  mobilePhone: 30,
  homePhone: 30,
  learnerId: 64,
  employerName: 200,
  employerContact: 300,
  previousTrainingDate: 10,
  'address.street': DRAFT_LIMITS['address.street'],
  'address.extended': DRAFT_LIMITS['address.extended'],
  'address.city': DRAFT_LIMITS['address.city'],
  'address.postalCode': DRAFT_LIMITS['address.postalCode'],
} as const;

/** A learner must be at least this old in the year of the class (the ministry's workers). */
export const MIN_LEARNER_AGE = 14;
export const MIN_BIRTH_YEAR = 1900;

/** The final test score, in percent. */
export const SCORE_RANGE = { min: 0, max: 100 } as const;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** The provider's own learner id: letters, digits, dots, dashes, underscores. */
export const LEARNER_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export const EMPTY_LEARNER_ADDRESS: LearnerAddress = { street: '', extended: '', city: '', province: 'ON', postalCode: '' };

export const EMPTY_LEARNER: LearnerDetails = {
  firstName: '',
  lastName: '',
  email: '',
  birthYear: null,
  mobilePhone: '',
  homePhone: '',
  address: EMPTY_LEARNER_ADDRESS,
  learnerId: '',
  employerName: '',
  employerContact: '',
  previousTrainingDate: '',
};

export function isEmail(value: string): boolean {
  return EMAIL.test(value.trim());
}

/** The latest birth year a learner can have for a class in `year`. */
export function latestBirthYear(year: number): number {
  return year - MIN_LEARNER_AGE;
}

function addressProblems(a: LearnerAddress): FieldError[] {
  const any = [a.street, a.extended, a.city, a.postalCode].some((v) => v.trim() !== '');
  if (!any) return [];
  const problems: FieldError[] = [];
  if (a.street.trim() === '') problems.push({ path: 'address.street', code: 'required', message: 'This field is required.' });
  if (a.city.trim() === '') problems.push({ path: 'address.city', code: 'required', message: 'This field is required.' });
  if (!(PROVINCES as readonly string[]).includes(a.province)) problems.push({ path: 'address.province', code: 'invalid', message: 'Check this field.' });
  if (!POSTAL_CODE.test(normalisePostalCode(a.postalCode))) {
    problems.push({ path: 'address.postalCode', code: 'postalCode.invalid', message: 'Enter a Canadian postal code such as K1A 0B1.' });
  }
  return problems;
}

/**
 * What keeps a learner off the roster (or from being reported), by field.
 * `year` is this year in Ontario: the birth year must be 1900 to year − 14.
 */
export function learnerProblems(d: LearnerDetails, year: number): FieldError[] {
  const problems: FieldError[] = [];
  if (d.firstName.trim() === '') problems.push({ path: 'firstName', code: 'required', message: 'This field is required.' });
  if (d.lastName.trim() === '') problems.push({ path: 'lastName', code: 'required', message: 'This field is required.' });
  if (d.email.trim() === '') problems.push({ path: 'email', code: 'required', message: 'This field is required.' });
  else if (!isEmail(d.email)) problems.push({ path: 'email', code: 'email.invalid', message: 'Enter an email address such as name@example.com.' });
  if (d.birthYear === null) problems.push({ path: 'birthYear', code: 'required', message: 'This field is required.' });
  else if (d.birthYear < MIN_BIRTH_YEAR || d.birthYear > latestBirthYear(year)) {
    problems.push({ path: 'birthYear', code: 'birthYear.range', message: `Enter a year from ${MIN_BIRTH_YEAR} to ${latestBirthYear(year)}.`, limit: latestBirthYear(year) });
  }
  if (d.previousTrainingDate.trim() !== '' && !isDate(d.previousTrainingDate.trim())) {
    problems.push({ path: 'previousTrainingDate', code: 'learnerDate.invalid', message: 'Enter a date such as 2025-03-10, or leave it empty.' });
  }
  if (d.learnerId.trim() !== '' && !LEARNER_ID.test(d.learnerId.trim())) {
    problems.push({ path: 'learnerId', code: 'learnerId.invalid', message: 'Use 1–64 letters, digits, dots, dashes or underscores.' });
  }
  return [...problems, ...addressProblems(d.address)];
}

/** Two entries are the same person when their emails match, or their names and birth years do. */
export function sameLearner(a: Pick<LearnerDetails, 'firstName' | 'lastName' | 'email' | 'birthYear'>, b: typeof a): boolean {
  if (a.email.trim() !== '' && fold(a.email) === fold(b.email)) return true;
  return fold(a.firstName) === fold(b.firstName) && fold(a.lastName) === fold(b.lastName) && a.birthYear === b.birthYear && a.birthYear !== null;
}

/** A learner completed the class only when present on every class day and marked completed. */
export function isCompleted(result: LearnerResult | null, days: readonly string[], present: Readonly<Record<string, boolean>>): boolean {
  return result === 'completed' && days.length > 0 && days.every((d) => present[d] === true);
}

/** Roster file columns that can be mapped, in the order the mapping step shows them. */
export const ROSTER_COLUMNS = [
  'firstName',
  'lastName',
  'email',
  'birthYear',
  'mobilePhone',
  'homePhone',
  'address.street',
  'address.extended',
  'address.city',
  'address.province',
  'address.postalCode',
  'learnerId',
  'employerName',
  'employerContact',
] as const;
export type RosterColumn = (typeof ROSTER_COLUMNS)[number];

/** Learning record states, as each learner shows them. */
export const RECORD_STATES = ['not-reported', 'waiting', 'reported', 'refused'] as const;
export type RecordState = (typeof RECORD_STATES)[number];
