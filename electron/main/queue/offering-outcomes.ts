// What an answer of the Marketplace does to an offering's row, and the hold an
// unexpected problem puts on it. A call's log line and its effect are one
// write, committed with whatever else the other workers wrote in the same
// turn: one fsync for all of them.
import { AppFailure, type AppError } from '../../../shared/errors';
import type { OfferingRow } from '../catalogue/catalogue';
import type { OfferingsStore, QueueFields } from '../catalogue/offerings-store';
import type { MarketplaceClient, CallOutcome } from '../marketplace/marketplace-client';
import type { WireListing } from '../marketplace/wire';
import type { AppLog } from '../platform/logging';
import type { CallLog } from './call-log';
import type { JobContext } from './job-source';
import { isPausing, isRetryable } from './retry-policy';
import type { CallDetail } from './call-detail';

export type Action = NonNullable<OfferingRow['in_flight']>;
type Sent = { action: Action; status: number; detail?: CallDetail };

export function createOfferingOutcomes({ store, callLog, log }: { store: OfferingsStore; callLog: CallLog; log: AppLog }) {
  function settle(id: string, changes: QueueFields): void {
    store.update(id, { in_flight: null, ...changes });
  }

  function holdOnProblem(id: string, e: unknown): void {
    // Deleted from the catalogue meanwhile: nothing left to do.
    if (e instanceof AppFailure && e.error.code === 'not-found') return;
    // A bug or a disk error must not stop the other offerings: hold this one, visibly.
    const error: AppError = { code: 'internal', message: `Publishing stopped on an unexpected problem: ${e instanceof Error ? e.message : String(e)}` };
    settle(id, { held: 1, error: JSON.stringify(error) });
  }

  /**
   * A write the worker need not wait for, to go on to its next change at once
   * (it then shares a transaction with that change's writes). The batch ends
   * only once every such write is in (runBatch), so the next look for due rows
   * sees them; one that fails holds its offering, as any unexpected problem.
   */
  function inBackground(context: JobContext, id: string, write: Promise<unknown>): void {
    context.inBackground(write.then(
      () => undefined,
      (e: unknown) => holdOnProblem(id, e),
    ));
  }

  // The worker moves on once the answer is committed, without waiting for the
  // disk: an answer lost to a power cut leaves the "sending" mark, and the next
  // start sends the change again, as after any lost answer (an add meets its
  // 409 and becomes a full patch). Nor does it wait for the commit itself (see inBackground).
  function acknowledge(context: JobContext, row: OfferingRow, listed: WireListing, via: MarketplaceClient['connection'], sent: Sent | null): void {
    const sentRevision = row.revision;
    const written = context.commits.write(() => {
      if (sent) callLog.done(row.offering_id, sent.action, sent.status, sent.detail);
      const current = store.queueState(row.id);
      if (!current) return;
      const editedMeanwhile = current.revision !== sentRevision;
      settle(row.id, {
        listed: JSON.stringify(listed),
        // What was sent is the draft as it is, unless it was edited meanwhile: then it is worked out again.
        ...(editedMeanwhile ? {} : { differs: 0 as const }),
        listed_via: via,
        pending: editedMeanwhile || current.pending === 'delete' ? current.pending : null,
        attempts: 0,
        next_attempt_at: null,
        error: null,
        needs_attention: 0,
        // Held after a crash while on the wire (holdInFlight), and the answer came after all: it stands.
        held: 0,
      });
    }, { durable: false });
    inBackground(context, row.id, written);
  }

  /**
   * `row` is as read before this call. An offering never acknowledged may
   * still be on the Marketplace: after a call with no HTTP answer, after a 409
   * proved it there, or when it was already in doubt. Then in_flight stays
   * 'add' as the evidence, so deleting it still asks the Marketplace.
   */
  function failed(context: JobContext, row: OfferingRow, action: Action, outcome: Extract<CallOutcome, { ok: false }>, detail?: CallDetail): Promise<void> {
    const { error } = outcome;
    log.warn(`Marketplace ${action} of ${row.offering_id} failed`, { status: outcome.status, error });
    const mayBeListed = row.listed === null && ((outcome.status === null && !outcome.notSent) || action === 'patch' || row.in_flight !== null);
    const record = (changes: QueueFields) => store.update(row.id, { in_flight: mayBeListed ? 'add' : null, ...changes });
    return context.commits.write(() => {
      callLog.failed(row.offering_id, action, outcome.status, error, outcome.raw, detail);
      if (isPausing(error.code)) {
        context.pause(error);
        record({});
        return;
      }
      if (error.code === 'marketplace-rate-limited') {
        record({ next_attempt_at: context.rateLimitedUntil(error) });
        return;
      }
      if (isRetryable(error.code)) {
        // Offline is not a failure of this change: it waits however long it takes,
        // retried less and less often while the connection stays down.
        const unreachable = error.code === 'marketplace-unreachable';
        const attempts = unreachable ? row.attempts : row.attempts + 1;
        if (context.usedUp(attempts)) {
          record({ attempts, held: 1, error: JSON.stringify(error) });
        } else {
          record({ attempts, next_attempt_at: context.retryAt(attempts, unreachable), error: JSON.stringify(error) });
        }
        return;
      }
      if (error.code === 'marketplace-not-found' && action === 'patch') {
        store.update(row.id, { in_flight: null, listed: null, pending: null, needs_attention: 1, error: JSON.stringify({ ...error, message: 'This listing is no longer on the Marketplace. Publish it again to list it anew.' }) });
        return;
      }
      record({ held: 1, error: JSON.stringify(error) });
    });
  }

  return { settle, holdOnProblem, inBackground, acknowledge, failed };
}

export type OfferingOutcomes = ReturnType<typeof createOfferingOutcomes>;
