// The rows of a schedule file as offerings: rows sharing an offering ID are
// one class and must agree on what class it is; each class is matched with
// the catalogue (update, in the Trash, or like one already there), and every
// row gets its action: create, update, skip or refused.
import { firstClassDate, publishProblems, type OfferingDraft } from '../../../shared/offering';
import type { ImportRow } from '../../../shared/schedule-import';
import { fold, foldHeading } from '../../../shared/text';
import type { Catalogue } from '../catalogue/catalogue';
import { parseDraft } from '../catalogue/catalogue';
import type { Columns } from './schedule-mapping';
import type { Choices, ParsedRow } from './schedule-rows';

export interface ImportedOffering {
  draft: OfferingDraft;
  /** The row id of the offering it updates; null: a new one. */
  existing: string | null;
  adopted: boolean;
}

/** The form's own test of a copy (copyCheck): a class of this standard already starts on this day in this city. */
function looksKnown(catalogue: Catalogue, draft: OfferingDraft): boolean {
  const firstDate = draft.kind === 'class' ? firstClassDate(draft) : undefined;
  if (draft.kind !== 'class' || draft.trainingStandardKey === '' || !firstDate || draft.address.city.trim() === '') return false;
  return catalogue.store.similar({ standardKey: draft.trainingStandardKey, firstDate, citySort: fold(draft.address.city) });
}

/** Every row with its action (in file order), the offerings to write, and how many classes look like one already in the catalogue. */
export function planOfferings(parsed: readonly ParsedRow[], catalogue: Catalogue, { col }: Columns, choices: Choices, now: Date) {
  const groups = new Map<string, ParsedRow[]>();
  for (const r of parsed) {
    const key = r.offeringId === '' ? `\u0000${r.line}` : r.offeringId.toLowerCase();
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const rows: ImportRow[] = [];
  const offerings: ImportedOffering[] = [];
  let similarCount = 0;
  for (const group of groups.values()) {
    const first = group[0]!;
    const conflict = group.some((r) => foldHeading(r.courseName) !== foldHeading(first.courseName) || foldHeading(r.standardText) !== foldHeading(first.standardText));
    if (conflict) for (const r of group) r.problems.push({ column: col('offeringId'), code: 'import.idConflict', message: `Another row gives the offering ID “${first.offeringId}” to a different class.` });
    const existingId = first.offeringId === '' ? undefined : catalogue.store.rowIdOf(first.offeringId);
    const existing = existingId === undefined ? null : catalogue.row(existingId);
    if (existing?.trashed_at) for (const r of group) r.problems.push({ column: col('offeringId'), code: 'import.inTrash', message: 'An offering with this ID is in the Trash: restore it, or give this row another ID.' });
    const days = group.flatMap((r) => r.days).sort((a, b) => a.date.localeCompare(b.date));
    const draft: OfferingDraft = { ...first.draftPart, classDays: first.online ? [] : days };
    const merged = existing ? { ...parseDraft(existing), ...draft } : draft;
    const similar = existing === null && !group.some((r) => r.problems.length > 0) && looksKnown(catalogue, draft);
    if (similar) {
      similarCount++;
      if (choices.similar === null) for (const r of group) r.problems.push({ column: col('city') || col('courseName'), code: 'import.similar', message: 'An offering of this standard already starts on this day in this city: choose above whether to import such rows.' });
    }
    const refused = group.some((r) => r.problems.length > 0);
    const skip = !refused && similar && choices.similar === 'skip';
    const adopted = group.some((r) => r.adopted) && (existing === null || existing.listed === null);
    // A row without an offering ID gets one when it is written, as a new draft does.
    const incomplete = refused || skip ? [] : [...group.flatMap((r) => r.notes), ...publishProblems(merged, { now, idMadeOnSave: true })];
    const action = refused ? 'refused' : skip ? 'skip' : existing ? 'update' : 'create';
    for (const r of group) {
      rows.push({ line: r.line, action, offeringId: r.offeringId, courseName: r.courseName, problems: r.problems, incomplete, adopted: action !== 'refused' && action !== 'skip' && adopted, similar, cells: refused ? r.cells : [] });
    }
    if (!refused && !skip) offerings.push({ draft: merged, existing: existing?.id ?? null, adopted });
  }
  rows.sort((a, b) => a.line - b.line);
  return { rows, offerings, similarCount };
}
