// Each row of a schedule file read on its own: its date cells (read once,
// in the order the file proves or the user chose), its standard (as the
// user settled a label that fits several), the draft it makes, and why it is
// refused or what it still lacks for publishing.
import { emptyDraft, type OfferingDraft } from '../../../shared/offering';
import { isOnlineStandard, type StandardKey } from '../../../shared/standards';
import { SCHEDULE_COLUMNS } from '../../../shared/schedule-columns';
import type { DateOrder, ImportChoices, ImportRow, ScheduleMapping } from '../../../shared/schedule-import';
import { readDate, readDelivery, readHours, readLanguage, readPrice, readTime, readWhole, readYesNo, text, type Cell, type DateReading } from './schedule-values';
import { standardsFor } from './standard-labels';
import type { Columns } from './schedule-mapping';
import type { ScheduleTable } from './schedule-table';

/** The user's choices, with their defaults filled in. */
export type Choices = ReturnType<typeof ImportChoices.parse>;

export interface ParsedRow {
  line: number;
  offeringId: string;
  courseName: string;
  standardText: string;
  draftPart: Omit<OfferingDraft, 'classDays'>;
  days: { date: string; start: string; end: string }[];
  standardOptions: StandardKey[];
  problems: ImportRow['problems'];
  notes: ImportRow['incomplete'];
  adopted: boolean;
  online: boolean;
  cells: string[];
}

type DateCell = { column: number; raw: Cell; reading: DateReading };

/**
 * Every date cell of every row, read once: its reading both proves the order
 * and makes the class day. Dates that fit both orders are read as the file
 * proves, or as the user says.
 */
export function readDates(table: ScheduleTable, mapping: ScheduleMapping) {
  const readings: DateCell[][] = table.rows.map((r) => mapping.dates.map((c) => ({ column: c, raw: r.cells[c], reading: readDate(r.cells[c]) })));
  const all = readings.flat().map((d) => d.reading);
  const proof = all.find((d): d is Extract<DateReading, { proves: DateOrder }> => d !== null && 'proves' in d);
  const proven: DateOrder | null = proof?.proves ?? null;
  const ambiguousSeen = all.some((d) => d !== null && 'ambiguous' in d);
  return { readings, proven, ambiguousSeen };
}

export function parseRow({ line, cells }: ScheduleTable['rows'][number], dates: readonly DateCell[], { heading, col, cellOf }: Columns, mapping: ScheduleMapping, choices: Choices, order: DateOrder | null): ParsedRow {
  const problems: ImportRow['problems'] = [];
  const notes: ImportRow['incomplete'] = [];
  const courseName = text(cellOf(cells, 'courseName'));
  if (courseName === '') problems.push({ column: col('courseName') || SCHEDULE_COLUMNS[1], code: 'import.noCourseName', message: 'This row has no course name.' });
  const delivery = readDelivery(cellOf(cells, 'delivery'));
  const language = readLanguage(cellOf(cells, 'language'));
  const standardText = text(cellOf(cells, 'standard'));
  const settled = choices.standards[standardText];
  const candidates = standardText === '' ? [] : standardsFor(standardText, { delivery, language });
  const options = settled && candidates.includes(settled) ? [settled] : candidates;
  if (standardText !== '' && options.length === 0) notes.push({ path: 'trainingStandardKey', code: 'import.standardUnknown', message: `“${standardText.slice(0, 60)}” is not a training standard Offering Desk knows.` });
  const standard = options.length === 1 ? options[0]! : '';
  const online = delivery === 'online' || (standard !== '' && isOnlineStandard(standard));

  const days: ParsedRow['days'] = [];
  const start = readTime(cellOf(cells, 'start'));
  const end = readTime(cellOf(cells, 'end'));
  if (text(cellOf(cells, 'start')) !== '' && start === null) notes.push({ path: 'classDays', code: 'import.timeUnreadable', message: `“${text(cellOf(cells, 'start'))}” is not a time.` });
  if (text(cellOf(cells, 'end')) !== '' && end === null) notes.push({ path: 'classDays', code: 'import.timeUnreadable', message: `“${text(cellOf(cells, 'end'))}” is not a time.` });
  for (const { column: c, raw, reading } of dates) {
    if (text(raw) === '') continue;
    if (reading === null) {
      problems.push({ column: heading(c), code: 'import.dateUnreadable', message: `“${text(raw).slice(0, 40)}” is not a date Offering Desk can read.` });
      continue;
    }
    if ('ambiguous' in reading) {
      if (order === null) {
        problems.push({ column: heading(c), code: 'import.dateOrder', message: 'Choose how to read dates such as 05/04/2027 (day first or month first).' });
        continue;
      }
      days.push({ date: reading.ambiguous[order === 'dmy' ? 0 : 1], start: start ?? '', end: end ?? '' });
    } else days.push({ date: reading.date, start: start ?? '', end: end ?? '' });
  }
  if (!online && days.length === 0 && !problems.some((p) => p.code.startsWith('import.date'))) {
    problems.push({ column: heading(mapping.dates[0]) || 'Date', code: 'import.noDate', message: 'This row has no usable class date.' });
  }
  const priceText = text(cellOf(cells, 'price'));
  const priceReading = readPrice(cellOf(cells, 'price'));
  const price = priceReading.ok ? priceReading.value : null;
  if (!priceReading.ok) {
    notes.push(
      priceReading.code === 'number.ambiguous'
        ? { path: 'price', code: 'import.priceAmbiguous', message: `“${priceText.slice(0, 30)}” can be read as thousands or as decimals.` }
        : { path: 'price', code: 'import.priceUnreadable', message: `“${priceText.slice(0, 30)}” is not a price.` },
    );
  }
  const seats = readWhole(cellOf(cells, 'seats'));
  const province = text(cellOf(cells, 'province')).toUpperCase();
  const base = emptyDraft(online ? 'online' : 'class');
  const draftPart: ParsedRow['draftPart'] = {
    ...base,
    offeringId: text(cellOf(cells, 'offeringId')),
    trainingStandardKey: standard,
    courseName,
    seatsRemaining: online ? null : seats,
    contactForPricing: readYesNo(cellOf(cells, 'contactForPricing')) ?? false,
    price,
    address: online
      ? base.address
      : { street: text(cellOf(cells, 'street')), extended: text(cellOf(cells, 'extended')), city: text(cellOf(cells, 'city')), province: province === '' ? 'ON' : province.slice(0, 2), postalCode: text(cellOf(cells, 'postalCode')) },
    registrationUrl: text(cellOf(cells, 'registrationUrl')),
    virtualClassUrl: text(cellOf(cells, 'virtualClassUrl')),
    courseDurationHours: online ? readHours(cellOf(cells, 'courseDuration')) : null,
  };
  const adopted = choices.adoptAll || readYesNo(cellOf(cells, 'listed')) === true;
  return { line, offeringId: draftPart.offeringId, courseName, standardText, draftPart, days, standardOptions: candidates, problems, notes, adopted, online, cells: cells.map((c) => text(c)) };
}
