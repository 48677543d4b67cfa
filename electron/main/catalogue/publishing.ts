// Offerings queued for the Marketplace, each in the same transaction as its
// edit: Publish (refused untouched when the offering cannot be published),
// Publish all or a selection (one statement), a seat count changed on a listed
// offering, Retry, and a listing adopted from a schedule file.
import type { ConnectionKind } from '../../../shared/connection';
import { failure, type FieldError } from '../../../shared/errors';
import type { OfferingDraft } from '../../../shared/offering';
import type { OfferingRecord } from '../../../shared/ipc';
import { adoptedListing } from '../marketplace/wire';
import { parseDraft } from './draft-reading';
import { generateOfferingId, mergedDraft, recordOf, rowOf, writeDraft, type CatalogueCore } from './draft-writing';
import { isComplete, publishableProblems } from './row-rules';

export interface PublishingParts extends CatalogueCore {
  /** The standards the current connection can publish; null for all. */
  allowed(): readonly string[] | null;
  /** The problem a standard not allowed is, named to the one-by-one Publish. */
  notAllowed: FieldError | undefined;
  /** Told after each committed transaction that queued offerings (see CatalogueOptions.onQueued). */
  queued(ids: string[], allWaiting?: boolean): void;
}

export function createPublishing(parts: PublishingParts) {
  const { db, store, clock, allowed, notAllowed, queued } = parts;
  const row = (id: string) => rowOf(store, id);

  return {
    /** Saves and queues in one transaction; an offering that cannot be published is refused untouched. */
    publish(id: string | null, typed: OfferingDraft, base?: OfferingDraft): OfferingRecord {
      const published = recordOf(
        parts,
        db.transaction(() => {
          const input = mergedDraft(store, id, typed, base);
          const draft = { ...input, offeringId: input.offeringId.trim() || generateOfferingId(input) };
          const problems = publishableProblems(draft, { now: clock.now(), allowed: allowed(), notAllowed });
          if (problems.length > 0) {
            throw failure('validation', `This offering cannot be published yet: ${problems.length} ${problems.length === 1 ? 'field needs' : 'fields need'} attention.`, {
              fields: problems,
            });
          }
          const saved = writeDraft(parts, id, draft);
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
        const now = clock.now().toISOString();
        const candidates = store.countPublishCandidates(ids ?? 'all');
        const queuedIds = store.queuePublishable(ids ?? 'all', allowed(), now);
        return { queued: queuedIds, skipped: candidates - queuedIds.length };
      }).immediate();
      queued(result.queued, true);
      return result;
    },
    /** Seats change daily: saved, and queued for publishing if the offering is listed. */
    setSeats(id: string, seats: number): OfferingRecord {
      const saved = db.transaction(() => {
        const r = row(id);
        const draft = { ...parseDraft(r), seatsRemaining: seats };
        const written = writeDraft(parts, id, draft);
        if ((r.listed !== null || r.pending === 'publish') && isComplete(draft)) store.queuePublish(id);
        return recordOf(parts, row(written.id));
      }).immediate();
      if (saved.pendingAction === 'publish') queued([id]);
      return saved;
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
    adopt(id: string, via: ConnectionKind): void {
      const r = row(id);
      const marker = adoptedListing({ offeringId: r.offering_id, trainingStandardKey: r.standard_key ?? '' });
      store.update(id, { listed: JSON.stringify(marker), listed_via: via, differs: 1 });
    },
  };
}
