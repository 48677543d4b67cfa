// One offering's change as Marketplace calls: a delete, an add (a full patch
// when a 409 says an earlier add got there), or a patch of what changed.
// Every call is recorded before and after the request, so a crash at any point
// resumes to the right state on the next start.
import type { AppError } from '../../../shared/errors';
import { publishProblems } from '../../../shared/offering';
import { readDraft, readListed, type Catalogue, type OfferingRow } from '../catalogue/catalogue';
import type { MarketplaceClient, CallOutcome } from '../marketplace/marketplace-client';
import { changedFields, fullPatch, isAdopted, resourceOf, toWire, type Resource } from '../marketplace/wire';
import type { CallLog } from './call-log';
import { patchChanges, type CallDetail } from './call-detail';
import type { Claim, JobContext } from './job-source';
import type { Action, OfferingOutcomes } from './offering-outcomes';

/**
 * The durable "sending" mark of a change, written before its turn comes.
 * Written early, it says no more than "may be on the Marketplace": a change
 * marked but never sent (a crash, a pause) is sent on a later turn, or asks
 * the Marketplace when deleted, and an unsent mark is taken back at once.
 */
export interface OfferingClaim extends Claim {
  action: Action;
  previous: OfferingRow['in_flight'];
}

export interface OfferingSendParts {
  catalogue: Catalogue;
  callLog: CallLog;
  outcomes: OfferingOutcomes;
  /** True when a stored row turns out damaged and is now held: it is not sent (integrity-check.ts). */
  holdIfDamaged?: (row: OfferingRow) => boolean;
}

export function createOfferingSend({ catalogue, callLog, outcomes, holdIfDamaged }: OfferingSendParts) {
  const { acknowledge, failed, settle } = outcomes;

  async function send(context: JobContext, row: OfferingRow, action: Action, call: () => Promise<CallOutcome>, claim: OfferingClaim | null = null, detail?: CallDetail): Promise<CallOutcome> {
    if (claim?.action === action) {
      // Marked one step ahead (the claim): only the log line is left, and the request need not wait for it.
      outcomes.inBackground(context, row.id, context.commits.write(() => callLog.sending(row.offering_id, action, detail), { durable: false }));
    } else {
      // The "sending" mark is durable before the request leaves; marks of sends started together share a commit.
      await context.commits.write(() => {
        catalogue.store.setInFlight(row.id, action);
        callLog.sending(row.offering_id, action, detail);
      });
    }
    const outcome = await call();
    context.observe(outcome);
    return outcome;
  }

  /** A listing can be changed or removed only through the connection that made it. */
  function otherConnection(row: OfferingRow, client: MarketplaceClient): boolean {
    const mayBeListed = row.listed !== null || row.in_flight !== null;
    if (!mayBeListed || row.listed_via === null || row.listed_via === client.connection) return false;
    const error: AppError = {
      code: 'other-connection',
      message: `This offering was listed through the ${row.listed_via === 'gateway' ? 'Ontario ministry gateway' : 'Marketplace network API'}; switch back to that connection in Settings to change or remove it.`,
    };
    settle(row.id, { in_flight: row.in_flight, held: 1, error: JSON.stringify(error) });
    return true;
  }

  async function remove(context: JobContext, row: OfferingRow, client: MarketplaceClient, resource: Resource, claim: OfferingClaim | null): Promise<void> {
    const id = row.offering_id;
    if (row.listed === null && row.in_flight === null) return catalogue.forget(row.id);
    const outcome = await send(context, row, 'delete', () => client.remove(resource, id), claim);
    if (outcome.ok || outcome.error.code === 'marketplace-not-found') {
      await context.commits.write(() => {
        if (outcome.ok) callLog.done(id, 'delete', outcome.status);
        else callLog.failed(id, 'delete', outcome.status, { ...outcome.error, message: 'Already gone from the Marketplace: counted as deleted.' }, outcome.raw);
        catalogue.forget(row.id);
      });
    } else await failed(context, row, 'delete', outcome);
  }

  /** `row` as the rules read it: before the claim, if there is one. */
  return async function sendChange(context: JobContext, row: OfferingRow, client: MarketplaceClient, claim: OfferingClaim | null): Promise<void> {
    const id = row.offering_id;
    if (holdIfDamaged?.(row)) return;
    const listed = readListed(row);
    if (otherConnection(row, client)) return;
    const draft = readDraft(row);
    const resource: Resource = listed ? resourceOf(listed) : draft.kind;
    const via = client.connection;
    if (row.pending === 'delete') return remove(context, row, client, resource, claim);

    const problems = publishProblems(draft);
    if (problems.length > 0) {
      settle(row.id, { held: 1, error: JSON.stringify({ code: 'validation', message: 'This offering cannot be published yet.', fields: problems } satisfies AppError) });
      return;
    }
    const wire = toWire(draft);
    if (listed === null) {
      const added = await send(context, row, 'add', () => client.add(wire), claim);
      if (added.ok) return acknowledge(context, row, wire, via, { action: 'add', status: added.status });
      // The add may have reached the Marketplace before a crash or a lost
      // answer; it is ours (403 would say otherwise), so make it match in full.
      if (added.error.code !== 'marketplace-conflict') return failed(context, row, 'add', added);
      await context.commits.write(() => callLog.failed(id, 'add', added.status, { ...added.error, message: 'Already listed (an earlier answer was lost): sending the full offering as a patch.' }, added.raw));
      const patched = await send(context, row, 'patch', () => client.patch(resourceOf(wire), id, fullPatch(wire)));
      return patched.ok ? acknowledge(context, row, wire, via, { action: 'patch', status: patched.status }) : failed(context, row, 'patch', patched);
    }
    // A listing adopted from a schedule file: what the Marketplace holds is unknown, so every field goes.
    const adopted = isAdopted(listed);
    const fields = adopted ? fullPatch(wire) : changedFields(listed, wire);
    if (Object.keys(fields).length === 0) return acknowledge(context, row, wire, via, null);
    // Activity says what changed (what an adopted listing held is unknown: nothing to say it changed from).
    const detail: CallDetail = adopted ? {} : { changes: patchChanges(listed, fields) };
    const patched = await send(context, row, 'patch', () => client.patch(resource, id, fields), claim, detail);
    return patched.ok ? acknowledge(context, row, wire, via, { action: 'patch', status: patched.status, detail }) : failed(context, row, 'patch', patched, detail);
  };
}
