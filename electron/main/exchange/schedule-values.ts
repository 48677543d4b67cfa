// Reading the cells of a schedule as Ontario offices type them: dates
// (2027-03-15, 15/03/2027, March 15, 2027, 15 mars 2027, or a spreadsheet
// date), times (8:30 AM, 08h30, 13 h), prices ($89.50, 89,50 $, 1 234,50: the
// form's own reader, shared/number-text),
// yes/no in either language. Pure: each answers a value or null (a price, its
// reading: the import says why one is refused).
import { isDate } from '../../../shared/time';
import type { DateOrder } from '../../../shared/schedule-import';
import { fold } from '../../../shared/text';
import { hasAtMostTwoDecimals } from '../../../shared/offering-rules';
import { readDecimal, readPrice as readTypedPrice, readWholeNumber, type NumberReading } from '../../../shared/number-text';

export type Cell = string | number | boolean | Date | null | undefined;

const pad = (n: number) => String(n).padStart(2, '0');

const MONTHS: Record<string, number> = {
  january: 1, jan: 1, janvier: 1, janv: 1,
  february: 2, feb: 2, fevrier: 2, fevr: 2, fev: 2,
  march: 3, mar: 3, mars: 3,
  april: 4, apr: 4, avril: 4, avr: 4,
  may: 5, mai: 5,
  june: 6, jun: 6, juin: 6,
  july: 7, jul: 7, juillet: 7, juil: 7,
  august: 8, aug: 8, aout: 8,
  september: 9, sep: 9, sept: 9, septembre: 9,
  october: 10, oct: 10, octobre: 10,
  november: 11, nov: 11, novembre: 11,
  december: 12, dec: 12, decembre: 12,
};

export type DateReading = { date: string } | { ambiguous: [string, string] } | { proves: DateOrder; date: string } | null;

function ymd(y: number, m: number, d: number): string | null {
  const text = `${y}-${pad(m)}-${pad(d)}`;
  return isDate(text) ? text : null;
}

/**
 * A date cell. `05/04/2027` fits both orders: `ambiguous` gives both readings
 * (day-first first). `15/04/2027` can only be day-first: it `proves` the order.
 */
export function readDate(cell: Cell): DateReading {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : wrap(ymd(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate()));
  if (typeof cell !== 'string') return null;
  const v = fold(cell).replace(/\s+/g, ' ').replace(/(\d)(er|st|nd|rd|th)\b/g, '$1');
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  if (m) return wrap(ymd(+m[1]!, +m[2]!, +m[3]!));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
  if (m) {
    const a = +m[1]!;
    const b = +m[2]!;
    const y = +m[3]!;
    const dmy = ymd(y, b, a);
    const mdy = ymd(y, a, b);
    if (dmy && mdy) return a === b ? { date: dmy } : { ambiguous: [dmy, mdy] };
    if (dmy) return { proves: 'dmy', date: dmy };
    if (mdy) return { proves: 'mdy', date: mdy };
    return null;
  }
  // "March 15, 2027", "15 March 2027", "15 mars 2027", "le 15 mars 2027", "mars 15 2027"
  m = /^(?:le )?(\d{1,2}) ([a-z]+)\.?,? (\d{4})$/.exec(v) ?? null;
  if (m && MONTHS[m[2]!]) return wrap(ymd(+m[3]!, MONTHS[m[2]!]!, +m[1]!));
  m = /^([a-z]+)\.? (\d{1,2}),? (\d{4})$/.exec(v);
  if (m && MONTHS[m[1]!]) return wrap(ymd(+m[3]!, MONTHS[m[1]!]!, +m[2]!));
  return null;
}

function wrap(date: string | null): DateReading {
  return date === null ? null : { date };
}

/** A time cell: `8:30`, `8:30 AM`, `8:30 p.m.`, `08h30`, `8 h`, `13:00`, or a spreadsheet time (a fraction of a day). */
export function readTime(cell: Cell): string | null {
  if (typeof cell === 'number' && cell >= 0 && cell < 1) {
    const minutes = Math.round(cell * 24 * 60);
    return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
  }
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : `${pad(cell.getUTCHours())}:${pad(cell.getUTCMinutes())}`;
  if (typeof cell !== 'string') return null;
  const v = fold(cell).replace(/\./g, '').replace(/\s+/g, '');
  const m = /^(\d{1,2})(?:[:h](\d{2})?)?(am|pm)?$/.exec(v);
  if (!m) return null;
  let hours = +m[1]!;
  const minutes = m[2] === undefined ? 0 : +m[2];
  if (m[3]) {
    if (hours < 1 || hours > 12) return null;
    hours = (hours % 12) + (m[3] === 'pm' ? 12 : 0);
  } else if (m[2] === undefined && !/h$/.test(v)) return null; // a bare "8" is not a time
  if (hours > 23 || minutes > 59) return null;
  return `${pad(hours)}:${pad(minutes)}`;
}

/** A price cell: text as the form reads it (`149.50`, `$149.50`, `1,234.50`, `89,50 $`, `1 234,50`, `1.234,50`), or a spreadsheet number with at most two decimals. */
export function readPrice(cell: Cell): NumberReading {
  if (typeof cell === 'number') {
    return Number.isFinite(cell) && cell >= 0 && hasAtMostTwoDecimals(cell) ? { ok: true, value: Math.round(cell * 100) / 100 } : { ok: false, code: 'number.unreadable' };
  }
  if (typeof cell !== 'string') return { ok: true, value: null };
  return readTypedPrice(cell);
}

export function readWhole(cell: Cell): number | null {
  if (typeof cell === 'number') return Number.isInteger(cell) && cell >= 0 ? cell : null;
  if (typeof cell !== 'string') return null;
  const reading = readWholeNumber(cell);
  return reading.ok ? reading.value : null;
}

export function readHours(cell: Cell): number | null {
  if (typeof cell === 'number') return cell > 0 ? cell : null;
  if (typeof cell !== 'string') return null;
  const reading = readDecimal(cell.trim().replace(/\s*(h|hours?|heures?)$/i, ''));
  return reading.ok && reading.value !== null && reading.value > 0 ? reading.value : null;
}

/** yes/no, oui/non, true/false, x, 1/0; null when empty or anything else. */
export function readYesNo(cell: Cell): boolean | null {
  if (typeof cell === 'boolean') return cell;
  if (typeof cell === 'number') return cell === 1 ? true : cell === 0 ? false : null;
  if (typeof cell !== 'string') return null;
  const v = fold(cell);
  if (['yes', 'y', 'oui', 'o', 'true', 'vrai', 'x', '1'].includes(v)) return true;
  if (['no', 'n', 'non', 'false', 'faux', '0'].includes(v)) return false;
  return null;
}

export function readDelivery(cell: Cell): 'in-person' | 'virtual' | 'blended' | 'online' | null {
  const v = typeof cell === 'string' ? fold(cell).replace(/[^a-z]/g, '') : '';
  if (['inperson', 'enpersonne', 'presentiel', 'classroom', 'enclasse'].includes(v)) return 'in-person';
  if (['virtual', 'virtuel', 'virtuelle', 'live online', 'adistance'].includes(v)) return 'virtual';
  if (['blended', 'mixte', 'hybride', 'hybrid'].includes(v)) return 'blended';
  if (['online', 'enligne', 'elearning', 'selfpaced'].includes(v)) return 'online';
  return null;
}

export function readLanguage(cell: Cell): 'en' | 'fr' | null {
  const v = typeof cell === 'string' ? fold(cell) : '';
  if (['en', 'english', 'anglais', 'e'].includes(v)) return 'en';
  if (['fr', 'french', 'francais', 'f'].includes(v)) return 'fr';
  return null;
}

/** A cell as text, for names, addresses and the report. */
export function text(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  return String(cell).trim();
}
