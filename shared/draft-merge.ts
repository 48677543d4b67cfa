// Changes made elsewhere (the list's seats, Run again, another window) taken
// into a draft being edited, field by field, without losing what is typed: a
// three-way merge. Plain functions: the form runs it on each pushed change,
// and the catalogue runs it again inside the save's transaction, so a change
// that landed after the form last looked is not written over either.
import type { OfferingDraft } from './offering';

type Key = keyof OfferingDraft;
const ADDRESS_PARTS = ['street', 'extended', 'city', 'province', 'postalCode'] as const;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * `base` is the draft as the editor last loaded or saved it, `mine` as it is
 * now, `theirs` as the catalogue holds it now. A field the editor has not
 * changed since base takes theirs; a field it changed keeps mine (the user is
 * typing it: their next save says what they meant). The address merges part
 * by part; the class days as one list (a day's date and times belong together).
 * An offering ID left empty is the catalogue's to make at each save: the one it
 * made is not a change to take in.
 */
export function mergeDraft(base: OfferingDraft, mine: OfferingDraft, theirs: OfferingDraft): OfferingDraft {
  const merged = { ...mine, address: { ...mine.address } };
  for (const key of Object.keys(mine) as Key[]) {
    if (key === 'address') continue;
    if (key === 'offeringId' && base.offeringId.trim() === '') continue;
    if (same(mine[key], base[key])) (merged as Record<Key, unknown>)[key] = structuredClone(theirs[key]);
  }
  for (const part of ADDRESS_PARTS) {
    if (mine.address[part] === base.address[part]) merged.address[part] = theirs.address[part];
  }
  return merged;
}

/** The fields where two drafts differ, by the names `mergeDraft` merges them under. */
export function changedFields(a: OfferingDraft, b: OfferingDraft): string[] {
  const fields: string[] = [];
  for (const key of Object.keys(a) as Key[]) {
    if (key !== 'address') {
      if (!same(a[key], b[key])) fields.push(key);
      continue;
    }
    for (const part of ADDRESS_PARTS) if (a.address[part] !== b.address[part]) fields.push(`address.${part}`);
  }
  return fields;
}

/** A draft as its fields, by the same names (the address part by part): what team sync compares and sends. */
export function draftFields(draft: OfferingDraft): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(draft)) {
    if (key !== 'address') fields[key] = value;
  }
  for (const part of ADDRESS_PARTS) fields[`address.${part}`] = draft.address[part];
  return fields;
}

/** The draft `draftFields` took apart. */
export function draftFromFields(fields: Record<string, unknown>): OfferingDraft {
  const draft: Record<string, unknown> = { address: {} };
  for (const [key, value] of Object.entries(fields)) {
    if (key.startsWith('address.')) (draft.address as Record<string, unknown>)[key.slice('address.'.length)] = value;
    else draft[key] = value;
  }
  return draft as unknown as OfferingDraft;
}
