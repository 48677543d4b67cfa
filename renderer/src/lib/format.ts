// Dates and numbers in the user's language, for the list: no time-zone library
// here (a calendar date needs none), so the window's first script stays small.

export const locales = { en: 'en-CA', fr: 'fr-CA' } as const;

// Making an Intl formatter costs far more than using one (a list of 100 rows spent 78 ms making them): one per kind and language.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
export function cached<F extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => F): F {
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = make()));
  return f as F;
}

export function formatPrice(language: 'en' | 'fr', price: number): string {
  return cached(`price-${language}`, () => new Intl.NumberFormat(locales[language], { style: 'currency', currency: 'CAD' })).format(price);
}

export function formatHours(language: 'en' | 'fr', hours: number): string {
  return cached(`hours-${language}`, () => new Intl.NumberFormat(locales[language], { maximumFractionDigits: 2 })).format(hours);
}

export function formatDate(language: 'en' | 'fr', date: string): string {
  // A calendar date has no time zone: noon UTC of that date, shown in UTC, is that date everywhere.
  return cached(`date-${language}`, () => new Intl.DateTimeFormat(locales[language], { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' })).format(new Date(`${date}T12:00:00Z`));
}

/** A day of the week by number (0 is Sunday), in the user's language: "Tuesday", "mardi". */
export function formatWeekday(language: 'en' | 'fr', day: number): string {
  // 2023-01-01 was a Sunday.
  return cached(`weekday-${language}`, () => new Intl.DateTimeFormat(locales[language], { weekday: 'long', timeZone: 'UTC' })).format(new Date(Date.UTC(2023, 0, 1 + day, 12)));
}

/**
 * The first formatter of a language loads its locale data (about 80 ms): made
 * while the first page of the list is on its way, not after it arrived.
 */
export function warmFormatters(language: 'en' | 'fr'): void {
  setTimeout(() => formatDate(language, '2026-01-01'));
}
