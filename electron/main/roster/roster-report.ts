// Learning records: what a report of a class would send and what stops it,
// the intent to report stored per learner (the queue sends it, record-job.ts),
// a refused record sent again, and the body's facts read when it is sent.
import { randomUUID } from 'node:crypto';
import { failure, AppError, AppFailure } from '../../../shared/errors';
import { isCompleted } from '../../../shared/learner';
import type { RosterView, RecordsPreview } from '../../../shared/roster-contract';
import { ontarioToUtc } from '../../../shared/time';
import { isStandardKey } from '../../../shared/standards';
import { NAME_SEPARATOR, type RecordFacts } from '../marketplace/record-wire';
import { classOf, learnerRow, nowIso, presenceOf, staffByDay, type RosterParts } from './roster-class';
import { openDetails } from './roster-seal';
import { rosterView } from './roster-view';

/** What a report of this class would send, and what stops it. */
function reportFacts({ catalogue, staff, clock }: Pick<RosterParts, 'catalogue' | 'staff' | 'clock'>, offeringRowId: string) {
  const { row, days } = classOf(catalogue, offeringRowId);
  const byDay = staffByDay(staff, offeringRowId);
  const names = (role: 'instructors' | 'evaluators') => [...new Set(days.flatMap((d) => (byDay.get(d.date)?.[role] ?? []).map((p) => p.name)))];
  const last = days.at(-1);
  const blockers: AppError[] = [];
  if (row.last_end_utc === null || row.last_end_utc > nowIso(clock)) {
    blockers.push({ code: 'class-not-over', message: 'Completions can be reported once the last class day has ended.' });
  }
  if (row.listed === null) blockers.push({ code: 'not-listed', message: 'The ministry accepts learning records only for a class listed on the Marketplace: publish this class first.' });
  if (names('instructors').length === 0 || names('evaluators').length === 0) {
    blockers.push({ code: 'validation', message: 'Record at least one instructor and one evaluator for the class days.', fields: [{ path: 'staff', code: 'staff.required', message: 'Record at least one instructor and one evaluator for the class days.' }] });
  }
  return {
    row,
    days,
    instructorNames: names('instructors'),
    evaluatorNames: names('evaluators'),
    completionDay: last?.date ?? null,
    completionDate: last ? ontarioToUtc(last.date, last.end) : null,
    blockers,
  };
}

/** The class's facts, and its learners who can be reported now (completed; not reported, or refused). */
function reportable(parts: Pick<RosterParts, 'catalogue' | 'staff' | 'learners' | 'clock'>, offeringRowId: string) {
  const facts = reportFacts(parts, offeringRowId);
  const dates = facts.days.map((d) => d.date);
  const presence = presenceOf(parts.learners, offeringRowId);
  const rows = parts.learners
    .byOffering(offeringRowId)
    .filter((r) => (r.record_state === null || r.record_state === 'refused') && isCompleted(r.result, dates, presence.get(r.id) ?? {}));
  return { facts, rows };
}

export async function reportPreview(parts: RosterParts, offeringRowId: string): Promise<RecordsPreview> {
  const { facts, rows } = reportable(parts, offeringRowId);
  const crypto = rows.length > 0 ? await parts.keys.crypto() : null;
  return {
    standardKey: facts.row.standard_key,
    completionDay: facts.completionDay,
    completionDate: facts.completionDate,
    instructorNames: facts.instructorNames.join(NAME_SEPARATOR),
    evaluatorNames: facts.evaluatorNames.join(NAME_SEPARATOR),
    learners: rows.map((r) => {
      const d = openDetails(crypto!, r);
      return { id: r.id, name: `${d.firstName} ${d.lastName}`, email: d.email, learnerId: d.learnerId };
    }),
    blockers: facts.blockers,
  };
}

/** Stores the intent to report each learner, with its learningRecordId, in one transaction; the queue sends them. */
export async function report(parts: RosterParts, offeringRowId: string, ids: string[]): Promise<RosterView> {
  const { facts, rows } = reportable(parts, offeringRowId);
  if (facts.blockers.length > 0) throw new AppFailure(facts.blockers[0]!);
  const allowed = new Set(rows.map((r) => r.id));
  const refused = ids.filter((id) => !allowed.has(id));
  if (refused.length > 0) throw failure('validation', `${refused.length === 1 ? 'One learner is' : `${refused.length} learners are`} not ready to report: only learners present every day and marked completed, not yet reported, can be.`);
  parts.learners.queueRecords(ids.map((id) => ({ id, recordId: randomUUID(), now: nowIso(parts.clock) })));
  return rosterView(parts, offeringRowId);
}

export async function retry(parts: RosterParts, id: string): Promise<RosterView> {
  const row = learnerRow(parts.learners, id);
  if (row.record_state !== 'refused') throw failure('validation', 'Only a refused learning record can be sent again.');
  return report(parts, row.offering_row, [id]);
}

/** The body's facts for a waiting record, read when it is sent (the learner's details as they are now). */
export async function recordFacts(parts: RosterParts, id: string): Promise<{ facts: RecordFacts; offeringId: string; personal: string[] } | null> {
  const row = parts.learners.get(id);
  if (!row || row.record_state !== 'waiting' || row.record_id === null) return null;
  const facts = reportFacts(parts, row.offering_row);
  const details = openDetails(await parts.keys.crypto(), row);
  const key = facts.row.standard_key;
  // A listed class always has its standard; a row without one is damaged and the integrity check holds it.
  if (key === null || !isStandardKey(key)) return null;
  return {
    offeringId: facts.row.offering_id,
    personal: [details.firstName, details.lastName, details.email, details.mobilePhone, details.homePhone, details.address.street, details.learnerId].filter((v) => v.trim() !== ''),
    facts: {
      learningRecordId: row.record_id,
      trainingStandardKey: key,
      completionDate: facts.completionDate ?? '',
      externalClassId: facts.row.offering_id,
      instructorNames: facts.instructorNames,
      evaluatorNames: facts.evaluatorNames,
      learner: details,
    },
  };
}
