// Dates, times and money in the user's language, always in Ontario time.
import { ONTARIO_ZONE, ontarioToUtc } from '../../../shared/time';

const locales = { en: 'en-CA', fr: 'fr-CA' } as const;

export function formatDay(language: 'en' | 'fr', date: string, start: string, end: string): string {
  const day = new Intl.DateTimeFormat(locales[language], { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone: ONTARIO_ZONE }).format(new Date(ontarioToUtc(date, start)));
  const time = new Intl.DateTimeFormat(locales[language], { hour: 'numeric', minute: '2-digit', timeZone: ONTARIO_ZONE });
  return `${day}, ${time.format(new Date(ontarioToUtc(date, start)))} – ${time.format(new Date(ontarioToUtc(date, end)))}`;
}

export function formatPrice(language: 'en' | 'fr', price: number): string {
  return new Intl.NumberFormat(locales[language], { style: 'currency', currency: 'CAD' }).format(price);
}

export function formatHours(language: 'en' | 'fr', hours: number): string {
  return new Intl.NumberFormat(locales[language], { maximumFractionDigits: 2 }).format(hours);
}

export function formatDate(language: 'en' | 'fr', date: string): string {
  return new Intl.DateTimeFormat(locales[language], { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', timeZone: ONTARIO_ZONE }).format(new Date(ontarioToUtc(date, '12:00')));
}
