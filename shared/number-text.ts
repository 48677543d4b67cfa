// Numbers as people type them in English and French: prices, seats, hours,
// scores. One reader for the form's fields, the list's seats, the roster's
// scores and the schedule import, so a number reads the same wherever it is
// typed. Plain functions (no zod): the window runs them.
//
// The rules, in order:
// - Spaces (the ordinary one, the no-break space U+00A0, the narrow no-break
//   space U+202F French typography uses, the thin space U+2009) between digits
//   group thousands: `1 200,50`.
// - A price may carry `$`, `CA$`, `$CA` or `CAD` before or after it: `$1,200.50`, `1 200,50 $`.
// - Comma and dot both present: the last one is the decimal mark and appears
//   once; the other groups thousands before it (`1,200.50`, `1.200,50`).
//   `1.200,5.0` is refused: no reading of it can be known.
// - One mark, more than once: it groups thousands (`1,200,000`).
// - One mark, once: it is the decimal mark (`149,99`, `149.99`, `2,5`) —
//   except when exactly three digits follow it and one to three digits
//   (not a lone 0) come before, with nothing else grouping: `1,200` is
//   1200 to an English reader and 1,2 to a French one, and a price typed
//   with three decimals is not unusual in French (`1,200` for 1,20 $). That
//   one is refused as ambiguous, with both readings in the message, rather
//   than stored as the wrong one: a lost cent is found, a wrong thousand is
//   published. `1200,500`, `0,500` and `1 200,500` can only be decimals:
//   they are refused for having too many decimals.
// - Thousands groups are 1–3 digits, then exactly 3 each: `12,00,000` is refused.
// - A minus sign is refused (nothing the desk counts is negative).
// - The value is read as a whole number of the smallest unit (cents for a
//   price) from the digits themselves, never through float arithmetic:
//   `149,99` is exactly 14999 cents. At most 12 digits before the decimal mark,
//   so the count stays an exact integer.

/** Why typed text is not a number: each has a message in both languages (`validation.<code>`). */
export type NumberRefusal = 'number.unreadable' | 'number.ambiguous' | 'number.decimals' | 'number.whole' | 'number.negative' | 'number.tooLarge';

/** The exact value in units of 10^-decimals (cents for a price), or null for empty text; or why it cannot be read. */
export type ScaledReading = { ok: true; units: number | null } | { ok: false; code: NumberRefusal };
/** The value itself (units / 10^decimals), or null for empty text; or why it cannot be read. */
export type NumberReading = { ok: true; value: number | null } | { ok: false; code: NumberRefusal };

export const MAX_WHOLE_DIGITS = 12;

const SPACES = /[ \u00a0\u202f\u2009]/g;
const CURRENCY = /^(?:CA\$|\$CA|CAD|\$)\s*|\s*(?:CA\$|\$CA|CAD|\$)$/gi;

function refuse(code: NumberRefusal): { ok: false; code: NumberRefusal } {
  return { ok: false, code };
}

/** Thousands groups joined by `mark`: 1–3 digits, then groups of exactly 3. */
function ungroup(text: string, mark: string | null): string | null {
  const groups = mark === null ? [text] : text.split(mark);
  if (!groups.every((g) => /^\d+$/.test(g))) return null;
  if (groups.length === 1) return groups[0]!;
  if (groups[0]!.length > 3 || groups.slice(1).some((g) => g.length !== 3)) return null;
  return groups.join('');
}

/**
 * Typed text as an exact count of 10^-decimals units: `readScaled('149,99', 2)` is 14999.
 * `currency` also accepts a dollar sign or CAD around the number.
 */
export function readScaled(typed: string, decimals: number, { currency = false }: { currency?: boolean } = {}): ScaledReading {
  let text = typed.trim();
  if (currency) text = text.replace(CURRENCY, '').trim();
  if (text === '') return typed.trim() === '' ? { ok: true, units: null } : refuse('number.unreadable');
  if (/^[-\u2212]/.test(text)) return refuse('number.negative');
  if (!/^\d[\d.,\u00a0\u202f\u2009 ]*$/.test(text) || /[^\d]$/.test(text)) return refuse('number.unreadable');
  // A space grouping thousands sits between digits, one at a time.
  if (/[\u00a0\u202f\u2009 ]{2,}|[.,][\u00a0\u202f\u2009 ]|[\u00a0\u202f\u2009 ][.,]/.test(text)) return refuse('number.unreadable');
  const spaced = /[\u00a0\u202f\u2009 ]/.test(text);
  const commas = (text.match(/,/g) ?? []).length;
  const dots = (text.match(/\./g) ?? []).length;

  let decimal: ',' | '.' | null = null;
  let group: ',' | '.' | null = null;
  if (commas > 0 && dots > 0) {
    decimal = text.lastIndexOf(',') > text.lastIndexOf('.') ? ',' : '.';
    group = decimal === ',' ? '.' : ',';
    if ((decimal === ',' ? commas : dots) !== 1 || spaced) return refuse('number.unreadable');
  } else if (commas + dots > 1) {
    group = commas > 0 ? ',' : '.';
    if (spaced) return refuse('number.unreadable');
  } else if (commas + dots === 1) {
    const mark = commas > 0 ? ',' : '.';
    const [before, after] = text.split(mark) as [string, string];
    if (!spaced && after.length === 3 && /^[1-9]\d{0,2}$/.test(before)) return refuse('number.ambiguous');
    decimal = mark;
  }

  const [wholePart, fraction = ''] = decimal === null ? [text] : text.split(decimal);
  const digits = ungroup(wholePart!.replace(SPACES, group ?? ' '), spaced ? ' ' : group);
  if (digits === null) return refuse('number.unreadable');
  if (!/^\d*$/.test(fraction)) return refuse('number.unreadable');
  if (fraction.length > decimals) return refuse(decimals === 0 ? 'number.whole' : 'number.decimals');
  if (digits.replace(/^0+(?=\d)/, '').length > MAX_WHOLE_DIGITS) return refuse('number.tooLarge');
  return { ok: true, units: Number(digits + fraction.padEnd(decimals, '0')) };
}

function unscaled(reading: ScaledReading, decimals: number): NumberReading {
  if (!reading.ok) return reading;
  // units / 100 is the double nearest the typed decimal: the one JSON writes back as typed ("149.99").
  return { ok: true, value: reading.units === null ? null : reading.units / 10 ** decimals };
}

/** A price in dollars, typed with or without a dollar sign: `149,99`, `$1,200.50`, `1 200,50 $`. */
export function readPrice(typed: string): NumberReading {
  return unscaled(readScaled(typed, 2, { currency: true }), 2);
}

/** A price as exact cents. */
export function readCents(typed: string): ScaledReading {
  return readScaled(typed, 2, { currency: true });
}

/** A number with at most `decimals` decimals (hours, scores): `2,5`, `2.5`, `87,5`. */
export function readDecimal(typed: string, decimals = 2): NumberReading {
  return unscaled(readScaled(typed, decimals), decimals);
}

/** A whole number (seats): `12`, `1 200`; `12,5` is refused as not whole. */
export function readWholeNumber(typed: string): NumberReading {
  return unscaled(readScaled(typed, 0), 0);
}

const DECIMAL_MARK = { en: '.', fr: ',' } as const;

/**
 * A number as the field shows it, read back the same by the readers above: the
 * language's decimal mark, no thousands grouping (so `1200,5` never turns ambiguous),
 * cents shown in full for a price (`149,50`), none for a whole amount (`150`).
 */
export function showNumber(language: 'en' | 'fr', value: number | null, decimals: number, { fixed = false }: { fixed?: boolean } = {}): string {
  if (value === null || !Number.isFinite(value)) return '';
  const units = Math.round(value * 10 ** decimals);
  const whole = Math.trunc(units / 10 ** decimals);
  let fraction = String(Math.abs(units) % 10 ** decimals).padStart(decimals, '0');
  if (!fixed || /^0*$/.test(fraction)) fraction = fraction.replace(/0+$/, '');
  return `${units < 0 ? '-' : ''}${Math.abs(whole)}${fraction ? DECIMAL_MARK[language] + fraction : ''}`;
}
