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

export function utcToOntario(iso: string): { date: string; time: string } {
  const local = DateTime.fromISO(iso, { zone: 'utc' }).setZone(ONTARIO_ZONE);
  return { date: local.toFormat('yyyy-MM-dd'), time: local.toFormat('HH:mm') };
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
