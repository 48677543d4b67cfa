// The catalogue's offerings as a job of the publishing queue: what waits is
// the publishing intent stored with each offering, sent as its change
// (offering-send.ts), and each one is marked as sending a step ahead (claim).
import type { AppError } from '../../../shared/errors';
import type { Catalogue } from '../catalogue/catalogue';
import type { QueueState } from '../catalogue/offerings-store';
import type { MarketplaceClient } from '../marketplace/marketplace-client';
import { silentLog, type AppLog } from '../platform/logging';
import type { CallLog } from './call-log';
import type { JobContext, JobSource } from './job-source';
import { createOfferingOutcomes, type Action } from './offering-outcomes';
import { createOfferingSend, type OfferingClaim, type OfferingSendParts } from './offering-send';

export const SENDING_INTERRUPTED =
  'Offering Desk ran into an unexpected problem while this change was being sent, so it is not sent again on its own. Choose Retry to send it; if the problem comes back, check the Marketplace address in Settings.';

export interface OfferingJobsOptions extends Pick<OfferingSendParts, 'holdIfDamaged'> {
  catalogue: Catalogue;
  callLog: CallLog;
  log?: AppLog;
}

/** What the change will ask of the Marketplace, as the row stands (sendChange decides again at its turn). */
function expectedAction(state: QueueState): Action | null {
  if (state.pending === null) return null;
  if (state.pending === 'delete') return !state.is_listed && state.in_flight === null ? null : 'delete';
  return state.is_listed ? 'patch' : 'add';
}

export function createOfferingJobs({ catalogue, callLog, log = silentLog, holdIfDamaged }: OfferingJobsOptions): JobSource<OfferingClaim> {
  const store = catalogue.store;
  const outcomes = createOfferingOutcomes({ store, callLog, log });
  const sendChange = createOfferingSend({ catalogue, callLog, outcomes, holdIfDamaged });

  function claim(id: string, context: JobContext): OfferingClaim | null {
    const state = store.queueState(id);
    const action = state ? expectedAction(state) : null;
    if (!state || !action) return null;
    const previous = state.in_flight;
    return {
      action,
      previous,
      marked: context.commits.write(() => store.setInFlight(id, action)).then(
        () => true,
        (e: unknown) => {
          outcomes.holdOnProblem(id, e);
          return false;
        },
      ),
      release: () => outcomes.inBackground(context, id, context.commits.write(() => store.restoreInFlight(id, action, previous), { durable: false })),
    };
  }

  async function run(id: string, client: MarketplaceClient, context: JobContext, claim: OfferingClaim | null): Promise<void> {
    try {
      const row = catalogue.row(id);
      // Nothing waits any more: trashed since it was read as due (the catalogue kicks the worker as it
      // queues, so a Delete can land between the batch's read and this turn). Sent, it would be listed.
      if (row.pending === null) return;
      // The rules read the row as it was before the claim; a claim someone else's write replaced (trashed meanwhile) is no claim.
      const claimed = claim !== null && row.in_flight === claim.action;
      await sendChange(context, claimed ? { ...row, in_flight: claim.previous } : row, client, claimed ? claim : null);
    } catch (e) {
      outcomes.holdOnProblem(id, e);
    }
  }

  return {
    due: (now, limit) => store.due(now, limit).map((row) => row.id),
    waiting: () => store.counts().waiting,
    nextWake: () => store.nextWake(),
    dueNow: () => store.dueNowAll(),
    claim,
    run,
    /**
     * Held to be sent again only by the user's Retry: a change whose sending brings the app down (an answer
     * no string can hold did) is then not sent again at every start. Its in-flight mark stays: it may be on the Marketplace.
     */
    holdInFlight(id: string): void {
      const error: AppError = { code: 'sending-interrupted', message: SENDING_INTERRUPTED };
      store.update(id, { held: 1, error: JSON.stringify(error) });
    },
  };
}
