// The roster as the window reads it: the class, each learner opened with
// their attendance, result and record, each class day with its staff, and the
// people to pick from; with the program standards' warnings where staff work
// (program-rules): learners per instructor by WAH module, a JHSC class's size,
// a learner's earlier training outside the class's window.
import { AppError } from '../../../shared/errors';
import { isCompleted } from '../../../shared/learner';
import { classSizeWarning, learnersPerInstructor, priorTrainingOf, priorTrainingWarning, ratioWarning, type ProgramOf } from '../../../shared/program-rules';
import type { RosterView } from '../../../shared/roster-contract';
import { isStandardKey, standardFor } from '../../../shared/standards';
import { classOf, nowIso, presenceOf, recordState, staffByDay, type RosterParts } from './roster-class';
import { openDetails } from './roster-seal';

export async function rosterView({ catalogue, learners, staff, keys, clock, proofs }: RosterParts, offeringRowId: string): Promise<RosterView> {
  const { row, days } = classOf(catalogue, offeringRowId);
  const rows = learners.byOffering(offeringRowId);
  const crypto = rows.length > 0 ? await keys.crypto() : null;
  const presence = presenceOf(learners, offeringRowId);
  const dates = days.map((d) => d.date);
  const byDay = staffByDay(staff, offeringRowId);
  const proofIssued = proofs.issuedFor(offeringRowId);
  const program: ProgramOf | null = isStandardKey(row.standard_key) ? standardFor(row.standard_key) : null;
  const priorTraining = program ? priorTrainingOf(program) : null;
  // The class is judged on its completion: its last day.
  const completion = dates.at(-1);
  return {
    offering: {
      id: row.id,
      offeringId: row.offering_id,
      courseName: row.course_name,
      standardKey: row.standard_key,
      listed: row.listed !== null,
      over: row.last_end_utc !== null && row.last_end_utc <= nowIso(clock),
      seats: row.seats,
      priorTraining,
      classSize: program ? classSizeWarning(program, rows.length) : null,
    },
    learners: rows.map((r) => {
      const attendance = presence.get(r.id) ?? {};
      const details = openDetails(crypto!, r);
      const prior = program && completion ? priorTrainingWarning(program, details.previousTrainingDate, completion) : null;
      return {
        id: r.id,
        details,
        attendance,
        result: r.result,
        score: r.score,
        completed: isCompleted(r.result, dates, attendance),
        record: { state: recordState(r), reportedAt: r.reported_at, error: r.record_error === null ? null : AppError.parse(JSON.parse(r.record_error)) },
        proofIssuedAt: proofIssued.get(r.id) ?? null,
        priorTraining: prior ? { problem: prior.problem, until: prior.until } : null,
      };
    }),
    days: days.map((d) => {
      const s = byDay.get(d.date) ?? { instructors: [], evaluators: [] };
      // Learners expected that day: everyone not marked absent.
      const expected = rows.filter((r) => presence.get(r.id)?.[d.date] !== false).length;
      // Only the WAH full course asks its days their module; a day of another program has none to say.
      const module = program?.course === 'WAH' ? (d.module ?? null) : null;
      return {
        day: d.date,
        start: d.start,
        end: d.end,
        instructors: s.instructors.map((p) => p.id),
        evaluators: s.evaluators.map((p) => p.id),
        module,
        expected,
        ratioLimit: program ? learnersPerInstructor(program, module) : null,
        ratioWarning: program !== null && ratioWarning(program, module, expected, s.instructors.length) !== null,
      };
    }),
    people: [...staff.active(), ...[...byDay.values()].flatMap((s) => [...s.instructors, ...s.evaluators])].filter((p, i, all) => all.findIndex((q) => q.id === p.id) === i),
  };
}
