// Everything this computer holds about one learner, as a JSON file the person
// can be given: their details opened, their class, attendance, result and record.
import { classOf, learnerRow, nowIso, recordState, type RosterParts } from './roster-class';
import { AppFailure } from '../../../shared/errors';
import { openDetails } from './roster-seal';

export async function exportLearner({ catalogue, learners, keys, clock }: RosterParts, id: string): Promise<{ fileName: string; json: string }> {
  const row = learnerRow(learners, id);
  const { row: offering } = classOf(catalogue, row.offering_row);
  const details = openDetails(await keys.crypto(), row);
  const attendance = Object.fromEntries(learners.attendanceOf(id).map((a) => [a.day, a.present === 1]));
  const data = {
    exportedAt: nowIso(clock),
    learner: details,
    class: { offeringId: offering.offering_id, courseName: offering.course_name, trainingStandardKey: offering.standard_key },
    attendance,
    result: row.result,
    finalTestScore: row.score,
    learningRecord: { state: recordState(row), learningRecordId: row.record_id, reportedAt: row.reported_at },
  };
  return { fileName: `learner-${details.learnerId}.json`, json: JSON.stringify(data, null, 2) };
}

/**
 * Learners' names for Activity, opened from the sealed roster as it is shown: the call log keeps only row ids.
 * A learner erased since has no name; with the data key unreadable (keychain locked), none has.
 */
export async function learnerNames({ learners, keys }: RosterParts, ids: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const rows = [...new Set(ids)].map((id) => learners.get(id)).filter((r) => r !== undefined);
  if (rows.length === 0) return names;
  let crypto: Awaited<ReturnType<RosterParts['keys']['crypto']>>;
  try {
    crypto = await keys.crypto();
  } catch (e) {
    if (e instanceof AppFailure) return names;
    throw e;
  }
  for (const row of rows) {
    const d = openDetails(crypto, row);
    names.set(row.id, `${d.firstName} ${d.lastName}`);
  }
  return names;
}
