// The local catalogue of offerings: the only record of what is listed, since
// the Marketplace has no read call. Publishing intent is stored here, in the
// same transaction as the edit, so nothing is lost between click and send.
import { randomUUID, randomBytes } from 'node:crypto';
import { failure, AppError } from '../../shared/errors';
import { OfferingDraft, firstClassDate, normalisePostalCode, publishProblems, type AddressDraft } from '../../shared/offering';
import { addDays, daysBetween, isDate, isTime, ontarioToUtc } from '../../shared/time';
import type { OfferingRecord, OfferingStatus } from '../../shared/ipc';
import { changedFields, toWire, WireListing } from './marketplace/wire';
import type { ConnectionKind } from '../../shared/connection';
import type { FieldError } from '../../shared/errors';
import type { Db } from './db/open';

export interface OfferingRow {
  id: string;
  offering_id: string;
  draft: string;
  created_at: string;
  updated_at: string;
  listed: string | null;
  pending: 'publish' | 'delete' | null;
  in_flight: 'add' | 'patch' | 'delete' | null;
  revision: number;
  attempts: number;
  held: number;
  next_attempt_at: string | null;
  error: string | null;
  needs_attention: number;
  trashed_at: string | null;
  listed_via: ConnectionKind | null;
}

export const TRASH_DAYS = 30;

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function parseDraft(row: OfferingRow): OfferingDraft {
  return OfferingDraft.parse(JSON.parse(row.draft));
}

export function parseListed(row: OfferingRow): WireListing | null {
  return row.listed === null ? null : WireListing.parse(JSON.parse(row.listed));
}

function statusOf(row: OfferingRow, draft: OfferingDraft): OfferingStatus {
  if (row.needs_attention) return 'needs-attention';
  if (row.held) return 'failed';
  if (row.pending) return 'waiting';
  const listed = parseListed(row);
  if (!listed) return 'draft';
  if (publishProblems(draft).length > 0) return 'changed';
  return Object.keys(changedFields(listed, toWire(draft))).length === 0 ? 'published' : 'changed';
}

/** Every class day has ended (a draft without complete days is not past). */
export function isPast(draft: OfferingDraft, now: Date): boolean {
  const ends = draft.classDays.filter((d) => isDate(d.date) && isTime(d.end)).map((d) => Date.parse(ontarioToUtc(d.date, d.end)));
  return ends.length > 0 && Math.max(...ends) <= now.getTime();
}

export function toRecord(row: OfferingRow, now: Date = new Date()): OfferingRecord {
  const draft = parseDraft(row);
  return {
    id: row.id,
    draft,
    status: statusOf(row, draft),
    listed: row.listed !== null,
    pendingAction: row.pending,
    error: row.error === null ? null : AppError.parse(JSON.parse(row.error)),
    updatedAt: row.updated_at,
    past: isPast(draft, now),
    trashedAt: row.trashed_at,
    listedVia: row.listed !== null || row.in_flight !== null ? row.listed_via : null,
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
  /** Problems the current connection adds to the offering's own (the gateway's missing program IDs). */
  connectionProblems?: (draft: OfferingDraft) => FieldError[];
}

export function createCatalogue(db: Db, clock: Clock = systemClock, options: CatalogueOptions = {}) {
  const problemsOf = (draft: OfferingDraft) => [...publishProblems(draft, { now: clock.now() }), ...(options.connectionProblems?.(draft) ?? [])];
  const byId = db.prepare<[string], OfferingRow>('SELECT * FROM offerings WHERE id = ?');
  const all = db.prepare<[], OfferingRow>('SELECT * FROM offerings WHERE trashed_at IS NULL ORDER BY updated_at DESC');
  const trashed = db.prepare<[], OfferingRow>('SELECT * FROM offerings WHERE trashed_at IS NOT NULL ORDER BY trashed_at DESC');
  const toTrash = db.prepare(
    'UPDATE offerings SET trashed_at = @now, listed = NULL, pending = NULL, in_flight = NULL, held = 0, error = NULL, needs_attention = 0 WHERE id = @id',
  );
  const purge = db.prepare('DELETE FROM offerings WHERE trashed_at IS NOT NULL AND trashed_at < ?');
  const record = (r: OfferingRow) => toRecord(r, clock.now());
  const insert = db.prepare(
    'INSERT INTO offerings (id, offering_id, draft, created_at, updated_at) VALUES (@id, @offering_id, @draft, @now, @now)',
  );
  const update = db.prepare(
    'UPDATE offerings SET offering_id = @offering_id, draft = @draft, updated_at = @now, revision = revision + 1 WHERE id = @id',
  );
  // Publishing intent also settles "needs attention": a vanished listing is simply listed anew.
  const queuePublish = db.prepare(
    "UPDATE offerings SET pending = 'publish', held = 0, attempts = 0, next_attempt_at = NULL, error = NULL, needs_attention = 0 WHERE id = ?",
  );
  const clearHold = db.prepare('UPDATE offerings SET held = 0, attempts = 0, next_attempt_at = NULL, error = NULL WHERE id = ?');
  const untrash = db.prepare('UPDATE offerings SET trashed_at = NULL, updated_at = ? WHERE id = ?');
  const queueDelete = db.prepare(
    "UPDATE offerings SET pending = 'delete', held = 0, attempts = 0, next_attempt_at = NULL, error = NULL, updated_at = ? WHERE id = ?",
  );
  const idTaken = db.prepare<[string, string], { id: string }>('SELECT id FROM offerings WHERE offering_id = ? AND id != ?');

  function row(id: string): OfferingRow {
    const r = byId.get(id);
    if (!r) throw failure('not-found', 'This offering is no longer in the catalogue.');
    return r;
  }

  function write(id: string | null, input: OfferingDraft): OfferingRow {
    const now = clock.now().toISOString();
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
    if (idTaken.get(draft.offeringId, rowId)) {
      throw failure('validation', `Another offering in the catalogue already uses the ID “${draft.offeringId}”.`, {
        fields: [{ path: 'offeringId', code: 'offeringId.taken', message: 'Another offering already uses this ID.' }],
      });
    }
    const params = { id: rowId, offering_id: draft.offeringId, draft: JSON.stringify(draft), now };
    if (existing) update.run(params);
    else insert.run(params);
    return row(rowId);
  }

  /** New drafts from `id`: the first starts on firstFor(its first class date), the others a week apart each. */
  function copies(id: string, firstFor: (origin: string) => string, weeks: number): OfferingRecord[] {
    const source = record(row(id)).draft;
    // An online course has no dates: "copy" is simply a new draft like it.
    if (source.kind === 'online') return db.transaction(() => [record(write(null, { ...source, offeringId: '' }))]).immediate();
    const origin = firstClassDate(source);
    if (origin === undefined) {
      throw failure('validation', 'Give the offering its class days before copying it to new dates.', {
        fields: [{ path: 'classDays', code: 'classDays.required', message: 'Add at least one class day.' }],
      });
    }
    const firstDate = firstFor(origin);
    return db.transaction(() =>
      Array.from({ length: weeks }, (_, week) => {
        const shift = daysBetween(origin, firstDate) + 7 * week;
        const classDays = source.classDays.map((d) => (isDate(d.date) ? { ...d, date: addDays(d.date, shift) } : d));
        return record(write(null, { ...source, offeringId: '', classDays }));
      }),
    ).immediate();
  }

  function remove(id: string): { removed: boolean } {
    return db.transaction(() => {
      const r = row(id);
      if (r.listed === null && r.in_flight === null) {
        toTrash.run({ id, now: clock.now().toISOString() });
        return { removed: true };
      }
      queueDelete.run(clock.now().toISOString(), id);
      return { removed: false };
    }).immediate();
  }

  return {
    list(): OfferingRecord[] {
      return all.all().map(record);
    },
    get(id: string): OfferingRecord {
      return record(row(id));
    },
    save(id: string | null, draft: OfferingDraft): OfferingRecord {
      return record(db.transaction(() => write(id, draft)).immediate());
    },
    /** Saves and queues in one transaction; an offering that cannot be published is refused untouched. */
    publish(id: string | null, input: OfferingDraft): OfferingRecord {
      return record(
        db.transaction(() => {
          const draft = { ...input, offeringId: input.offeringId.trim() || generateOfferingId(input) };
          const problems = problemsOf(draft);
          if (problems.length > 0) {
            throw failure('validation', `This offering cannot be published yet: ${problems.length} ${problems.length === 1 ? 'field needs' : 'fields need'} attention.`, {
              fields: problems,
            });
          }
          const saved = write(id, draft);
          queuePublish.run(saved.id);
          return row(saved.id);
        }).immediate(),
      );
    },
    /**
     * Queues the given offerings (all of them by default) that differ from the
     * Marketplace: drafts, changed, failed. Offerings that cannot be published
     * yet are left as they are and reported. One transaction.
     */
    publishMany(ids?: string[]): { queued: string[]; skipped: { id: string; offeringId: string; problems: number }[] } {
      return db.transaction(() => {
        const queued: string[] = [];
        const skipped: { id: string; offeringId: string; problems: number }[] = [];
        for (const r of ids ? ids.map(row) : all.all()) {
          if (r.pending === 'delete' || r.trashed_at !== null) continue;
          const current = record(r);
          if (current.status === 'published' || current.status === 'waiting') continue;
          const problems = problemsOf(current.draft).length;
          if (problems > 0) {
            skipped.push({ id: r.id, offeringId: r.offering_id, problems });
            continue;
          }
          queuePublish.run(r.id);
          queued.push(r.id);
        }
        return { queued, skipped };
      }).immediate();
    },
    /**
     * "Run again" (weeks = 1) and "Repeat weekly": new drafts whose class days
     * keep their spacing, the first on `firstDate`, then one week apart.
     */
    duplicate(id: string, firstDate: string, weeks: number): OfferingRecord[] {
      if (!isDate(firstDate)) throw failure('validation', `“${firstDate}” is not a date.`, { fields: [{ path: 'firstDate', code: 'date.invalid', message: 'Enter a date.' }] });
      return copies(id, () => firstDate, weeks);
    },
    /** Addresses already used, most recent first, to pick instead of retyping. */
    locations(): AddressDraft[] {
      const seen = new Map<string, AddressDraft>();
      for (const r of all.all()) {
        const a = parseDraft(r).address;
        if (a.street.trim() === '' || a.city.trim() === '') continue;
        const key = [a.street, a.extended, a.city, a.province, a.postalCode].map((x) => x.trim().toLowerCase().replace(/\s+/g, '')).join('|');
        if (!seen.has(key)) seen.set(key, a);
      }
      return [...seen.values()];
    },
    /**
     * A never-listed offering goes to the Trash at once; a listed one is
     * queued for deletion from the Marketplace and reaches the Trash after.
     */
    delete: remove,
    /** Deletes every one of `ids` or, if any is refused, none: one transaction. */
    deleteMany(ids: string[]): { trashed: number; deleting: number } {
      return db.transaction(() => {
        let trashed = 0;
        for (const id of ids) if (remove(id).removed) trashed++;
        return { trashed, deleting: ids.length - trashed };
      }).immediate();
    },
    /** Bulk "Copy to new dates": copies of `ids` whose class days all move by `days`; all or none, one transaction. */
    copyShifted(ids: string[], days: number): OfferingRecord[] {
      return db.transaction(() => ids.flatMap((id) => copies(id, (origin) => addDays(origin, days), 1))).immediate();
    },
    /** Seats change daily: saved, and queued for publishing if the offering is listed. */
    setSeats(id: string, seats: number): OfferingRecord {
      return db.transaction(() => {
        const r = row(id);
        const draft = { ...parseDraft(r), seatsRemaining: seats };
        const saved = write(id, draft);
        if ((r.listed !== null || r.pending === 'publish') && publishProblems(draft).length === 0) queuePublish.run(id);
        return record(row(saved.id));
      }).immediate();
    },
    /** Queues the removal of every listed offering whose class days are all over. */
    removePast(): string[] {
      return db.transaction(() => {
        const ids = all
          .all()
          .filter((r) => r.listed !== null && r.pending !== 'delete' && isPast(parseDraft(r), clock.now()))
          .map((r) => r.id);
        for (const id of ids) queueDelete.run(clock.now().toISOString(), id);
        return ids;
      }).immediate();
    },
    /** Queues the removal of every listing the given connection made (before switching away from it). */
    removeListedVia(connection: ConnectionKind): string[] {
      return db.transaction(() => {
        const ids = all
          .all()
          .filter((r) => (r.listed !== null || r.in_flight !== null) && r.listed_via === connection && r.pending !== 'delete')
          .map((r) => r.id);
        for (const id of ids) queueDelete.run(clock.now().toISOString(), id);
        return ids;
      }).immediate();
    },
    trash(): OfferingRecord[] {
      return trashed.all().map(record);
    },
    restore(id: string): OfferingRecord {
      const r = row(id);
      if (r.trashed_at === null) throw failure('not-found', 'This offering is not in the Trash.');
      untrash.run(clock.now().toISOString(), id);
      return record(row(id));
    },
    /** Empties what has been in the Trash for more than 30 days. */
    purgeTrash(): number {
      return purge.run(new Date(clock.now().getTime() - TRASH_DAYS * 24 * 3600 * 1000).toISOString()).changes;
    },
    retry(id: string): void {
      const r = row(id);
      if (r.pending === null && r.needs_attention) {
        queuePublish.run(id);
      } else if (r.pending !== null) {
        clearHold.run(id);
      }
    },
    /** Once the Marketplace no longer lists it, the offering goes to the Trash as a draft. */
    forget(id: string): void {
      toTrash.run({ id, now: clock.now().toISOString() });
    },
    row,
  };
}

export type Catalogue = ReturnType<typeof createCatalogue>;
