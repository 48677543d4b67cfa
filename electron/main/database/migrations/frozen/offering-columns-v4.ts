// Frozen: what migration 4 needs to compute an offering's list columns, copied
// as the rules were when it shipped (fb3b6a5: shared/offering, shared/standards,
// shared/time, marketplace/wire, db/offering-columns). Migration 4 must give
// the same columns on every catalogue it ever meets, so it imports nothing
// that can change: no schema, no rule, no library. Never edit this file to
// follow today's rules; those judge rows after the catalogue opens (the
// start-up integrity walk), never while it is being upgraded.
//
// Unlike the code it copies, it never throws: a stored draft that does not fit
// is read as far as it goes (a wrong-typed field counts as empty), so the row
// is kept and the catalogue opens; the integrity walk then marks it.

export interface AddressV4 {
  street: string;
  extended: string;
  city: string;
  province: string;
  postalCode: string;
}

export interface DraftV4 {
  kind: 'class' | 'online';
  offeringId: string;
  trainingStandardKey: string;
  courseName: string;
  seatsRemaining: number | null;
  contactForPricing: boolean;
  price: number | null;
  address: AddressV4;
  classDays: { date: string; start: string; end: string }[];
  registrationUrl: string;
  virtualClassUrl: string;
  courseDurationHours: number | null;
}

export interface ColumnsV4 {
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

export const COLUMN_NAMES_V4 = ['kind', 'course_name', 'course_sort', 'standard_key', 'program', 'language', 'delivery', 'city', 'city_sort', 'first_date', 'last_end_utc', 'earliest_end_utc', 'seats', 'duration_hours', 'problem_count', 'differs'] as const;

// --- reading a stored row, never throwing -----------------------------------

function parse(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
const record = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const numberOrNull = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/** A stored draft as migration 4 read it: drafts saved before online offerings have no kind and are classes. */
export function readDraftV4(stored: string): DraftV4 {
  const d = record(parse(stored));
  const a = record(d.address);
  return {
    kind: d.kind === 'online' ? 'online' : 'class',
    offeringId: text(d.offeringId),
    trainingStandardKey: text(d.trainingStandardKey),
    courseName: text(d.courseName),
    seatsRemaining: numberOrNull(d.seatsRemaining),
    contactForPricing: d.contactForPricing === true,
    price: numberOrNull(d.price),
    address: { street: text(a.street), extended: text(a.extended), city: text(a.city), province: 'province' in a ? text(a.province) : 'ON', postalCode: text(a.postalCode) },
    classDays: (Array.isArray(d.classDays) ? d.classDays : []).map((x) => {
      const day = record(x);
      return { date: text(day.date), start: text(day.start), end: text(day.end) };
    }),
    registrationUrl: text(d.registrationUrl),
    virtualClassUrl: text(d.virtualClassUrl),
    courseDurationHours: numberOrNull(d.courseDurationHours),
  };
}

/** The body the Marketplace last acknowledged, as a plain object, or null (never listed, or not readable). */
export function readListedV4(stored: string | null): Record<string, unknown> | null {
  const listed = parse(stored);
  return typeof listed === 'object' && listed !== null && !Array.isArray(listed) ? (listed as Record<string, unknown>) : null;
}

// --- text (shared/text, db/offering-columns) ---------------------------------

/** Lower case without accents: "Sécurité" sorts and matches as "securite". */
export function foldV4(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

/** One saved location per address, however it was typed (case, accents, spaces). */
export function locationKeyV4(a: AddressV4): string {
  return [a.street, a.extended, a.city, a.province, a.postalCode].map((x) => foldV4(x).replace(/\s+/g, '')).join('|');
}

// --- time (shared/time; Ontario wall time by Intl instead of a library) -----

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function isDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

function isTime(value: string): boolean {
  return TIME.test(value);
}

const ontario = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto', hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });

/** How far Ontario's wall clock is ahead of UTC at this instant, in ms (negative). */
function ontarioOffset(utcMs: number): number {
  const p = Object.fromEntries(ontario.formatToParts(new Date(utcMs)).map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - utcMs;
}

/** `2026-12-03` + `08:30` in Ontario → `2026-12-03T13:30:00.000Z`; only called on a valid date and time. */
function ontarioToUtcMs(date: string, time: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, min] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, h, min);
  const first = wall - ontarioOffset(wall);
  const offset = ontarioOffset(first);
  const second = wall - offset;
  // A time skipped when clocks go forward (02:30 in March) does not round-trip: moved forward, as the library did.
  return ontarioOffset(second) === offset ? second : first;
}

/** The same few class times recur in every row: each is asked of Intl once per run (bounded: emptied when full). */
const converted = new Map<string, number>();
function ontarioMs(date: string, time: string): number {
  const key = `${date} ${time}`;
  let ms = converted.get(key);
  if (ms === undefined) {
    if (converted.size >= 20_000) converted.clear();
    converted.set(key, (ms = ontarioToUtcMs(date, time)));
  }
  return ms;
}

const ontarioToUtc = (date: string, time: string) => new Date(ontarioMs(date, time)).toISOString();
const hoursBetween = (date: string, start: string, end: string) => (ontarioMs(date, end) - ontarioMs(date, start)) / 3_600_000;

// --- standards (shared/standards) -------------------------------------------

const CLASS_STANDARDS = ['WAH-E-B', 'WAH-E-I', 'WAH-F-I', 'WAH-Refr-E-I', 'WAH-Refr-E-B', 'WAH-Refr-F-I', 'JHSC-2014-1-E-B', 'JHSC-2014-1-E-I', 'JHSC-2014-1-E-V', 'JHSC-2014-2-E-I', 'JHSC-2014-2-E-V', 'JHSC-2014-1-F-I', 'JHSC-2014-1-F-V', 'JHSC-2014-2-F-I', 'JHSC-2014-2-F-V', 'JHSC-2014-Refr-E-I', 'JHSC-2014-Refr-E-V', 'JHSC-2014-Refr-F-V', 'JHSC-1996-1-E-I', 'JHSC-1996-2-E-I'];
const ONLINE_STANDARDS = ['JHSC-2014-1-E-O', 'JHSC-2014-1-F-O'];
const DELIVERY_BY_LETTER: Record<string, string> = { B: 'blended', I: 'in-person', V: 'virtual', O: 'online' };

const isOnlineStandard = (key: string) => ONLINE_STANDARDS.includes(key);

/** Program, language and delivery, from the key itself; null for a key that is not one of the 22. */
function standardFor(key: string): { program: string; language: string; delivery: string } | null {
  if (!CLASS_STANDARDS.includes(key) && !isOnlineStandard(key)) return null;
  const parts = key.split('-');
  return {
    program: key.startsWith('WAH') ? 'WAH' : key.startsWith('JHSC-1996') ? 'JHSC-1996' : 'JHSC-2014',
    language: parts.at(-2) === 'F' ? 'fr' : 'en',
    delivery: DELIVERY_BY_LETTER[parts.at(-1)!]!,
  };
}

const needsAddress = (delivery: string) => delivery === 'in-person' || delivery === 'blended';

// --- what publishing needs (shared/offering publishProblems: only the count is kept) ---

const PROVINCES = ['ON', 'QC', 'MB', 'SK', 'AB', 'BC', 'NB', 'NS', 'PE', 'NL', 'YT', 'NT', 'NU'];
const OFFERING_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const POSTAL_CODE = /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d$/i;
const MAX_COURSE_HOURS = 1000;

function linkProblem(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return true;
  }
  return url.protocol !== 'https:' || url.hostname.length === 0 || url.username !== '' || url.password !== '';
}

const hasAtMostTwoDecimals = (value: number) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;
const validDay = (day: DraftV4['classDays'][number]) => isDate(day.date) && isTime(day.start) && isTime(day.end) && hoursBetween(day.date, day.start, day.end) > 0;

function problemCount(draft: DraftV4): number {
  let n = 0;
  if (!OFFERING_ID.test(draft.offeringId)) n++;
  const online = draft.kind === 'online';
  const key = draft.trainingStandardKey;
  const standard = key === '' || isOnlineStandard(key) !== online ? null : standardFor(key);
  if (standard === null) n++;
  if (draft.courseName.trim() === '') n++;
  if (!draft.contactForPricing) {
    const price = draft.price;
    if (price === null || !Number.isFinite(price) || price < 0 || !hasAtMostTwoDecimals(price)) n++;
  }
  if (draft.registrationUrl.trim() === '' || linkProblem(draft.registrationUrl)) n++;
  if (online) {
    const hours = draft.courseDurationHours;
    if (hours === null || !Number.isFinite(hours) || hours <= 0 || hours > MAX_COURSE_HOURS || !hasAtMostTwoDecimals(hours)) n++;
    return n;
  }
  const seats = draft.seatsRemaining;
  if (seats === null || !Number.isInteger(seats) || seats < 0) n++;
  if (standard) {
    if (needsAddress(standard.delivery)) {
      const a = draft.address;
      if (a.street.trim() === '') n++;
      if (a.city.trim() === '') n++;
      if (!PROVINCES.includes(a.province)) n++;
      if (!POSTAL_CODE.test(a.postalCode.trim())) n++;
    }
    if (standard.delivery === 'virtual' && draft.virtualClassUrl.trim() === '') n++;
    else if (draft.virtualClassUrl.trim() !== '' && linkProblem(draft.virtualClassUrl)) n++;
  }
  if (draft.classDays.length === 0) n++;
  draft.classDays.forEach((day, i) => {
    const dateOk = isDate(day.date);
    if (!dateOk) n++;
    if (!isTime(day.start)) n++;
    if (!isTime(day.end)) n++;
    else if (dateOk && isTime(day.start) && hoursBetween(day.date, day.start, day.end) <= 0) n++;
    if (!validDay(day)) return;
    if (draft.classDays.some((other, j) => j < i && validDay(other) && other.date === day.date && other.start < day.end && day.start < other.end)) n++;
  });
  return n;
}

// --- the wire body (marketplace/wire toWire, changedFields) -----------------

function normalisePostalCode(value: string): string {
  const compact = value.replace(/\s+/g, '').toUpperCase();
  return compact.length === 6 ? `${compact.slice(0, 3)} ${compact.slice(3)}` : value.trim();
}

/** The body of a publishable draft (problem count 0, so every day is valid). */
function toWire(draft: DraftV4): Record<string, unknown> {
  const key = draft.trainingStandardKey;
  if (isOnlineStandard(key)) {
    const online: Record<string, unknown> = {
      offeringId: draft.offeringId,
      trainingStandardKey: key,
      courseName: draft.courseName.trim(),
      courseDuration: draft.courseDurationHours ?? 0,
      contactForPricing: draft.contactForPricing,
      externalRegistrationUrl: draft.registrationUrl.trim(),
    };
    if (!draft.contactForPricing && draft.price !== null) online.price = draft.price;
    return online;
  }
  const delivery = standardFor(key)!.delivery;
  const a = draft.address;
  const wire: Record<string, unknown> = {
    offeringId: draft.offeringId,
    trainingStandardKey: key,
    deliveryMethod: delivery,
    courseName: draft.courseName.trim(),
    seatsRemaining: draft.seatsRemaining ?? 0,
    contactForPricing: draft.contactForPricing,
    events: draft.classDays.map((d) => ({ start: ontarioToUtc(d.date, d.start), end: ontarioToUtc(d.date, d.end) })),
    externalRegistrationUrl: draft.registrationUrl.trim(),
  };
  if (!draft.contactForPricing && draft.price !== null) wire.price = draft.price;
  if (needsAddress(delivery)) {
    wire.address = {
      'street-address': a.street.trim(),
      ...(a.extended.trim() ? { 'extended-address': a.extended.trim() } : {}),
      locality: a.city.trim(),
      region: a.province,
      'postal-code': normalisePostalCode(a.postalCode),
      'country-name': 'Canada',
    };
  }
  if (draft.virtualClassUrl.trim() !== '') wire.virtualClassUrl = draft.virtualClassUrl.trim();
  return wire;
}

function differsFrom(listed: Record<string, unknown>, next: Record<string, unknown>): boolean {
  for (const k of new Set([...Object.keys(listed), ...Object.keys(next)])) {
    if (k !== 'offeringId' && JSON.stringify(listed[k]) !== JSON.stringify(next[k])) return true;
  }
  return false;
}

// --- the columns (db/offering-columns) --------------------------------------

export function classDayRowsV4(draft: DraftV4): { day: number; date: string; start: string; end: string }[] {
  if (draft.kind === 'online') return [];
  return draft.classDays.map((d, day) => ({ day, date: d.date, start: d.start, end: d.end })).filter((d) => isDate(d.date) && isTime(d.start) && isTime(d.end));
}

/** `listed`: the body the Marketplace acknowledged, or null (never listed, or not readable: then it is not compared). */
export function offeringColumnsV4(draft: DraftV4, listed: Record<string, unknown> | null): ColumnsV4 {
  const key = draft.trainingStandardKey;
  const standard = key === '' ? null : standardFor(key);
  const ends = classDayRowsV4(draft).map((d) => ontarioToUtc(d.date, d.end)).sort();
  const problems = problemCount(draft);
  // Compared with the listing only when the draft could be sent: an incomplete one is "changed" anyway.
  const differs = listed !== null && problems === 0 && (isOnlineStandard(key) ? draft.kind === 'online' : true) && differsFrom(listed, toWire(draft));
  const first = draft.classDays.map((d) => d.date).filter(isDate).sort()[0];
  return {
    kind: draft.kind,
    course_name: draft.courseName.trim(),
    course_sort: foldV4(draft.courseName),
    standard_key: key || null,
    program: standard?.program ?? null,
    language: standard?.language ?? null,
    delivery: standard?.delivery ?? null,
    city: draft.kind === 'online' ? '' : draft.address.city.trim(),
    city_sort: draft.kind === 'online' ? '' : foldV4(draft.address.city),
    first_date: draft.kind === 'online' ? null : (first ?? null),
    last_end_utc: ends.at(-1) ?? null,
    earliest_end_utc: ends[0] ?? null,
    seats: draft.kind === 'online' ? null : draft.seatsRemaining,
    duration_hours: draft.kind === 'online' ? draft.courseDurationHours : null,
    problem_count: problems,
    differs: differs ? 1 : 0,
  };
}
