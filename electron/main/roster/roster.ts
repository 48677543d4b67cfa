// The roster's rules: learners (sealed at rest), attendance, results, who
// taught and evaluated each day, roster files, and the intent to report
// learning records. Its SQL is the learners and staff stores'.
import { randomUUID, randomBytes } from 'node:crypto';
import { failure, AppError, AppFailure } from '../../../shared/errors';
import { isCompleted, learnerProblems, sameLearner, LearnerDetails, WAH_PRACTICAL_RATIO, type LearnerResult, type RosterMapping, type RecordState } from '../../../shared/learner';
import type { RosterView, RosterPreview, RecordsPreview, Person } from '../../../shared/roster-contract';
import { normalisePostalCode } from '../../../shared/offering';
import { isDate, isTime, ontarioToUtc, todayInOntario } from '../../../shared/time';
import { isStandardKey } from '../../../shared/standards';
import type { Catalogue, Clock, OfferingRow } from '../catalogue/catalogue';
import { readDraft } from '../catalogue/catalogue';
import type { LearnersStore, LearnerRow } from './learners-store';
import type { StaffStore } from './staff-store';
import type { DataKeys } from './data-key';
import type { FieldCrypto } from './field-crypto';
import { readRosterFile, guessMapping, rowToDetails } from './roster-file';
import { headingSignature } from '../exchange/csv-table';
import { NAME_SEPARATOR, type RecordFacts } from '../marketplace/record-wire';

export interface RosterOptions {
  catalogue: Catalogue;
  learners: LearnersStore;
  staff: StaffStore;
  keys: DataKeys;
  clock: Clock;
}

interface ClassDayTimes {
  date: string;
  start: string;
  end: string;
}

/** A made-up learner id for a learner the file or the form gave none: short, readable, unique enough per provider. */
function newLearnerId(): string {
  return `L-${randomBytes(5).toString('hex').toUpperCase()}`;
}

function recordState(row: LearnerRow): RecordState {
  return row.record_state === null ? 'not-reported' : row.record_state;
}

export function createRoster({ catalogue, learners, staff, keys, clock }: RosterOptions) {
  const nowIso = () => clock.now().toISOString();
  const thisYear = () => Number(todayInOntario(clock.now()).slice(0, 4));

  function classOf(offeringRowId: string): { row: OfferingRow; days: ClassDayTimes[] } {
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

  function onRoster(row: LearnerRow | undefined): LearnerRow {
    if (!row) throw failure('not-found', 'This learner is no longer on the roster.');
    return row;
  }

  function learnerRow(id: string): LearnerRow {
    return onRoster(learners.get(id));
  }

  /** The record is final once it is on its way: the person's details and results can no longer change. */
  function assertChangeable(row: LearnerRow): void {
    if (row.record_state === 'waiting' || row.record_state === 'reported' || row.record_in_flight === 1) {
      throw failure('learner-reported', 'This learner’s completion has been reported to the ministry, so their details and results can no longer change here. The ministry’s system accepts corrections only through the API provider’s support.');
    }
  }

  function staffByDay(offeringRowId: string) {
    const byDay = new Map<string, { instructors: Person[]; evaluators: Person[] }>();
    for (const s of staff.staffOf(offeringRowId)) {
      const entry = byDay.get(s.day) ?? { instructors: [], evaluators: [] };
      (s.role === 'instructor' ? entry.instructors : entry.evaluators).push({ id: s.person_id, name: s.name });
      byDay.set(s.day, entry);
    }
    return byDay;
  }

  /** Who was present which day, per learner of the class. */
  function presenceOf(offeringRowId: string): Map<string, Record<string, boolean>> {
    const presence = new Map<string, Record<string, boolean>>();
    for (const a of learners.attendance(offeringRowId)) presence.set(a.learner_id, { ...presence.get(a.learner_id), [a.day]: a.present === 1 });
    return presence;
  }

  function open(crypto: FieldCrypto, row: LearnerRow): LearnerDetails {
    return crypto.open<LearnerDetails>(row.id, row.sealed);
  }

  async function view(offeringRowId: string): Promise<RosterView> {
    const { row, days } = classOf(offeringRowId);
    const rows = learners.byOffering(offeringRowId);
    const crypto = rows.length > 0 ? await keys.crypto() : null;
    const presence = presenceOf(offeringRowId);
    const dates = days.map((d) => d.date);
    const byDay = staffByDay(offeringRowId);
    const wah = row.standard_key?.startsWith('WAH') ?? false;
    return {
      offering: {
        id: row.id,
        offeringId: row.offering_id,
        courseName: row.course_name,
        standardKey: row.standard_key,
        listed: row.listed !== null,
        over: row.last_end_utc !== null && row.last_end_utc <= nowIso(),
      },
      learners: rows.map((r) => {
        const attendance = presence.get(r.id) ?? {};
        return {
          id: r.id,
          details: open(crypto!, r),
          attendance,
          result: r.result,
          score: r.score,
          completed: isCompleted(r.result, dates, attendance),
          record: { state: recordState(r), reportedAt: r.reported_at, error: r.record_error === null ? null : AppError.parse(JSON.parse(r.record_error)) },
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

  function normalised(details: LearnerDetails): LearnerDetails {
    const trimmed = (s: string) => s.trim();
    return {
      ...details,
      firstName: trimmed(details.firstName),
      lastName: trimmed(details.lastName),
      email: trimmed(details.email),
      mobilePhone: trimmed(details.mobilePhone),
      homePhone: trimmed(details.homePhone),
      learnerId: trimmed(details.learnerId) || newLearnerId(),
      employerName: trimmed(details.employerName),
      employerContact: trimmed(details.employerContact),
      address: { ...details.address, street: trimmed(details.address.street), extended: trimmed(details.address.extended), city: trimmed(details.address.city), postalCode: normalisePostalCode(details.address.postalCode) },
    };
  }

  function others(crypto: FieldCrypto, offeringRowId: string, except: string | null): LearnerDetails[] {
    return learners
      .byOffering(offeringRowId)
      .filter((r) => r.id !== except)
      .map((r) => open(crypto, r));
  }

  const DUPLICATE = { path: 'email', code: 'learner.duplicate', message: 'This learner is already on the roster of this class.' };

  async function save(offeringRowId: string, id: string | null, input: LearnerDetails): Promise<RosterView> {
    classOf(offeringRowId);
    const crypto = await keys.crypto();
    const details = normalised(LearnerDetails.parse(input));
    const problems = learnerProblems(details, thisYear());
    if (others(crypto, offeringRowId, id).some((o) => sameLearner(o, details))) problems.push(DUPLICATE);
    if (problems.length > 0) throw failure('validation', 'Some of this learner’s details need attention.', { fields: problems });
    if (id === null) {
      const newId = randomUUID();
      learners.add(offeringRowId, [{ id: newId, sealed: crypto.seal(newId, details), now: nowIso() }]);
    } else {
      learners.reseal(id, crypto.seal(id, details), nowIso(), (found) => {
        const row = onRoster(found);
        if (row.offering_row !== offeringRowId) throw failure('not-found', 'This learner is not on this class’s roster.');
        assertChangeable(row);
      });
    }
    return view(offeringRowId);
  }

  async function setAttendance(id: string, day: string, present: boolean): Promise<RosterView> {
    const row = learnerRow(id);
    assertChangeable(row);
    if (!classOf(row.offering_row).days.some((d) => d.date === day)) throw failure('validation', 'This class has no class day on that date.');
    learners.setAttendance(id, day, present);
    return view(row.offering_row);
  }

  async function setResult(id: string, result: LearnerResult | null, score: number | null): Promise<RosterView> {
    const row = learnerRow(id);
    assertChangeable(row);
    learners.setResult(id, result, score, nowIso());
    return view(row.offering_row);
  }

  async function setDayStaff(offeringRowId: string, day: string, instructors: string[], evaluators: string[]): Promise<RosterView> {
    if (!classOf(offeringRowId).days.some((d) => d.date === day)) throw failure('validation', 'This class has no class day on that date.');
    for (const personId of [...instructors, ...evaluators]) if (!staff.get(personId)) throw failure('not-found', 'This person is no longer in the list of instructors and evaluators.');
    staff.setDay(offeringRowId, day, [...new Set(instructors)], [...new Set(evaluators)]);
    return view(offeringRowId);
  }

  /** Every row of the file with its problems, checked against the roster and the rows above it; nothing is written. */
  async function checkFile(offeringRowId: string, file: Buffer, given: RosterMapping | null) {
    classOf(offeringRowId);
    const table = await readRosterFile(file);
    const signature = headingSignature(table.headers);
    const remembered = learners.mapping(signature);
    const mapping: RosterMapping = given ?? (remembered ? (JSON.parse(remembered) as RosterMapping) : guessMapping(table.headers));
    const crypto = await keys.crypto();
    const seen = others(crypto, offeringRowId, null);
    const year = thisYear();
    const rows = table.rows.map(({ line, values }) => {
      const { details: raw, badYear } = rowToDetails(values, mapping);
      const details = normalised(raw);
      const problems = learnerProblems(details, year).map((p) => ({ column: p.path, code: p.code, message: p.message, ...(p.limit === undefined ? {} : { limit: p.limit }) }));
      if (badYear) problems.push({ column: 'birthYear', code: 'birthYear.range', message: 'Enter a year such as 1995.' });
      if (seen.some((o) => sameLearner(o, details))) problems.push({ column: 'email', code: DUPLICATE.code, message: DUPLICATE.message });
      if (problems.length === 0) seen.push(details);
      return { line, name: `${details.firstName} ${details.lastName}`.trim(), problems, details };
    });
    return { table, mapping, remembered: given === null && remembered !== null, signature, rows, crypto };
  }

  async function previewFile(offeringRowId: string, file: Buffer, mapping: RosterMapping | null): Promise<RosterPreview> {
    const checked = await checkFile(offeringRowId, file, mapping);
    return {
      encoding: checked.table.encoding,
      delimiter: checked.table.delimiter,
      headers: checked.table.headers,
      mapping: checked.mapping,
      remembered: checked.remembered,
      sample: checked.table.rows.slice(0, 5).map((r) => r.values),
      rows: checked.rows.map(({ line, name, problems }) => ({ line, name, problems })),
      importable: checked.rows.filter((r) => r.problems.length === 0).length,
    };
  }

  /** Adds every row without a problem, in one transaction, and remembers the mapping for files with these headers. */
  async function importFile(offeringRowId: string, file: Buffer, mapping: RosterMapping): Promise<{ imported: number; skipped: number; roster: RosterView }> {
    const checked = await checkFile(offeringRowId, file, mapping);
    const good = checked.rows.filter((r) => r.problems.length === 0);
    const rows = good.map((r) => {
      const id = randomUUID();
      return { id, sealed: checked.crypto.seal(id, r.details), now: nowIso() };
    });
    learners.addFromFile(offeringRowId, rows, checked.signature, JSON.stringify(mapping));
    return { imported: good.length, skipped: checked.rows.length - good.length, roster: await view(offeringRowId) };
  }

  /** What a report of this class would send, and what stops it. */
  function reportFacts(offeringRowId: string) {
    const { row, days } = classOf(offeringRowId);
    const byDay = staffByDay(offeringRowId);
    const names = (role: 'instructors' | 'evaluators') => [...new Set(days.flatMap((d) => (byDay.get(d.date)?.[role] ?? []).map((p) => p.name)))];
    const last = days.at(-1);
    const blockers: AppError[] = [];
    if (row.last_end_utc === null || row.last_end_utc > nowIso()) {
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
  function reportable(offeringRowId: string) {
    const facts = reportFacts(offeringRowId);
    const dates = facts.days.map((d) => d.date);
    const presence = presenceOf(offeringRowId);
    const rows = learners
      .byOffering(offeringRowId)
      .filter((r) => (r.record_state === null || r.record_state === 'refused') && isCompleted(r.result, dates, presence.get(r.id) ?? {}));
    return { facts, rows };
  }

  async function reportPreview(offeringRowId: string): Promise<RecordsPreview> {
    const { facts, rows } = reportable(offeringRowId);
    const crypto = rows.length > 0 ? await keys.crypto() : null;
    return {
      standardKey: facts.row.standard_key,
      completionDay: facts.completionDay,
      completionDate: facts.completionDate,
      instructorNames: facts.instructorNames.join(NAME_SEPARATOR),
      evaluatorNames: facts.evaluatorNames.join(NAME_SEPARATOR),
      learners: rows.map((r) => {
        const d = open(crypto!, r);
        return { id: r.id, name: `${d.firstName} ${d.lastName}`, email: d.email, learnerId: d.learnerId };
      }),
      blockers: facts.blockers,
    };
  }

  /** Stores the intent to report each learner, with its learningRecordId, in one transaction; the queue sends them. */
  async function report(offeringRowId: string, ids: string[]): Promise<RosterView> {
    const { facts, rows } = reportable(offeringRowId);
    if (facts.blockers.length > 0) throw new AppFailure(facts.blockers[0]!);
    const allowed = new Set(rows.map((r) => r.id));
    const refused = ids.filter((id) => !allowed.has(id));
    if (refused.length > 0) throw failure('validation', `${refused.length === 1 ? 'One learner is' : `${refused.length} learners are`} not ready to report: only learners present every day and marked completed, not yet reported, can be.`);
    learners.queueRecords(ids.map((id) => ({ id, recordId: randomUUID(), now: nowIso() })));
    return view(offeringRowId);
  }

  async function retry(id: string): Promise<RosterView> {
    const row = learnerRow(id);
    if (row.record_state !== 'refused') throw failure('validation', 'Only a refused learning record can be sent again.');
    return report(row.offering_row, [id]);
  }

  /** The body's facts for a waiting record, read when it is sent (the learner's details as they are now). */
  async function recordFacts(id: string): Promise<{ facts: RecordFacts; offeringId: string; personal: string[] } | null> {
    const row = learners.get(id);
    if (!row || row.record_state !== 'waiting' || row.record_id === null) return null;
    const facts = reportFacts(row.offering_row);
    const details = open(await keys.crypto(), row);
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

  async function exportLearner(id: string): Promise<{ fileName: string; json: string }> {
    const row = learnerRow(id);
    const { row: offering } = classOf(row.offering_row);
    const details = open(await keys.crypto(), row);
    const attendance = Object.fromEntries(learners.attendanceOf(id).map((a) => [a.day, a.present === 1]));
    const data = {
      exportedAt: nowIso(),
      learner: details,
      class: { offeringId: offering.offering_id, courseName: offering.course_name, trainingStandardKey: offering.standard_key },
      attendance,
      result: row.result,
      finalTestScore: row.score,
      learningRecord: { state: recordState(row), learningRecordId: row.record_id, reportedAt: row.reported_at },
    };
    return { fileName: `learner-${details.learnerId}.json`, json: JSON.stringify(data, null, 2) };
  }

  /** Removes a learner from the roster, and with them everything this computer holds about them (attendance cascades). */
  async function erase(id: string): Promise<RosterView> {
    const row = learnerRow(id);
    assertChangeable(row);
    learners.remove(id);
    return view(row.offering_row);
  }

  return { view, save, setAttendance, setResult, setDayStaff, previewFile, importFile, reportPreview, report, retry, recordFacts, exportLearner, erase };
}

export type Roster = ReturnType<typeof createRoster>;
