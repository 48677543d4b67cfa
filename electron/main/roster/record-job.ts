// Learning records as a job of the publishing queue: the intent and its
// learningRecordId are stored before any request (roster.report), the mark
// "in flight" is durable before the request leaves, and an answer meaning
// "already exists" counts as done — so a resend after a crash or a lost
// answer can never make a second record.
import type { AppError, FieldError } from '../../../shared/errors';
import type { CallLog } from '../queue/call-log';
import type { Clock } from '../catalogue/catalogue';
import type { LearnersStore } from './learners-store';
import type { JobContext, JobSource } from '../queue/job-source';
import { isPausing, isRetryable } from '../queue/retry-policy';
import type { MarketplaceClient, CallOutcome } from '../marketplace/marketplace-client';
import { WireError } from '../marketplace/wire';
import { toRecordWire, rosterPathFor } from '../marketplace/record-wire';
import { silentLog, type AppLog } from '../platform/logging';
import type { Roster } from './roster';

const REDACTED = '[redacted]';
const KEYCHAIN = new Set<AppError['code']>(['no-key', 'keychain-locked', 'keychain-unavailable']);

/** The answer's text without any of the learner's own values (a server may echo what it refused). */
export function redact(raw: string | null, personal: readonly string[]): string | null {
  if (raw === null) return null;
  let out = raw;
  for (const value of personal) if (value.length >= 2) out = out.split(value).join(REDACTED);
  return out;
}

function refusedFields(raw: string | null): FieldError[] {
  try {
    const parsed = WireError.safeParse(JSON.parse(raw ?? ''));
    if (!parsed.success) return [];
    return (parsed.data.details ?? []).map((d) => ({ path: rosterPathFor(d.path), code: 'marketplace', message: d.message }));
  } catch {
    return [];
  }
}

export function createRecordJob(options: { learners: LearnersStore; roster: Roster; callLog: CallLog; clock: Clock; log?: AppLog }): JobSource {
  const { learners, roster, callLog, clock } = options;
  const log = options.log ?? silentLog;
  const nowIso = () => clock.now().toISOString();

  async function settle(id: string, offeringId: string, outcome: CallOutcome, personal: readonly string[], ctx: JobContext): Promise<void> {
    if (outcome.ok) {
      return ctx.commits.write(() => {
        callLog.done(offeringId, 'report', outcome.status, { learnerRow: id });
        learners.settleReported(id, nowIso());
      });
    }
    const { error } = outcome;
    // The learner's id only: never a name or an email in the log.
    log.warn(`Learning record of learner ${id} failed`, { status: outcome.status, code: error.code });
    const raw = redact(outcome.raw, personal);
    if (error.code === 'marketplace-conflict') {
      // Sent before (an answer lost, or a crash after sending): the ministry has it.
      return ctx.commits.write(() => {
        callLog.failed(offeringId, 'report', outcome.status, { ...error, message: 'Already reported (an earlier answer was lost): counted as reported.' }, raw, { learnerRow: id });
        learners.settleReported(id, nowIso());
      });
    }
    const row = learners.get(id);
    const attempts = row?.record_attempts ?? 0;
    return ctx.commits.write(() => {
      const safe: AppError = { code: error.code, message: redact(error.message, personal) ?? error.message, ...(error.marketplaceCode ? { marketplaceCode: error.marketplaceCode } : {}) };
      callLog.failed(offeringId, 'report', outcome.status, safe, raw, { learnerRow: id });
      // On the gateway the network key is read for the body itself: none stored, or a locked keychain, stops every send like a refused key does.
      if (isPausing(error.code) || KEYCHAIN.has(error.code)) {
        ctx.pause(error);
        learners.settleLater(id, attempts, nowIso(), JSON.stringify(safe), nowIso());
        return;
      }
      if (error.code === 'marketplace-rate-limited') {
        learners.settleLater(id, attempts, ctx.rateLimitedUntil(error), null, nowIso());
        return;
      }
      if (isRetryable(error.code)) {
        // Offline, a record waits however long it takes; other failures use up its tries.
        const unreachable = error.code === 'marketplace-unreachable';
        const next = unreachable ? attempts : attempts + 1;
        if (!unreachable && ctx.usedUp(next)) learners.settleRefused(id, JSON.stringify(safe), nowIso());
        else learners.settleLater(id, next, ctx.retryAt(next, unreachable), JSON.stringify(safe), nowIso());
        return;
      }
      const fields = error.code === 'marketplace-invalid' ? refusedFields(raw) : [];
      const refusal: AppError = {
        code: error.code,
        message: error.code === 'marketplace-invalid' ? 'The ministry refused this learning record: correct the fields shown and send it again.' : safe.message,
        ...(fields.length > 0 ? { fields } : {}),
        ...(error.marketplaceCode ? { marketplaceCode: error.marketplaceCode } : {}),
      };
      learners.settleRefused(id, JSON.stringify(refusal), nowIso());
    });
  }

  return {
    due: (now, limit) => learners.due(now, limit),
    waiting: () => learners.waiting(),
    nextWake: () => learners.nextWake(),
    dueNow: (now) => learners.dueNow(now),
    async run(id: string, client: MarketplaceClient, ctx: JobContext): Promise<void> {
      let prepared: Awaited<ReturnType<Roster['recordFacts']>>;
      try {
        prepared = await roster.recordFacts(id);
      } catch (e) {
        // The data key is missing or the keychain locked: nothing can be sent until the user acts.
        const error = (e as { error?: AppError }).error ?? { code: 'internal' as const, message: 'Learner details could not be read.' };
        ctx.pause(error);
        return;
      }
      if (prepared === null) return;
      const body = toRecordWire(prepared.facts);
      await ctx.commits.write(() => {
        learners.setInFlight(id);
        callLog.sending(prepared.offeringId, 'report', { learnerRow: id });
      });
      const outcome = await client.addRecord(body);
      ctx.observe(outcome);
      await settle(id, prepared.offeringId, outcome, prepared.personal, ctx);
    },
  };
}
