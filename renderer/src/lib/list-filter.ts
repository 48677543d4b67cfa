// What the offerings list shows: search, filters and order. Pure, so it is
// tested without a browser.
import type { OfferingRecord, OfferingStatus } from '../../../shared/ipc';
import { standardFor, type Language, type Program } from '../../../shared/standards';
import { firstClassDate, type OfferingKind } from '../../../shared/offering';

export interface ListFilter {
  search: string;
  kind: OfferingKind | 'all';
  status: OfferingStatus | 'all';
  program: Program | 'all';
  language: Language | 'all';
  when: 'upcoming' | 'past' | 'all';
  order: 'soonest' | 'latest';
}

export const DEFAULT_FILTER: ListFilter = { search: '', kind: 'all', status: 'all', program: 'all', language: 'all', when: 'all', order: 'soonest' };

export function firstDate(record: OfferingRecord): string {
  return firstClassDate(record.draft) ?? '';
}

function matches(record: OfferingRecord, f: ListFilter): boolean {
  const d = record.draft;
  const needle = f.search.trim().toLowerCase();
  if (needle && ![d.courseName, d.address.city, d.offeringId].some((s) => s.toLowerCase().includes(needle))) return false;
  if (f.kind !== 'all' && d.kind !== f.kind) return false;
  if (f.status !== 'all' && record.status !== f.status) return false;
  const standard = d.trainingStandardKey ? standardFor(d.trainingStandardKey) : null;
  if (f.program !== 'all' && standard?.program !== f.program) return false;
  if (f.language !== 'all' && standard?.language !== f.language) return false;
  if (f.when === 'upcoming' && record.past) return false;
  if (f.when === 'past' && !record.past) return false;
  return true;
}

/** Upcoming offerings first (soonest first by default), then past ones, most recent first. */
export function visibleOfferings(records: readonly OfferingRecord[], f: ListFilter): OfferingRecord[] {
  const dir = f.order === 'soonest' ? 1 : -1;
  return records
    .filter((r) => matches(r, f))
    .sort((a, b) => {
      if (a.past !== b.past) return a.past ? 1 : -1;
      const da = firstDate(a) || '9999-99-99';
      const db = firstDate(b) || '9999-99-99';
      return a.past ? db.localeCompare(da) : dir * da.localeCompare(db);
    });
}
