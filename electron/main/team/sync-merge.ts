// Team sync's merge rules (docs/team.md, "Merging"), pure: an offering is a set
// of fields — each field of its draft (the address part by part), whether it is
// in the Trash, and its listing — compared with the base (the team's copy as
// this desk last synced it). A field this desk changed since its base is its
// change to share; a team change to a field this desk has not changed is taken;
// a team change to a field this desk also changed, to another value, stands —
// the first value to reach the team wins, on every desk — and this desk is told
// what it lost.
import { draftFields, draftFromFields } from '../../../shared/draft-merge';
import type { OfferingDraft } from '../../../shared/offering';

export type Fields = Record<string, unknown>;

export const TRASHED = '$trashed';
/** The body as last listed on the Marketplace and the connection that listed it, together. */
export const LISTING = '$listing';

export interface OfferingState {
  draft: OfferingDraft;
  trashed: boolean;
  listing: { listed: unknown; via: string | null };
}

/** The same value, whatever order its keys came in (PostgreSQL's jsonb keeps its own). */
export function same(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  ) ?? 'undefined';
}

export function fieldsOf(state: OfferingState): Fields {
  return { ...draftFields(state.draft), [TRASHED]: state.trashed, [LISTING]: state.listing };
}

export function stateOf(fields: Fields): OfferingState {
  const { [TRASHED]: trashed, [LISTING]: listing, ...draft } = fields;
  return { draft: draftFromFields(draft), trashed: trashed === true, listing: (listing as OfferingState['listing'] | undefined) ?? { listed: null, via: null } };
}

/** What this desk changed since its base (everything, for an offering the team does not have yet). */
export function localChanges(base: Fields | null, local: Fields): Fields {
  if (base === null) return { ...local };
  const changes: Fields = {};
  for (const key of new Set([...Object.keys(base), ...Object.keys(local)])) {
    if (!same(base[key], local[key])) changes[key] = local[key];
  }
  return changes;
}

export interface Lost {
  field: string;
  mine: unknown;
  theirs: unknown;
}

/**
 * One team change taken in: the base takes every field it carries; this desk's copy takes those it has not
 * changed; a field it changed to another value takes the team's too, and is reported lost. An offering moved
 * to the Trash while this desk had unshared changes to it is reported too: the changes stay, in the Trash.
 */
export function takeChange(base: Fields | null, local: Fields, incoming: Fields): { base: Fields; local: Fields; lost: Lost[] } {
  const before = base ?? {};
  const next = { ...local };
  const lost: Lost[] = [];
  for (const [key, value] of Object.entries(incoming)) {
    if (same(local[key], before[key]) || same(local[key], value)) {
      next[key] = value;
      continue;
    }
    if (key !== LISTING) lost.push({ field: key, mine: local[key], theirs: value });
    next[key] = value;
  }
  if (incoming[TRASHED] === true && local[TRASHED] !== true && base !== null && Object.keys(localChanges(base, local)).some((k) => k !== TRASHED && k !== LISTING)) {
    lost.push({ field: TRASHED, mine: false, theirs: true });
  }
  return { base: { ...before, ...incoming }, local: next, lost };
}
