// Providers work in Ontario time; the Marketplace speaks UTC with milliseconds.
import { DateTime } from 'luxon';

export const ONTARIO_ZONE = 'America/Toronto';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function isDate(value: string): boolean {
  return DATE.test(value) && DateTime.fromISO(value, { zone: ONTARIO_ZONE }).isValid;
}

export function isTime(value: string): boolean {
  return TIME.test(value);
}

/** `2026-12-03` + `08:30` in Ontario → `2026-12-03T13:30:00.000Z`. */
export function ontarioToUtc(date: string, time: string): string {
  const local = DateTime.fromISO(`${date}T${time}`, { zone: ONTARIO_ZONE });
  if (!local.isValid) throw new RangeError(`Not a valid Ontario date and time: ${date} ${time}`);
  return local.toUTC().toISO();
}

export function hoursBetween(date: string, start: string, end: string): number {
  const a = DateTime.fromISO(`${date}T${start}`, { zone: ONTARIO_ZONE });
  const b = DateTime.fromISO(`${date}T${end}`, { zone: ONTARIO_ZONE });
  return b.diff(a, 'hours').hours;
}

/** The date `days` days after `date` (calendar days, so DST never shifts it). */
export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: ONTARIO_ZONE }).plus({ days }).toFormat('yyyy-MM-dd');
}

export function daysBetween(from: string, to: string): number {
  return Math.round(DateTime.fromISO(to, { zone: ONTARIO_ZONE }).diff(DateTime.fromISO(from, { zone: ONTARIO_ZONE }), 'days').days);
}

/** The weeks (Sunday first) that show `month` of `year` on a calendar page, as dates. */
export function monthGrid(year: number, month: number): string[][] {
  const first = DateTime.fromObject({ year, month, day: 1 }, { zone: ONTARIO_ZONE });
  const start = first.minus({ days: first.weekday % 7 });
  const weeks: string[][] = [];
  for (let w = 0; w < 6; w++) {
    const week = Array.from({ length: 7 }, (_, d) => start.plus({ days: w * 7 + d }).toFormat('yyyy-MM-dd'));
    if (w > 3 && !week.some((d) => d.startsWith(first.toFormat('yyyy-MM')))) break;
    weeks.push(week);
  }
  return weeks;
}

/** The seven dates (Sunday first) of the week holding `date`. */
export function weekOf(date: string): string[] {
  const day = DateTime.fromISO(date, { zone: ONTARIO_ZONE });
  const start = day.minus({ days: day.weekday % 7 });
  return Array.from({ length: 7 }, (_, d) => start.plus({ days: d }).toFormat('yyyy-MM-dd'));
}

export function todayInOntario(now: Date = new Date()): string {
  return DateTime.fromJSDate(now).setZone(ONTARIO_ZONE).toFormat('yyyy-MM-dd');
}
