// The roster's bulk actions staff asked for (#27 item 4): everyone present on
// a class day, everyone who came every day completed, and Undo of either.
// What a bulk action leaves alone it counts, so the window can say so: a
// learner reported (or on the way) is never changed; one marked absent, or
// marked Not completed, keeps what staff said.
import { failure } from '../../../shared/errors';
import type { BulkResult, RosterView } from '../../../shared/roster-contract';
import { assertClassDay, classOf, nowIso, presenceOf, type RosterParts } from './roster-class';
import type { LearnerRow } from './learners-store';
import { rosterView } from './roster-view';

const isFinal = (r: LearnerRow) => r.record_in_flight === 1 || r.record_state === 'waiting' || r.record_state === 'reported';

export async function markAllPresent(parts: RosterParts, offeringRowId: string, day: string): Promise<BulkResult> {
  const { catalogue, learners } = parts;
  assertClassDay(catalogue, offeringRowId, day);
  // Read and written with no await between: nothing else runs in this process meanwhile.
  const rows = learners.byOffering(offeringRowId);
  const presence = presenceOf(learners, offeringRowId);
  const final = rows.filter(isFinal).length;
  const kept = rows.filter((r) => !isFinal(r) && presence.get(r.id)?.[day] === false).length;
  const changed = learners.markAllPresent(offeringRowId, day);
  return { roster: await rosterView(parts, offeringRowId), changed, final, kept, notPresent: 0 };
}

export async function markAllCompleted(parts: RosterParts, offeringRowId: string): Promise<BulkResult> {
  const { catalogue, learners, clock } = parts;
  const dates = classOf(catalogue, offeringRowId).days.map((d) => d.date);
  if (dates.length === 0) {
    const message = 'This class has no complete class day yet: give its days a date and times first.';
    throw failure('validation', message, { fields: [{ path: 'classDays', code: 'classDays.required', message }] });
  }
  const all = learners.byOffering(offeringRowId);
  const rows = all.filter((r) => !isFinal(r));
  const presence = presenceOf(learners, offeringRowId);
  const everyDay = (r: LearnerRow) => dates.every((d) => presence.get(r.id)?.[d] === true);
  const final = all.length - rows.length;
  const kept = rows.filter((r) => r.result === 'not-completed').length;
  const notPresent = rows.filter((r) => r.result === null && !everyDay(r)).length;
  const changed = learners.markAllCompleted(offeringRowId, dates, nowIso(clock));
  return { roster: await rosterView(parts, offeringRowId), changed, final, kept, notPresent };
}

export async function undoBulk(parts: RosterParts, offeringRowId: string, day: string | null, ids: readonly string[]): Promise<RosterView> {
  const { catalogue, learners, clock } = parts;
  if (day === null) classOf(catalogue, offeringRowId);
  else assertClassDay(catalogue, offeringRowId, day);
  learners.undoBulk(offeringRowId, day, ids, nowIso(clock));
  return rosterView(parts, offeringRowId);
}

export function learnerCount(parts: RosterParts, offeringRowId: string): { learners: number } {
  classOf(parts.catalogue, offeringRowId);
  return { learners: parts.learners.count(offeringRowId) };
}
