// Learners from a roster file: every row read with the mapping given, the one
// remembered for files with these headings, or a guess; checked against the
// roster and the rows above it; then the rows without a problem added at once.
import { learnerProblems, sameLearner, type RosterMapping } from '../../../shared/learner';
import type { RosterView, RosterPreview } from '../../../shared/roster-contract';
import { headingSignature } from '../exchange/csv-table';
import { readRosterFile, guessMapping, rowToDetails } from './roster-file';
import { classOf, nowIso, thisYear, type RosterParts } from './roster-class';
import { DUPLICATE, normalised, othersOnRoster, sealNew } from './roster-seal';
import { rosterView } from './roster-view';

/** Every row of the file with its problems, checked against the roster and the rows above it; nothing is written. */
async function checkFile({ catalogue, learners, keys, clock }: RosterParts, offeringRowId: string, file: Buffer, given: RosterMapping | null) {
  classOf(catalogue, offeringRowId);
  const table = await readRosterFile(file);
  const signature = headingSignature(table.headers);
  const remembered = learners.mapping(signature);
  const mapping: RosterMapping = given ?? (remembered ? (JSON.parse(remembered) as RosterMapping) : guessMapping(table.headers));
  const crypto = await keys.crypto();
  const seen = othersOnRoster(crypto, learners, offeringRowId, null);
  const year = thisYear(clock);
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

export async function previewFile(parts: RosterParts, offeringRowId: string, file: Buffer, mapping: RosterMapping | null): Promise<RosterPreview> {
  const checked = await checkFile(parts, offeringRowId, file, mapping);
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
export async function importFile(parts: RosterParts, offeringRowId: string, file: Buffer, mapping: RosterMapping): Promise<{ imported: number; skipped: number; roster: RosterView }> {
  const checked = await checkFile(parts, offeringRowId, file, mapping);
  const good = checked.rows.filter((r) => r.problems.length === 0);
  const rows = good.map((r) => sealNew(checked.crypto, r.details, nowIso(parts.clock)));
  parts.learners.addFromFile(offeringRowId, rows, checked.signature, JSON.stringify(mapping));
  return { imported: good.length, skipped: checked.rows.length - good.length, roster: await rosterView(parts, offeringRowId) };
}
