// How a draft is written: its offering ID made when empty, its postal code
// tidied, the ID refused when another offering has it or the Marketplace
// already knows this one by another; and how an editor's draft is merged with
// what changed since it was opened. Every part of the catalogue writes through here.
import { randomUUID, randomBytes } from 'node:crypto';
import { mergeDraft } from '../../../shared/draft-merge';
import { failure } from '../../../shared/errors';
import { firstClassDate, normalisePostalCode, type OfferingDraft } from '../../../shared/offering';
import type { OfferingRecord } from '../../../shared/ipc';
import type { Db } from '../database/schema';
import type { Clock } from './clock';
import { parseDraft, toRecord } from './draft-reading';
import type { OfferingRow, OfferingsStore } from './offerings-store';

/** What each part of the catalogue works with: the database for its transactions, the offerings store, the clock. */
export interface CatalogueCore {
  db: Db;
  store: OfferingsStore;
  clock: Clock;
}

/** A readable id such as `wah-e-i-2026-12-03-k7q2`: standard, first date, a short random tail. */
export function generateOfferingId(draft: OfferingDraft): string {
  const standard = draft.trainingStandardKey ? draft.trainingStandardKey.toLowerCase() : 'offering';
  const firstDate = firstClassDate(draft);
  const tail = randomBytes(3).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, 'x').slice(0, 4);
  return [standard, firstDate, tail].filter(Boolean).join('-');
}

/** The offering's row, or the refusal the window shows when it has gone. */
export function rowOf(store: OfferingsStore, id: string): OfferingRow {
  const r = store.byId(id);
  if (!r) throw failure('not-found', 'This offering is no longer in the catalogue.');
  return r;
}

/** A row as the window's record, judged past or not at the clock's now. */
export function recordOf({ clock }: Pick<CatalogueCore, 'clock'>, row: OfferingRow): OfferingRecord {
  return toRecord(row, clock.now());
}

/** Writes a new draft (`id` null) or over an offering's, inside the caller's transaction; its row as written. */
export function writeDraft({ store, clock }: Pick<CatalogueCore, 'store' | 'clock'>, id: string | null, input: OfferingDraft): OfferingRow {
  const draft = {
    ...input,
    offeringId: input.offeringId.trim() || generateOfferingId(input),
    address: { ...input.address, postalCode: normalisePostalCode(input.address.postalCode) },
  };
  const existing = id === null ? null : rowOf(store, id);
  if (existing && existing.listed !== null && draft.offeringId !== existing.offering_id) {
    throw failure('locked-field', 'The offering ID cannot change once the offering has been published.', {
      fields: [{ path: 'offeringId', code: 'offeringId.locked', message: 'Locked: the Marketplace knows this offering by this ID.' }],
    });
  }
  const rowId = existing?.id ?? randomUUID();
  if (store.idTaken(draft.offeringId, rowId)) {
    throw failure('validation', `Another offering in the catalogue already uses the ID “${draft.offeringId}”.`, {
      fields: [{ path: 'offeringId', code: 'offeringId.taken', message: 'Another offering already uses this ID.' }],
    });
  }
  if (existing) store.saveDraft(existing, draft.offeringId, draft, clock.now().toISOString());
  else store.insert(rowId, draft.offeringId, draft, clock.now().toISOString());
  return rowOf(store, rowId);
}

/** The editor's draft with what changed in the catalogue since its `base` (inside the write's transaction). */
export function mergedDraft(store: OfferingsStore, id: string | null, draft: OfferingDraft, base: OfferingDraft | undefined): OfferingDraft {
  if (id === null || base === undefined) return draft;
  return mergeDraft(base, draft, parseDraft(rowOf(store, id)));
}
