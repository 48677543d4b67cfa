// Dates and numbers in the user's language, for the list: no time-zone library
// here (a calendar date needs none), so the window's first script stays small.
import { enCA } from 'date-fns/locale/en-CA';
import { frCA } from 'date-fns/locale/fr-CA';
import type { Day, Month } from 'date-fns';

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

const NUMBER_MARKS = { en: { group: ',', decimal: '.' }, fr: { group: '\u00a0', decimal: ',' } } as const;

/**
 * Hours with at most two decimals, as Intl writes them ("1,234.5" / "1 234,5"),
 * by hand: the list shows an online course's hours, and the window's first Intl
 * number formatter loads ICU's data, about 50 ms of the first frame (#10).
 * Rounds half away from zero on the number's decimal digits, as Intl does (1.005 → 1.01).
 */
export function formatHours(language: 'en' | 'fr', hours: number): string {
  const [digits, exponent = '0'] = String(Math.abs(hours)).split('e');
  const hundredths = Math.round(Number(`${digits}e${Number(exponent) + 2}`));
  const whole = String(Math.floor(hundredths / 100)).replace(/\B(?=(\d{3})+$)/g, NUMBER_MARKS[language].group);
  const fraction = String(hundredths % 100).padStart(2, '0').replace(/0+$/, '');
  return `${hours < 0 ? '-' : ''}${whole}${fraction ? NUMBER_MARKS[language].decimal + fraction : ''}`;
}

const LOCALES = { en: enCA, fr: frCA } as const;

/**
 * "Mon, Jan 5, 2026" / "lun. 5 janv. 2026", as Intl writes a short weekday and
 * month, from date-fns's names of days and months: the window's first Intl date
 * formatter loads ICU's locale data, about 50 ms of the list's first frame (#10).
 */
export function formatDate(language: 'en' | 'fr', date: string): string {
  const [year, month, day] = [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
  const { localize } = LOCALES[language];
  const weekday = localize.day(new Date(Date.UTC(year, month - 1, day)).getUTCDay() as Day, { width: 'abbreviated' });
  // Canadian French shortens July to "juill." (CLDR's fr-CA, as Intl writes it); date-fns's fr-CA keeps France's "juil.".
  const monthName = language === 'fr' && month === 7 ? 'juill.' : localize.month((month - 1) as Month, { width: 'abbreviated' });
  return language === 'en' ? `${weekday}, ${monthName} ${day}, ${year}` : `${weekday} ${day} ${monthName} ${year}`;
}

/** A day of the week by number (0 is Sunday), in the user's language: "Tuesday", "mardi". */
export function formatWeekday(language: 'en' | 'fr', day: Day): string {
  return LOCALES[language].localize.day(day, { width: 'wide' });
}

/**
 * A wall-clock time ("08:30", Ontario's) as each language writes it: "8:30 a.m." in Canadian English,
 * "8 h 30" and "8 h" in French (OQLF, with non-breaking spaces), everywhere a time is shown.
 */
export function formatClock(language: 'en' | 'fr', time: string): string {
  const hours = Number(time.slice(0, 2));
  const minutes = time.slice(3, 5);
  if (language === 'fr') return minutes === '00' ? `${hours}\u00a0h` : `${hours}\u00a0h\u00a0${minutes}`;
  const twelve = hours % 12 === 0 ? 12 : hours % 12;
  return `${twelve}:${minutes}\u00a0${hours < 12 ? 'a.m.' : 'p.m.'}`;
}
