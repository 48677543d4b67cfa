// Offerings leaving: a never-listed one goes to the Trash at once, a listed
// one is queued for deletion from the Marketplace first (one by one, in bulk,
// every past one, or every one a connection listed); the Trash itself, its
// restore and its purge. A class with learning records stays as their record.
import { TRASH_DAYS } from '../../../shared/app-rules';
import type { ConnectionKind } from '../../../shared/connection';
import { failure } from '../../../shared/errors';
import type { OfferingRecord } from '../../../shared/ipc';
import { recordOf, rowOf, type CatalogueCore } from './draft-writing';
import { isListedOrSent } from './row-rules';

export interface RemovalParts extends CatalogueCore {
  /** Whether an offering has learning records reported or on their way. */
  keepsRecords(id: string): boolean;
  /** Told after each committed transaction that queued deletions (see CatalogueOptions.onQueued). */
  queued(ids: string[], allWaiting?: boolean): void;
}

export function createRemoval(parts: RemovalParts) {
  const { db, store, clock, keepsRecords, queued } = parts;
  const nowIso = () => clock.now().toISOString();

  function remove(id: string): { removed: boolean } {
    return db.transaction(() => {
      const r = rowOf(store, id);
      const listed = isListedOrSent(r.listed !== null, r.in_flight);
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
    /** Queues the removal of every listed offering whose class days are all over: one statement. */
    removePast(): string[] {
      const ids = db.transaction(() => store.queueRemovePast(nowIso())).immediate();
      queued(ids, true);
      return ids;
    },
    /** Queues the removal of every listing the given connection made (before switching away from it). */
    removeListedVia(connection: ConnectionKind): string[] {
      const ids = db.transaction(() => store.queueRemoveListedVia(connection, nowIso())).immediate();
      queued(ids);
      return ids;
    },
    trash(): OfferingRecord[] {
      return store.trashed().map((r) => recordOf(parts, r));
    },
    restore(id: string): OfferingRecord {
      const r = rowOf(store, id);
      if (r.trashed_at === null) throw failure('not-found', 'This offering is not in the Trash.');
      store.untrash(id, nowIso());
      return recordOf(parts, rowOf(store, id));
    },
    /** Empties what has been in the Trash for more than TRASH_DAYS days. */
    purgeTrash(): number {
      return store.purgeTrash(new Date(clock.now().getTime() - TRASH_DAYS * 24 * 3600 * 1000).toISOString());
    },
    /** Once the Marketplace no longer lists it, the offering goes to the Trash as a draft. */
    forget(id: string): void {
      // A class with reported learners is the record of that session: it leaves the Marketplace, not the catalogue.
      if (keepsRecords(id)) store.update(id, { listed: null, listed_via: null, pending: null, in_flight: null, attempts: 0, next_attempt_at: null, error: null, needs_attention: 0 });
      else store.toTrash(id, nowIso());
    },
  };
}
