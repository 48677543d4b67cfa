// A class day with its times, in the user's language and Ontario time: the
// form's preview. Apart from format.ts because it needs the time-zone library.
import { ONTARIO_ZONE, ontarioToUtc } from '../../../shared/time';
import { cached, locales } from './format';

export function formatDay(language: 'en' | 'fr', date: string, start: string, end: string): string {
  const day = cached(`day-${language}`, () => new Intl.DateTimeFormat(locales[language], { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone: ONTARIO_ZONE })).format(new Date(ontarioToUtc(date, start)));
  const time = cached(`time-${language}`, () => new Intl.DateTimeFormat(locales[language], { hour: 'numeric', minute: '2-digit', timeZone: ONTARIO_ZONE }));
  return `${day}, ${time.format(new Date(ontarioToUtc(date, start)))} – ${time.format(new Date(ontarioToUtc(date, end)))}`;
}
