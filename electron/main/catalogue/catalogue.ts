// The local catalogue of offerings: the only record of what is listed, since
// the Marketplace has no read call. Publishing intent is stored here, in the
// same transaction as the edit, so nothing is lost between click and send.
// Its SQL is the offerings store's (no WHERE is written here); the rules are
// in the parts it composes: draft-reading and draft-writing, copies, removal,
// publishing, and row-rules for what SQL evaluates too.
import type { FieldError } from '../../../shared/errors';
import type { AddressDraft, OfferingDraft } from '../../../shared/offering';
import type { OfferingRecord } from '../../../shared/ipc';
import type { Db } from '../database/schema';
import { systemClock, type Clock } from './clock';
import { createCopies } from './copies';
import { mergedDraft, recordOf, rowOf, writeDraft, type CatalogueCore } from './draft-writing';
import { createOfferingsStore, type ChangeListener, type OfferingRow } from './offerings-store';
import { createPublishing } from './publishing';
import { createRemoval } from './removal';

export type { OfferingRow, Clock };
export { systemClock };
// The readers the queue, the roster and the exchange take a stored draft or listing with.
export { parseDraft, readDraft, readListed } from './draft-reading';

/** Locations offered in the form: the most recently used. */
const LOCATIONS_SHOWN = 50;

export interface CatalogueOptions {
  /** The standards the current connection can publish; null for all (the gateway needs a program ID for each). */
  allowedStandards?: () => readonly string[] | null;
  /** The message when a standard is not allowed (the gateway's "enter your program ID"). */
  notAllowed?: FieldError;
  /** Told which offerings each write changed. */
  onChange?: ChangeListener;
  /** Whether an offering has learning records reported or on their way: it then stays in the catalogue. */
  keepsRecords?: (id: string) => boolean;
  /**
   * Told, once its transaction is committed, that a change queued these offerings for the Marketplace
   * (`allWaiting`: every one of them now waits; otherwise some may not): the publishing queue's cue.
   */
  onQueued?: (ids: string[], allWaiting: boolean) => void;
}

export function createCatalogue(db: Db, clock: Clock = systemClock, options: CatalogueOptions = {}) {
  const store = createOfferingsStore(db, options.onChange);
  const core: CatalogueCore = { db, store, clock };
  const queued = (ids: string[], allWaiting = false) => options.onQueued?.(ids, allWaiting);
  const keepsRecords = (id: string) => options.keepsRecords?.(id) ?? false;
  const row = (id: string) => rowOf(store, id);
  const record = (r: OfferingRow) => recordOf(core, r);

  return {
    store,
    /** Every offering not in the Trash, parsed: for tests and checks, never for a screen (see list-query). */
    list(): OfferingRecord[] {
      return [...store.all()].map(record);
    },
    get(id: string): OfferingRecord {
      return record(row(id));
    },
    /** With `base` (the draft as the editor last had it), fields it did not change keep what is stored now: a change made meanwhile elsewhere is not written over. */
    save(id: string | null, draft: OfferingDraft, base?: OfferingDraft): OfferingRecord {
      return record(db.transaction(() => writeDraft(core, id, mergedDraft(store, id, draft, base))).immediate());
    },
    /** Addresses already used, most recent first, to pick instead of retyping. */
    locations(): AddressDraft[] {
      return store.locations(LOCATIONS_SHOWN);
    },
    ...createPublishing({ ...core, allowed: () => options.allowedStandards?.() ?? null, notAllowed: options.notAllowed, queued }),
    ...createCopies(core),
    ...createRemoval({ ...core, keepsRecords, queued }),
    row,
  };
}

export type Catalogue = ReturnType<typeof createCatalogue>;
