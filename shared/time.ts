// Providers work in Ontario time; the Marketplace speaks UTC with milliseconds.
// Calendar dates are plain `yyyy-MM-dd` strings: arithmetic on them never
// involves a time zone (so a DST change never shifts one); only a date with a
// time is placed in America/Toronto, by @date-fns/tz (Intl underneath: no
// time-zone data shipped in the window's script).
import { TZDate } from '@date-fns/tz';
// One file per function: the main process loads date-fns from node_modules
// unbundled, and its index would bring all ~250 functions (~20 MB resident).
import { addDays as plusDays } from 'date-fns/addDays';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';

export const ONTARIO_ZONE = 'America/Toronto';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A calendar date as a local midnight: date-fns' day arithmetic then works in whole calendar days. */
function day(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
}

/** The date's own calendar fields (a TZDate's are Ontario's): `yyyy-MM-dd`. */
const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

export function isDate(value: string): boolean {
  // A day that does not exist (2027-02-30) rolls over into another one.
  return DATE.test(value) && ymd(day(value)) === value;
}

export function isTime(value: string): boolean {
  return TIME.test(value);
}

/**
 * Answers already worked out: a conversion asks Intl for the zone's offset
 * (tens of µs), and the same few class times recur in every check, list
 * column and wire body (#10 profiled it as the publishing queue's largest
 * cost). Bounded: emptied when full.
 */
const converted = new Map<string, string>();
const CONVERTED_MAX = 20_000;

/** `2026-12-03` + `08:30` in Ontario → `2026-12-03T13:30:00.000Z`. */
export function ontarioToUtc(date: string, time: string): string {
  const key = `${date} ${time}`;
  const known = converted.get(key);
  if (known !== undefined) return known;
  if (!isDate(date) || !isTime(time)) throw new RangeError(`Not a valid Ontario date and time: ${date} ${time}`);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, min] = time.split(':').map(Number) as [number, number];
  const utc = new Date(new TZDate(y, m - 1, d, h, min, ONTARIO_ZONE).getTime()).toISOString();
  if (converted.size >= CONVERTED_MAX) converted.clear();
  converted.set(key, utc);
  return utc;
}

export function hoursBetween(date: string, start: string, end: string): number {
  return (Date.parse(ontarioToUtc(date, end)) - Date.parse(ontarioToUtc(date, start))) / 3_600_000;
}

/** The date `days` days after `date` (calendar days, so DST never shifts it). */
export function addDays(date: string, days: number): string {
  return ymd(plusDays(day(date), days));
}

export function daysBetween(from: string, to: string): number {
  return differenceInCalendarDays(day(to), day(from));
}

/** The weeks (Sunday first) that show `month` of `year` on a calendar page, as dates. */
export function monthGrid(year: number, month: number): string[][] {
  const first = new Date(year, month - 1, 1);
  const start = plusDays(first, -first.getDay());
  const prefix = ymd(first).slice(0, 7);
  const weeks: string[][] = [];
  for (let w = 0; w < 6; w++) {
    const week = Array.from({ length: 7 }, (_, d) => ymd(plusDays(start, w * 7 + d)));
    if (w > 3 && !week.some((d) => d.startsWith(prefix))) break;
    weeks.push(week);
  }
  return weeks;
}

/** The seven dates (Sunday first) of the week holding `date`. */
export function weekOf(date: string): string[] {
  const start = plusDays(day(date), -day(date).getDay());
  return Array.from({ length: 7 }, (_, d) => ymd(plusDays(start, d)));
}

export function todayInOntario(now: Date = new Date()): string {
  return ontarioWallClock(now).date;
}

/** The Ontario date and time of day ("2026-12-07", "18:06") of a moment, whatever zone the computer is in. */
export function ontarioWallClock(at: Date): { date: string; time: string } {
  const there = new TZDate(at.getTime(), ONTARIO_ZONE);
  return { date: ymd(there), time: `${pad(there.getHours())}:${pad(there.getMinutes())}` };
}
