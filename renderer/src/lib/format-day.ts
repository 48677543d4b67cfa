// Class days and moments in the user's language and Ontario time: the form's
// preview, Activity, Backups and the printed schedule. Apart from format.ts
// because it needs the time-zone library.
import { ONTARIO_ZONE, ontarioToUtc, ontarioWallClock } from '../../../shared/time';
import { cached, formatClock, formatDate, locales } from './format';

export function formatDay(language: 'en' | 'fr', date: string, start: string, end: string): string {
  const day = cached(`day-${language}`, () => new Intl.DateTimeFormat(locales[language], { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone: ONTARIO_ZONE })).format(new Date(ontarioToUtc(date, start)));
  return `${day}, ${formatClock(language, start)} – ${formatClock(language, end)}`;
}

/** A moment (an ISO instant) as its Ontario date and time: "Mon, Dec 7, 2026, 6:06 p.m." / "lun. 7 déc. 2026, 18 h 06". */
export function formatMoment(language: 'en' | 'fr', iso: string): string {
  const { date, time } = ontarioWallClock(new Date(iso));
  return `${formatDate(language, date)}, ${formatClock(language, time)}`;
}

/** The Ontario date of a moment, as the list writes dates. */
export function formatMomentDate(language: 'en' | 'fr', iso: string): string {
  return formatDate(language, ontarioWallClock(new Date(iso)).date);
}
