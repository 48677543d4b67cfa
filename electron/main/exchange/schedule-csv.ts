// Export CSV: the offerings shown, as a schedule file in SCHEDULE_COLUMNS
// (the columns a schedule import reads), quoted by csv-stringify.
import { SCHEDULE_COLUMNS, YES, NO } from '../../../shared/schedule-columns';
import type { OfferingDraft } from '../../../shared/offering';
import { toCsv } from './csv-export';

export interface ExportedOffering {
  draft: OfferingDraft;
  listed: boolean;
}

function rowsOf({ draft, listed }: ExportedOffering): string[][] {
  const a = draft.address;
  const cell = (value: string | number | null | undefined) => (value === null || value === undefined ? '' : String(value));
  const common = (date: string, start: string, end: string) => [
    draft.offeringId,
    draft.courseName,
    draft.trainingStandardKey,
    date,
    start,
    end,
    cell(draft.kind === 'online' ? null : draft.seatsRemaining),
    cell(draft.contactForPricing ? null : draft.price),
    draft.contactForPricing ? YES : NO,
    a.street,
    a.extended,
    a.city,
    draft.kind === 'online' ? '' : a.province,
    a.postalCode,
    draft.registrationUrl,
    draft.virtualClassUrl,
    cell(draft.kind === 'online' ? draft.courseDurationHours : null),
    listed ? YES : NO,
  ];
  if (draft.kind === 'online' || draft.classDays.length === 0) return [common('', '', '')];
  return [...draft.classDays].sort((x, y) => x.date.localeCompare(y.date)).map((d) => common(d.date, d.start, d.end));
}

export function scheduleCsv(offerings: readonly ExportedOffering[]): Promise<string> {
  return toCsv([[...SCHEDULE_COLUMNS], ...offerings.flatMap(rowsOf)]);
}
