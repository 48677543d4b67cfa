// The roster's changes by hand: a learner's details, a day's attendance, a
// result, a class day's instructors and evaluators, and erasing a learner.
// Each answers with the roster as it is after the change.
import { failure } from '../../../shared/errors';
import { learnerProblems, sameLearner, LearnerDetails, type LearnerResult } from '../../../shared/learner';
import type { RosterView } from '../../../shared/roster-contract';
import { assertChangeable, assertClassDay, classOf, learnerRow, nowIso, onRoster, thisYear, type RosterParts } from './roster-class';
import { DUPLICATE, normalised, othersOnRoster, sealNew } from './roster-seal';
import { rosterView } from './roster-view';

/** Adds a learner (`id` null) or changes one's details, once they are valid and not already on the roster. */
export async function saveLearner(parts: RosterParts, offeringRowId: string, id: string | null, input: LearnerDetails): Promise<RosterView> {
  const { catalogue, learners, keys, clock } = parts;
  classOf(catalogue, offeringRowId);
  const crypto = await keys.crypto();
  const details = normalised(LearnerDetails.parse(input));
  const problems = learnerProblems(details, thisYear(clock));
  if (othersOnRoster(crypto, learners, offeringRowId, id).some((o) => sameLearner(o, details))) problems.push(DUPLICATE);
  if (problems.length > 0) throw failure('validation', 'Some of this learner’s details need attention.', { fields: problems });
  if (id === null) {
    learners.add(offeringRowId, [sealNew(crypto, details, nowIso(clock))]);
  } else {
    learners.reseal(id, crypto.seal(id, details), nowIso(clock), (found) => {
      const row = onRoster(found);
      if (row.offering_row !== offeringRowId) throw failure('not-found', 'This learner is not on this class’s roster.');
      assertChangeable(row);
    });
  }
  return rosterView(parts, offeringRowId);
}

export async function setAttendance(parts: RosterParts, id: string, day: string, present: boolean): Promise<RosterView> {
  const row = learnerRow(parts.learners, id);
  assertChangeable(row);
  assertClassDay(parts.catalogue, row.offering_row, day);
  parts.learners.setAttendance(id, day, present);
  return rosterView(parts, row.offering_row);
}

export async function setResult(parts: RosterParts, id: string, result: LearnerResult | null, score: number | null): Promise<RosterView> {
  const row = learnerRow(parts.learners, id);
  assertChangeable(row);
  parts.learners.setResult(id, result, score, nowIso(parts.clock));
  return rosterView(parts, row.offering_row);
}

export async function setDayStaff(parts: RosterParts, offeringRowId: string, day: string, instructors: string[], evaluators: string[]): Promise<RosterView> {
  const { catalogue, staff } = parts;
  assertClassDay(catalogue, offeringRowId, day);
  for (const personId of [...instructors, ...evaluators]) if (!staff.get(personId)) throw failure('not-found', 'This person is no longer in the list of instructors and evaluators.');
  staff.setDay(offeringRowId, day, [...new Set(instructors)], [...new Set(evaluators)]);
  return rosterView(parts, offeringRowId);
}

/** Removes a learner from the roster, and with them everything this computer holds about them (attendance cascades). */
export async function eraseLearner(parts: RosterParts, id: string): Promise<RosterView> {
  const row = learnerRow(parts.learners, id);
  assertChangeable(row);
  parts.learners.remove(id);
  return rosterView(parts, row.offering_row);
}
