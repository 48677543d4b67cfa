// The local catalogue of offerings: the only record of what is listed, since
// the Marketplace has no read call. Publishing intent is stored here, in the
// same transaction as the edit, so nothing is lost between click and send.
// Its SQL is the offerings store's (no WHERE is written here); this module holds the rules.
import { mergeDraft } from '../../../shared/draft-merge';
import { TRASH_DAYS } from '../../../shared/app-rules';
import { randomUUID, randomBytes } from 'node:crypto';
import { failure, AppError, type FieldError } from '../../../shared/errors';
import { OfferingDraft, copyStarts, emptyDraft, firstClassDate, normalisePostalCode, type AddressDraft } from '../../../shared/offering';
import { addDays, daysBetween, isDate } from '../../../shared/time';
import type { OfferingRecord } from '../../../shared/ipc';
import { adoptedListing, type WireListing } from '../marketplace/wire';
import type { Db } from '../database/schema';
import { createOfferingsStore, type ChangeListener, type OfferingRow } from './offerings-store';
import { isComplete, isPast, listedVia, publishableProblems } from './row-rules';

export type { OfferingRow };


/** Locations offered in the form: the most recently used. */
const LOCATIONS_SHOWN = 50;

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function parseDraft(row: Pick<OfferingRow, 'draft'>): OfferingDraft {
  return OfferingDraft.parse(JSON.parse(row.draft));
}

/**
 * The stored draft for the form, whatever it holds: one today's schema refuses
 * (an earlier version's, or damaged outside the app) still opens, each field
 * that does not fit left empty for the user to fill in again. The integrity
 * walk has marked the row and named those fields (integrity-check `damage`).
 */
export function openableDraft(row: Pick<OfferingRow, 'draft'>): OfferingDraft {
  let stored: unknown;
  try {
    stored = JSON.parse(row.draft) as unknown;
  } catch {
    stored = undefined;
  }
  const parsed = OfferingDraft.safeParse(stored);
  if (parsed.success) return parsed.data;
  const fields = typeof stored === 'object' && stored !== null && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};
  const empty: Record<string, unknown> = emptyDraft(fields.kind === 'online' ? 'online' : 'class');
  const shape: Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown } }> = OfferingDraft.shape;
  return Object.fromEntries(
    Object.entries(empty).map(([k, fallback]) => {
      const field = shape[k]!.safeParse(fields[k]);
      return [k, field.success ? field.data : fallback];
    }),
  ) as OfferingDraft;
}

/**
 * The stored draft without validating it again, for the queue's hot path: the
 * catalogue validated it when it wrote it. Drafts written before online
 * offerings lack the fields added since; their defaults are filled in.
 */
export function readDraft(row: Pick<OfferingRow, 'draft'>): OfferingDraft {
  return { kind: 'class', courseDurationHours: null, ...(JSON.parse(row.draft) as Partial<OfferingDraft>) } as OfferingDraft;
}

/** The listing as the queue acknowledged it (it wrote it from a wire body): not validated again. */
export function readListed(row: Pick<OfferingRow, 'listed'>): WireListing | null {
  return row.listed === null ? null : (JSON.parse(row.listed) as WireListing);
}

/** The whole offering, for the form: the one place a stored draft is parsed on a read. */
export function toRecord(row: OfferingRow, now: Date = new Date()): OfferingRecord {
  return {
    id: row.id,
    draft: openableDraft(row),
    status: row.status,
    listed: row.listed !== null,
    pendingAction: row.pending,
    error: row.error === null ? null : AppError.parse(JSON.parse(row.error)),
    updatedAt: row.updated_at,
    past: isPast(row, now.toISOString()),
    trashedAt: row.trashed_at,
    listedVia: listedVia(row.listed !== null, row),
  };
}

/** A readable id such as `wah-e-i-2026-12-03-k7q2`: standard, first date, a short random tail. */
export function generateOfferingId(draft: OfferingDraft): string {
  const standard = draft.trainingStandardKey ? draft.trainingStandardKey.toLowerCase() : 'offering';
  const firstDate = firstClassDate(draft);
  const tail = randomBytes(3).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, 'x').slice(0, 4);
  return [standard, firstDate, tail].filter(Boolean).join('-');
}

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
  const allowed = () => options.allowedStandards?.() ?? null;
  const problemsOf = (draft: OfferingDraft): FieldError[] => publishableProblems(draft, { now: clock.now(), allowed: allowed(), notAllowed: options.notAllowed });
  const record = (r: OfferingRow) => toRecord(r, clock.now());
  const nowIso = () => clock.now().toISOString();

  function row(id: string): OfferingRow {
    const r = store.byId(id);
    if (!r) throw failure('not-found', 'This offering is no longer in the catalogue.');
    return r;
  }

  function write(id: string | null, input: OfferingDraft): OfferingRow {
    const draft = {
      ...input,
      offeringId: input.offeringId.trim() || generateOfferingId(input),
      address: { ...input.address, postalCode: normalisePostalCode(input.address.postalCode) },
    };
    const existing = id === null ? null : row(id);
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
    if (existing) store.saveDraft(existing, draft.offeringId, draft, nowIso());
    else store.insert(rowId, draft.offeringId, draft, nowIso());
    return row(rowId);
  }

  /** The editor's draft with what changed in the catalogue since its `base` (inside the write's transaction). */
  function merged(id: string | null, draft: OfferingDraft, base: OfferingDraft | undefined): OfferingDraft {
    if (id === null || base === undefined) return draft;
    return mergeDraft(base, draft, parseDraft(row(id)));
  }

  /** New drafts from `id`: the first starts on firstFor(its first class date), the others a week apart each. */
  function copies(id: string, firstFor: (origin: string) => string, weeks: number, every = 1, weekdays: readonly number[] = []): OfferingRecord[] {
    const source = parseDraft(row(id));
    // An online course has no dates: "copy" is simply a new draft like it.
    if (source.kind === 'online') return db.transaction(() => [record(write(null, { ...source, offeringId: '' }))]).immediate();
    const origin = firstClassDate(source);
    if (origin === undefined) {
      throw failure('validation', 'Give the offering its class days before copying it to new dates.', {
        fields: [{ path: 'classDays', code: 'classDays.required', message: 'Add at least one class day.' }],
      });
    }
    return db.transaction(() =>
      copyStarts(firstFor(origin), weeks, every, weekdays).map((start) => {
        const shift = daysBetween(origin, start);
        const classDays = source.classDays.map((d) => (isDate(d.date) ? { ...d, date: addDays(d.date, shift) } : d));
        return record(write(null, { ...source, offeringId: '', classDays }));
      }),
    ).immediate();
  }

  const keepsRecords = (id: string) => options.keepsRecords?.(id) ?? false;
  const queued = (ids: string[], allWaiting = false) => options.onQueued?.(ids, allWaiting);

  function remove(id: string): { removed: boolean } {
    return db.transaction(() => {
      const r = row(id);
      const listed = r.listed !== null || r.in_flight !== null;
      if (keepsRecords(id) && !listed) {
        throw failure('has-learning-records', `“${r.course_name || r.offering_id}” has learners reported to the ministry, so it stays in the catalogue as the record of that session. It can still be removed from the Marketplace.`);
      }
      if (!listed) {
        store.toTrash(id, nowIso());
        return { removed: true };
      }
      store.queueDelete(id, nowIso());
      return { removed: false };
    }).immediate();
  }

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
      return record(db.transaction(() => write(id, merged(id, draft, base))).immediate());
    },
    /** Saves and queues in one transaction; an offering that cannot be published is refused untouched. */
    publish(id: string | null, typed: OfferingDraft, base?: OfferingDraft): OfferingRecord {
      const published = record(
        db.transaction(() => {
          const input = merged(id, typed, base);
          const draft = { ...input, offeringId: input.offeringId.trim() || generateOfferingId(input) };
          const problems = problemsOf(draft);
          if (problems.length > 0) {
            throw failure('validation', `This offering cannot be published yet: ${problems.length} ${problems.length === 1 ? 'field needs' : 'fields need'} attention.`, {
              fields: problems,
            });
          }
          const saved = write(id, draft);
          store.queuePublish(saved.id);
          return row(saved.id);
        }).immediate(),
      );
      queued([published.id]);
      return published;
    },
    /**
     * Queues the given offerings (all of them by default) that differ from the
     * Marketplace: drafts, changed, failed. Offerings that cannot be published
     * yet are left as they are and counted. One statement, whatever the size.
     */
    publishMany(ids?: string[]): { queued: string[]; skipped: number } {
      const result = db.transaction(() => {
        if (ids) for (const id of ids) row(id);
        const now = nowIso();
        const candidates = store.countPublishCandidates(ids ?? 'all');
        const queued = store.queuePublishable(ids ?? 'all', allowed(), now);
        return { queued, skipped: candidates - queued.length };
      }).immediate();
      queued(result.queued, true);
      return result;
    },
    /**
     * "Run again" (weeks = 1) and "Repeat weekly": new drafts whose class days
     * keep their spacing, the first on `firstDate`, then one week apart.
     */
    duplicate(id: string, firstDate: string, weeks: number, every = 1, weekdays: readonly number[] = []): OfferingRecord[] {
      if (!isDate(firstDate)) throw failure('validation', `“${firstDate}” is not a date.`, { fields: [{ path: 'firstDate', code: 'date.invalid', message: 'Enter a date.' }] });
      return copies(id, () => firstDate, weeks, every, weekdays);
    },
    /**
     * A likely duplicate has the same standard, first class day and city.
     * Asked with `starts`: which of those first days already have a class like
     * this one (the Repeat preview, as it changes). Asked with none: the first
     * week after this offering's own first day free of one, and whether a
     * never-listed offering already has such a twin (asked once, not per preview).
     * Read from the list columns: no draft is parsed.
     */
    copyCheck(id: string, starts: string[]): { clashes: string[]; nextFree: string | null; twin: boolean } {
      const r = row(id);
      const taken = (start: string, except?: string) => store.similar({ standardKey: r.standard_key, firstDate: start, citySort: r.city_sort, except });
      if (starts.length > 0) return { clashes: starts.filter((start) => isDate(start) && taken(start)), nextFree: null, twin: false };
      const origin = r.first_date;
      if (origin === null) return { clashes: [], nextFree: null, twin: false };
      let nextFree: string | null = null;
      for (let week = 1; week <= 52 && nextFree === null; week++) if (!taken(addDays(origin, 7 * week))) nextFree = addDays(origin, 7 * week);
      return { clashes: [], nextFree, twin: r.listed === null && taken(origin, id) };
    },
    /** Addresses already used, most recent first, to pick instead of retyping. */
    locations(): AddressDraft[] {
      return store.locations(LOCATIONS_SHOWN);
    },
    /**
     * A never-listed offering goes to the Trash at once; a listed one is
     * queued for deletion from the Marketplace and reaches the Trash after.
     */
    delete(id: string): { removed: boolean } {
      const result = remove(id);
      if (!result.removed) queued([id]);
      return result;
    },
    /** Deletes every one of `ids` or, if any is refused, none: one transaction. */
    deleteMany(ids: string[]): { trashed: number; deleting: number } {
      const result = db.transaction(() => {
        let trashed = 0;
        for (const id of ids) if (remove(id).removed) trashed++;
        return { trashed, deleting: ids.length - trashed };
      }).immediate();
      if (result.deleting > 0) queued(ids);
      return result;
    },
    /** Bulk "Copy to new dates": copies of `ids` whose class days all move by `days`; all or none, one transaction. */
    copyShifted(ids: string[], days: number): OfferingRecord[] {
      return db.transaction(() => ids.flatMap((id) => copies(id, (origin) => addDays(origin, days), 1))).immediate();
    },
    /** Seats change daily: saved, and queued for publishing if the offering is listed. */
    setSeats(id: string, seats: number): OfferingRecord {
      const saved = db.transaction(() => {
        const r = row(id);
        const draft = { ...parseDraft(r), seatsRemaining: seats };
        const written = write(id, draft);
        if ((r.listed !== null || r.pending === 'publish') && isComplete(draft)) store.queuePublish(id);
        return record(row(written.id));
      }).immediate();
      if (saved.pendingAction === 'publish') queued([id]);
      return saved;
    },
    /** Queues the removal of every listed offering whose class days are all over: one statement. */
    removePast(): string[] {
      const ids = db.transaction(() => store.queueRemovePast(nowIso())).immediate();
      queued(ids, true);
      return ids;
    },
    /** Queues the removal of every listing the given connection made (before switching away from it). */
    removeListedVia(connection: 'network' | 'gateway'): string[] {
      const ids = db.transaction(() => store.queueRemoveListedVia(connection, nowIso())).immediate();
      queued(ids);
      return ids;
    },
    trash(): OfferingRecord[] {
      return store.trashed().map(record);
    },
    restore(id: string): OfferingRecord {
      const r = row(id);
      if (r.trashed_at === null) throw failure('not-found', 'This offering is not in the Trash.');
      store.untrash(id, nowIso());
      return record(row(id));
    },
    /** Empties what has been in the Trash for more than TRASH_DAYS days. */
    purgeTrash(): number {
      return store.purgeTrash(new Date(clock.now().getTime() - TRASH_DAYS * 24 * 3600 * 1000).toISOString());
    },
    retry(id: string): void {
      const r = row(id);
      if (r.pending === null && r.needs_attention) {
        store.queuePublish(id);
      } else if (r.pending !== null) {
        store.clearHold(id);
      }
    },
    /** Records a listing made elsewhere as listed through `via`, as an adopted marker (its fields unknown): the next Publish brings the Marketplace in line. */
    adopt(id: string, via: 'network' | 'gateway'): void {
      const r = row(id);
      const marker = adoptedListing({ offeringId: r.offering_id, trainingStandardKey: r.standard_key ?? '' });
      store.update(id, { listed: JSON.stringify(marker), listed_via: via, differs: 1 });
    },
    /** Once the Marketplace no longer lists it, the offering goes to the Trash as a draft. */
    forget(id: string): void {
      // A class with reported learners is the record of that session: it leaves the Marketplace, not the catalogue.
      if (keepsRecords(id)) store.update(id, { listed: null, listed_via: null, pending: null, in_flight: null, attempts: 0, next_attempt_at: null, error: null, needs_attention: 0 });
      else store.toTrash(id, nowIso());
    },
    row,
  };
}

export type Catalogue = ReturnType<typeof createCatalogue>;
