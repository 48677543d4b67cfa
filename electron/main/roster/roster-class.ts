// What every part of the roster reads: the class a roster belongs to (its
// dated class days), a learner's row, who taught which day and who was
// present, and the rule that a reported learner no longer changes.
import { failure } from '../../../shared/errors';
import type { RecordState } from '../../../shared/learner';
import type { WahModule } from '../../../shared/program-rules';
import type { Person } from '../../../shared/roster-contract';
import { isDate, isTime, todayInOntario } from '../../../shared/time';
import type { Catalogue, Clock, OfferingRow } from '../catalogue/catalogue';
import { readDraft } from '../catalogue/catalogue';
import type { LearnersStore, LearnerRow } from './learners-store';
import type { StaffStore } from './staff-store';
import type { DataKeys } from './data-key';
import type { ProofsStore } from './proofs-store';

/** What the roster's parts read and write through. */
export interface RosterParts {
  catalogue: Catalogue;
  learners: LearnersStore;
  staff: StaffStore;
  keys: DataKeys;
  clock: Clock;
  /** When each learner was given a proof of completion. */
  proofs: ProofsStore;
}

export interface ClassDayTimes {
  date: string;
  start: string;
  end: string;
  /** Working at Heights: the module the day teaches, when the form says. */
  module?: WahModule | undefined;
}

export const nowIso = (clock: Clock) => clock.now().toISOString();

/** The year a birth year is judged against: this year in Ontario. */
export const thisYear = (clock: Clock) => Number(todayInOntario(clock.now()).slice(0, 4));

/** The class and its complete class days in date order; a trashed offering or an online course has no roster. */
export function classOf(catalogue: Catalogue, offeringRowId: string): { row: OfferingRow; days: ClassDayTimes[] } {
  const row = catalogue.row(offeringRowId);
  if (row.trashed_at !== null) throw failure('not-found', 'This offering is in the Trash.');
  if (row.kind !== 'class') {
    const message = 'Rosters are kept for classes; an online course has no class days.';
    throw failure('validation', message, { fields: [{ path: 'kind', code: 'roster.onlyClasses', message }] });
  }
  const days = readDraft(row)
    .classDays.filter((d) => isDate(d.date) && isTime(d.start) && isTime(d.end))
    .sort((a, b) => a.date.localeCompare(b.date));
  return { row, days };
}

export function assertClassDay(catalogue: Catalogue, offeringRowId: string, day: string): void {
  if (!classOf(catalogue, offeringRowId).days.some((d) => d.date === day)) throw failure('validation', 'This class has no class day on that date.');
}

export function onRoster(row: LearnerRow | undefined): LearnerRow {
  if (!row) throw failure('not-found', 'This learner is no longer on the roster.');
  return row;
}

export function learnerRow(learners: LearnersStore, id: string): LearnerRow {
  return onRoster(learners.get(id));
}

/** The record is final once it is on its way: the person's details and results can no longer change. */
export function assertChangeable(row: LearnerRow): void {
  if (row.record_state === 'waiting' || row.record_state === 'reported' || row.record_in_flight === 1) {
    throw failure('learner-reported', 'This learner’s completion has been reported to the ministry, so their details and results can no longer change here. The ministry’s system accepts corrections only through the API provider’s support.');
  }
}

export function recordState(row: LearnerRow): RecordState {
  return row.record_state === null ? 'not-reported' : row.record_state;
}

/** Who taught and who evaluated, per class day. */
export function staffByDay(staff: StaffStore, offeringRowId: string) {
  const byDay = new Map<string, { instructors: Person[]; evaluators: Person[] }>();
  for (const s of staff.staffOf(offeringRowId)) {
    const entry = byDay.get(s.day) ?? { instructors: [], evaluators: [] };
    (s.role === 'instructor' ? entry.instructors : entry.evaluators).push({ id: s.person_id, name: s.name });
    byDay.set(s.day, entry);
  }
  return byDay;
}

/** Who was present which day, per learner of the class. */
export function presenceOf(learners: LearnersStore, offeringRowId: string): Map<string, Record<string, boolean>> {
  const presence = new Map<string, Record<string, boolean>>();
  for (const a of learners.attendance(offeringRowId)) presence.set(a.learner_id, { ...presence.get(a.learner_id), [a.day]: a.present === 1 });
  return presence;
}
