// Everything this computer holds about one learner, as a JSON file the person
// can be given: their details opened, their class, attendance, result and record.
import { classOf, learnerRow, nowIso, recordState, type RosterParts } from './roster-class';
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
