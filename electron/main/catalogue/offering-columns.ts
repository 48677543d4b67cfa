// What the list, filters, sort, search, calendar and counts need of an
// offering, as plain columns computed once when it is written, so no read has
// to parse a draft or rebuild a wire body.
import { fold } from '../../../shared/text';
import { firstClassDate, publishProblems, type AddressDraft, type OfferingDraft } from '../../../shared/offering';
import { isOnlineStandard, standardFor } from '../../../shared/standards';
import { isDate, isTime, ontarioToUtc } from '../../../shared/time';
import { changedFields, toWire, type WireListing } from '../marketplace/wire';

export interface OfferingColumns {
  kind: 'class' | 'online';
  course_name: string;
  course_sort: string;
  standard_key: string | null;
  program: string | null;
  language: string | null;
  delivery: string | null;
  city: string;
  city_sort: string;
  first_date: string | null;
  last_end_utc: string | null;
  earliest_end_utc: string | null;
  seats: number | null;
  duration_hours: number | null;
  problem_count: number;
  differs: 0 | 1;
}

export interface ClassDayRow {
  day: number;
  date: string;
  start: string;
  end: string;
}

function completeDays(draft: OfferingDraft): ClassDayRow[] {
  return draft.classDays
    .map((d, day) => ({ day, date: d.date, start: d.start, end: d.end }))
    .filter((d) => isDate(d.date) && isTime(d.start) && isTime(d.end));
}

/** One saved location per address, however it was typed (case, accents, spaces). */
export function locationKey(a: AddressDraft): string {
  return [a.street, a.extended, a.city, a.province, a.postalCode].map((x) => fold(x).replace(/\s+/g, '')).join('|');
}

export function classDayRows(draft: OfferingDraft): ClassDayRow[] {
  return draft.kind === 'online' ? [] : completeDays(draft);
}

export function offeringColumns(draft: OfferingDraft, listed: WireListing | null): OfferingColumns {
  const key = draft.trainingStandardKey;
  const standard = key === '' ? null : standardFor(key);
  const ends = classDayRows(draft).map((d) => ontarioToUtc(d.date, d.end)).sort();
  const problems = publishProblems(draft).length;
  // Compared with the listing only when the draft could be sent: an incomplete one is "changed" anyway.
  const differs = listed !== null && problems === 0 && (isOnlineStandard(key) ? draft.kind === 'online' : true) && Object.keys(changedFields(listed, toWire(draft))).length > 0;
  return {
    kind: draft.kind,
    course_name: draft.courseName.trim(),
    course_sort: fold(draft.courseName),
    standard_key: key || null,
    program: standard?.program ?? null,
    language: standard?.language ?? null,
    delivery: standard?.delivery ?? null,
    city: draft.kind === 'online' ? '' : draft.address.city.trim(),
    city_sort: draft.kind === 'online' ? '' : fold(draft.address.city),
    first_date: draft.kind === 'online' ? null : (firstClassDate(draft) ?? null),
    last_end_utc: ends.at(-1) ?? null,
    earliest_end_utc: ends[0] ?? null,
    seats: draft.kind === 'online' ? null : draft.seatsRemaining,
    duration_hours: draft.kind === 'online' ? draft.courseDurationHours : null,
    problem_count: problems,
    differs: differs ? 1 : 0,
  };
}

export const COLUMN_NAMES = Object.keys(offeringColumns({ kind: 'class', offeringId: '', trainingStandardKey: '', courseName: '', seatsRemaining: null, contactForPricing: false, price: null, address: { street: '', extended: '', city: '', province: 'ON', postalCode: '' }, classDays: [], registrationUrl: '', virtualClassUrl: '', courseDurationHours: null }, null)) as (keyof OfferingColumns)[];
