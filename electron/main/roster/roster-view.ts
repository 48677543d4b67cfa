// The roster as the window reads it: the class, each learner opened with
// their attendance, result and record, each class day with its staff (and
// whether a WAH practical is short of instructors), and the people to pick from.
import { AppError } from '../../../shared/errors';
import { isCompleted, WAH_PRACTICAL_RATIO } from '../../../shared/learner';
import type { RosterView } from '../../../shared/roster-contract';
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
  const wah = row.standard_key?.startsWith('WAH') ?? false;
  return {
    offering: {
      id: row.id,
      offeringId: row.offering_id,
      courseName: row.course_name,
      standardKey: row.standard_key,
      listed: row.listed !== null,
      over: row.last_end_utc !== null && row.last_end_utc <= nowIso(clock),
    },
    learners: rows.map((r) => {
      const attendance = presence.get(r.id) ?? {};
      return {
        id: r.id,
        details: openDetails(crypto!, r),
        attendance,
        result: r.result,
        score: r.score,
        completed: isCompleted(r.result, dates, attendance),
        record: { state: recordState(r), reportedAt: r.reported_at, error: r.record_error === null ? null : AppError.parse(JSON.parse(r.record_error)) },
        proofIssuedAt: proofIssued.get(r.id) ?? null,
      };
    }),
    days: days.map((d) => {
      const s = byDay.get(d.date) ?? { instructors: [], evaluators: [] };
      // Learners expected that day: everyone not marked absent.
      const expected = rows.filter((r) => presence.get(r.id)?.[d.date] !== false).length;
      return {
        day: d.date,
        start: d.start,
        end: d.end,
        instructors: s.instructors.map((p) => p.id),
        evaluators: s.evaluators.map((p) => p.id),
        ratioWarning: wah && expected > WAH_PRACTICAL_RATIO * Math.max(1, s.instructors.length),
      };
    }),
    people: [...staff.active(), ...[...byDay.values()].flatMap((s) => [...s.instructors, ...s.evaluators])].filter((p, i, all) => all.findIndex((q) => q.id === p.id) === i),
  };
}
