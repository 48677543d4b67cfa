// The worker that turns publishing intent stored in the catalogue into
// Marketplace calls. Every step is recorded before and after the request, so a
// crash at any point resumes to the right state on the next start.
import { AppFailure, type AppError } from '../../../shared/errors';
import { publishProblems } from '../../../shared/offering';
import type { QueueView } from '../../../shared/ipc';
import { readDraft, readListed, type Catalogue, type Clock, type OfferingRow } from '../catalogue/catalogue';
import type { QueueFields, QueueState } from '../catalogue/offerings-store';
import { createGroupCommit } from '../database/group-commit';
import { createTurns } from './turns';
import { createWorkerLease } from './worker-lease';
import { isPausing, isRetryable, nextTryAt, rateLimitedUntil, type Backoff } from './retry-policy';
import type { CallLog } from './call-log';
import type { BatchProgress } from './batch-progress';
import type { MarketplaceClient, CallOutcome } from '../marketplace/marketplace-client';
import { changedFields, fullPatch, isAdopted, resourceOf, toWire, type Resource, type WireListing } from '../marketplace/wire';
import type { Db } from '../database/schema';
import { silentLog, type AppLog } from '../platform/logging';

/**
 * Another kind of job the same worker sends (learning records): intent stored
 * in the catalogue, sent later, exactly once. The queue owns the lease, the
 * concurrency, pausing and the offline state; a job source owns its rows.
 */
export interface JobSource {
  /** Ids due now, oldest first. */
  due(now: string, limit: number): string[];
  waiting(): number;
  nextWake(): string | null;
  /** The network is back: what waits for a retry is due now. */
  dueNow(now: string): void;
  run(id: string, client: MarketplaceClient, context: JobContext): Promise<void>;
}

export interface JobContext {
  /** Durable writes shared with the offerings' (one fsync per turn). */
  commits: ReturnType<typeof createGroupCommit>;
  /** Every answer (or none) passes through here: it tells online from offline. */
  observe(outcome: CallOutcome): void;
  /** A problem only the user can fix: every send stops until Settings change or Resume. */
  pause(error: AppError): void;
  /** When to try again after `attempts` failures, or null once they are used up. */
  retryAt(attempts: number, unreachable: boolean): string | null;
  /** When a 429 allows the next try: its Retry-After, or a few seconds. */
  rateLimitedUntil(error: AppError): string;
  isPausing(code: AppError['code']): boolean;
  isRetryable(code: AppError['code']): boolean;
}

export interface QueueOptions {
  db: Db;
  catalogue: Catalogue;
  callLog: CallLog;
  client: () => Promise<MarketplaceClient>;
  clock: Clock;
  random?: () => number;
  /** Read before each batch, so a change in Settings applies to the next one. */
  concurrency?: number | (() => number);
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  leaseMs?: number;
  log?: AppLog;
  /** Told when the queue's own state changes (paused, cancelled, offline), for the windows. */
  onChange?: () => void;
  /** Jobs of other kinds, sent by the same worker under the same lease. */
  jobs?: JobSource[];
  /** True when a stored row turns out damaged and is now held: it is not sent (integrity-check.ts). */
  holdIfDamaged?: (row: OfferingRow) => boolean;
  /** The progress bar's run, told of every write to the catalogue's offerings (batch-progress.ts). */
  progress: BatchProgress;
}

export const SENDING_INTERRUPTED =
  'Offering Desk ran into an unexpected problem while this change was being sent, so it is not sent again on its own. Choose Retry to send it; if the problem comes back, check the Marketplace address in Settings.';

export function createPublishQueue(options: QueueOptions) {
  const { db, catalogue, callLog, clock, progress } = options;
  const random = options.random ?? Math.random;
  const concurrencySetting = options.concurrency ?? 4;
  const concurrency = () => (typeof concurrencySetting === 'function' ? concurrencySetting() : concurrencySetting);
  const maxAttempts = options.maxAttempts ?? 6;
  const backoff: Backoff = { baseDelayMs: options.baseDelayMs ?? 1000, maxDelayMs: options.maxDelayMs ?? 60_000 };
  const leaseMs = options.leaseMs ?? 30_000;
  const log = options.log ?? silentLog;

  const active = new Set<string>();
  /** Writes still committing, which the worker did not wait for (see inBackground). */
  const behind = new Set<Promise<void>>();
  let offline = false;
  /** Unanswered sends in a row: spaces out retries while the laptop is offline. */
  let offlineStreak = 0;
  let paused: AppError | null = null;
  /** Cancelled by the user: nothing new is sent until Resume. */
  let cancelled = false;
  let draining: Promise<void> | null = null;
  let kickedMeanwhile = false;
  let wakeTimer: NodeJS.Timeout | null = null;
  let stopped = false;

  const store = catalogue.store;
  const commits = createGroupCommit(db);
  const turns = createTurns();
  const lease = createWorkerLease(db, clock, leaseMs);

  function settle(row: OfferingRow, changes: QueueFields): void {
    store.update(row.id, { in_flight: null, ...changes });
  }

  type Action = NonNullable<OfferingRow['in_flight']>;
  type Sent = { action: Action; status: number };

  // The call's log line and its effect are one write, committed with whatever
  // else the other workers wrote in the same turn: one fsync for all of them.
  // The worker moves on once it is committed, without waiting for the disk: an
  // answer lost to a power cut leaves the "sending" mark, and the next start
  // sends the change again, as after any lost answer (an add meets its 409 and becomes a full patch).
  // Nor does the worker wait for the commit itself (see inBackground).
  function acknowledge(row: OfferingRow, listed: WireListing, via: MarketplaceClient['connection'], sent: Sent | null): void {
    const sentRevision = row.revision;
    const written = commits.write(() => {
      if (sent) callLog.done(row.offering_id, sent.action, sent.status);
      const current = store.queueState(row.id);
      if (!current) return;
      const editedMeanwhile = current.revision !== sentRevision;
      settle(row, {
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
    inBackground(row, written);
  }

  /**
   * A write the worker need not wait for, to go on to its next change at once
   * (it then shares a transaction with that change's writes). The batch ends
   * only once every such write is in (runBatch), so the next look for due rows
   * sees them; one that fails holds its offering, as any unexpected problem.
   */
  function inBackground(row: OfferingRow, write: Promise<unknown>): void {
    const settling: Promise<void> = write.then(
      () => undefined,
      (e: unknown) => holdOnProblem(row, e),
    ).finally(() => behind.delete(settling));
    behind.add(settling);
  }

  /**
   * `row` is as read before this call. An offering never acknowledged may
   * still be on the Marketplace: after a call with no HTTP answer, after a 409
   * proved it there, or when it was already in doubt. Then in_flight stays
   * 'add' as the evidence, so deleting it still asks the Marketplace.
   */
  function failed(row: OfferingRow, action: 'add' | 'patch' | 'delete', outcome: Extract<CallOutcome, { ok: false }>): Promise<void> {
    const { error } = outcome;
    log.warn(`Marketplace ${action} of ${row.offering_id} failed`, { status: outcome.status, error });
    const mayBeListed = row.listed === null && ((outcome.status === null && !outcome.notSent) || action === 'patch' || row.in_flight !== null);
    const record = (changes: QueueFields) => store.update(row.id, { in_flight: mayBeListed ? 'add' : null, ...changes });
    return commits.write(() => {
      callLog.failed(row.offering_id, action, outcome.status, error, outcome.raw);
      if (isPausing(error.code)) {
        paused = error;
        options.onChange?.();
        record({});
        return;
      }
      if (error.code === 'marketplace-rate-limited') {
        record({ next_attempt_at: rateLimited(error) });
        return;
      }
      if (isRetryable(error.code)) {
        // Offline is not a failure of this change: it waits however long it takes,
        // retried less and less often while the connection stays down.
        const unreachable = error.code === 'marketplace-unreachable';
        const attempts = unreachable ? row.attempts : row.attempts + 1;
        if (attempts >= maxAttempts) {
          record({ attempts, held: 1, error: JSON.stringify(error) });
        } else {
          record({ attempts, next_attempt_at: nextTry(attempts, unreachable), error: JSON.stringify(error) });
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

  /** The next try after `attempts` failures: backoff by attempts, or by how long the Marketplace has been unreachable. */
  const nextTry = (attempts: number, unreachable: boolean): string => nextTryAt(clock.now().getTime(), unreachable ? offlineStreak : attempts, backoff, random);
  const rateLimited = (error: AppError): string => rateLimitedUntil(clock.now().getTime(), error);

  async function send(row: OfferingRow, action: Action, call: () => Promise<CallOutcome>, claim: Claim | null = null): Promise<CallOutcome> {
    if (claim?.action === action) {
      // Marked one step ahead (claim): only the log line is left, and the request need not wait for it.
      inBackground(row, commits.write(() => callLog.sending(row.offering_id, action), { durable: false }));
    } else {
      // The "sending" mark is durable before the request leaves; marks of sends started together share a commit.
      await commits.write(() => {
        store.setInFlight(row.id, action);
        callLog.sending(row.offering_id, action);
      });
    }
    const outcome = await call();
    observe(outcome);
    return outcome;
  }

  function observe(outcome: CallOutcome): void {
    // Any HTTP answer means we are online; only an unreachable host means offline.
    const wasOffline = offline;
    offline = !outcome.ok && outcome.status === null && outcome.error.code === 'marketplace-unreachable';
    if (offline !== wasOffline) options.onChange?.();
    offlineStreak = offline ? offlineStreak + 1 : 0;
  }

  const jobs = options.jobs ?? [];
  const jobContext: JobContext = {
    commits,
    observe,
    pause(error) {
      paused = error;
      options.onChange?.();
    },
    retryAt: (attempts, unreachable) => (!unreachable && attempts >= maxAttempts ? null : nextTry(attempts, unreachable)),
    rateLimitedUntil: rateLimited,
    isPausing,
    isRetryable,
  };
  const jobsWaiting = () => jobs.reduce((n, j) => n + j.waiting(), 0);
  function nextWake(): string | null {
    const times = [store.nextWake(), ...jobs.map((j) => j.nextWake())].filter((t): t is string => t !== null);
    return times.length === 0 ? null : times.reduce((a, b) => (a < b ? a : b));
  }

  /** A listing can be changed or removed only through the connection that made it. */
  function otherConnection(row: OfferingRow, client: MarketplaceClient): boolean {
    const mayBeListed = row.listed !== null || row.in_flight !== null;
    if (!mayBeListed || row.listed_via === null || row.listed_via === client.connection) return false;
    const error: AppError = {
      code: 'other-connection',
      message: `This offering was listed through the ${row.listed_via === 'gateway' ? 'Ontario ministry gateway' : 'Marketplace network API'}; switch back to that connection in Settings to change or remove it.`,
    };
    settle(row, { in_flight: row.in_flight, held: 1, error: JSON.stringify(error) });
    return true;
  }

  async function sendChange(row: OfferingRow, client: MarketplaceClient, claim: Claim | null): Promise<void> {
    const id = row.offering_id;
    if (options.holdIfDamaged?.(row)) return;
    const listed = readListed(row);
    if (otherConnection(row, client)) return;
    const draft = readDraft(row);
    const resource: Resource = listed ? resourceOf(listed) : draft.kind;
    const via = client.connection;
    if (row.pending === 'delete') {
      if (row.listed === null && row.in_flight === null) return catalogue.forget(row.id);
      const outcome = await send(row, 'delete', () => client.remove(resource, id), claim);
      if (outcome.ok || outcome.error.code === 'marketplace-not-found') {
        await commits.write(() => {
          if (outcome.ok) callLog.done(id, 'delete', outcome.status);
          else callLog.failed(id, 'delete', outcome.status, { ...outcome.error, message: 'Already gone from the Marketplace: counted as deleted.' }, outcome.raw);
          catalogue.forget(row.id);
        });
      } else await failed(row, 'delete', outcome);
      return;
    }

    const problems = publishProblems(draft);
    if (problems.length > 0) {
      settle(row, { held: 1, error: JSON.stringify({ code: 'validation', message: 'This offering cannot be published yet.', fields: problems } satisfies AppError) });
      return;
    }
    const wire = toWire(draft);
    if (listed === null) {
      const added = await send(row, 'add', () => client.add(wire), claim);
      if (added.ok) return acknowledge(row, wire, via, { action: 'add', status: added.status });
      // The add may have reached the Marketplace before a crash or a lost
      // answer; it is ours (403 would say otherwise), so make it match in full.
      if (added.error.code !== 'marketplace-conflict') return failed(row, 'add', added);
      await commits.write(() => callLog.failed(id, 'add', added.status, { ...added.error, message: 'Already listed (an earlier answer was lost): sending the full offering as a patch.' }, added.raw));
      const patched = await send(row, 'patch', () => client.patch(resourceOf(wire), id, fullPatch(wire)));
      return patched.ok ? acknowledge(row, wire, via, { action: 'patch', status: patched.status }) : failed(row, 'patch', patched);
    }
    // A listing adopted from a schedule file: what the Marketplace holds is unknown, so every field goes.
    const fields = isAdopted(listed) ? fullPatch(wire) : changedFields(listed, wire);
    if (Object.keys(fields).length === 0) return acknowledge(row, wire, via, null);
    const patched = await send(row, 'patch', () => client.patch(resource, id, fields), claim);
    return patched.ok ? acknowledge(row, wire, via, { action: 'patch', status: patched.status }) : failed(row, 'patch', patched);
  }

  async function drainOnce(): Promise<void> {
    while (!stopped && paused === null && !cancelled) {
      if (!lease.hold()) return schedule(leaseMs);
      const now = clock.now().toISOString();
      // Sixteen a worker: a batch ends when its slowest call does, and the others wait idle
      // for it (at four a worker, that tail cost concurrency 4 about 2 % of its throughput).
      const limit = concurrency() * 16;
      const tasks: Task[] = store
        .due(now, limit)
        .filter((r) => !active.has(r.id))
        .map((r) => ({ key: r.id, claim: () => claimOffering(r), run: (client, claim) => sendOffering(r, client, claim) }));
      for (const [index, job] of jobs.entries()) {
        for (const id of job.due(now, limit)) {
          const key = `job${index}:${id}`;
          if (!active.has(key)) tasks.push({ key, run: (client) => job.run(id, client, jobContext) });
        }
      }
      if (tasks.length === 0 && active.size === 0) {
        // Idle: let another instance (or this app after a restart) take over at once.
        lease.release();
        break;
      }
      if (tasks.length === 0) return;
      // The connection's secrets are read once per batch; none, or a locked keychain, pauses everything.
      let client: MarketplaceClient;
      try {
        client = await options.client();
        await client.ready();
      } catch (e) {
        paused = e instanceof AppFailure ? e.error : { code: 'internal', message: String(e) };
        options.onChange?.();
        break;
      }
      await runBatch(tasks, client);
    }
    schedule();
  }

  type Task = {
    key: string;
    /** Offerings only: marks the change as sending one step ahead, see runBatch. */
    claim?: () => Claim | null;
    run: (client: MarketplaceClient, claim: Claim | null) => Promise<void>;
  };

  /**
   * The durable "sending" mark of a change, written before its turn comes.
   * Written early, it says no more than "may be on the Marketplace": a change
   * marked but never sent (a crash, a pause) is sent on a later turn, or asks
   * the Marketplace when deleted, and an unsent mark is taken back at once.
   */
  type Claim = { action: Action; previous: OfferingRow['in_flight']; marked: Promise<boolean>; release(): void };

  /** What the change will ask of the Marketplace, as the row stands (sendChange decides again at its turn). */
  function expectedAction(state: QueueState): Action | null {
    if (state.pending === 'delete') return !state.is_listed && state.in_flight === null ? null : 'delete';
    return state.is_listed ? 'patch' : 'add';
  }

  function claimOffering(due: OfferingRow): Claim | null {
    const state = store.queueState(due.id);
    const action = state ? expectedAction(state) : null;
    if (!state || !action) return null;
    const previous = state.in_flight;
    return {
      action,
      previous,
      marked: commits.write(() => store.setInFlight(due.id, action)).then(
        () => true,
        (e: unknown) => {
          holdOnProblem(due, e);
          return false;
        },
      ),
      release: () => inBackground(due, commits.write(() => store.restoreInFlight(due.id, action, previous), { durable: false })),
    };
  }

  async function sendOffering(due: OfferingRow, client: MarketplaceClient, claim: Claim | null): Promise<void> {
    try {
      const row = catalogue.row(due.id);
      // The rules read the row as it was before the claim; a claim someone else's write replaced (trashed meanwhile) is no claim.
      const claimed = claim !== null && row.in_flight === claim.action;
      await sendChange(claimed ? { ...row, in_flight: claim.previous } : row, client, claimed ? claim : null);
    } catch (e) {
      holdOnProblem(due, e);
    }
  }

  function holdOnProblem(row: OfferingRow, e: unknown): void {
    // Deleted from the catalogue meanwhile: nothing left to do.
    if (e instanceof AppFailure && e.error.code === 'not-found') return;
    // A bug or a disk error must not stop the other offerings: hold this one, visibly.
    const error: AppError = { code: 'internal', message: `Publishing stopped on an unexpected problem: ${e instanceof Error ? e.message : String(e)}` };
    settle(row, { held: 1, error: JSON.stringify(error) });
  }

  /**
   * Each worker marks its next change as sending while its current call is on
   * the wire, so that mark's commit and fsync are behind it when the answer
   * comes: waiting for them before every request held each worker ~3 ms per
   * change at concurrency 4, the most of what kept the queue from 3.7× there
   * (bench:publish). At most one change per worker is marked ahead.
   */
  async function runBatch(tasks: Task[], client: MarketplaceClient): Promise<void> {
    let index = 0;
    // Checked before every send (and rewritten once half gone): a batch of
    // slow calls must not outlive the lease and let a second instance send the same change.
    const mayGo = () => !stopped && paused === null && !cancelled && lease.hold();
    type Taken = { task: Task; claim: Claim | null };
    const take = (): Taken | null => {
      if (index >= tasks.length || !mayGo()) return null;
      const task = tasks[index++]!;
      active.add(task.key);
      return { task, claim: task.claim?.() ?? null };
    };
    const putBack = ({ task, claim }: Taken) => {
      claim?.release();
      active.delete(task.key);
    };
    const worker = async () => {
      let current = take();
      while (current) {
        // A mark that could not be written has held its offering already: it is skipped.
        const marked = current.claim === null || (await current.claim.marked);
        if (marked && !mayGo()) return putBack(current);
        const next = take();
        try {
          if (marked) {
            // A change's own work (reading, checking, building and sending it) waits for a turn of its own (turns.ts).
            await turns.take();
            await current.task.run(client, current.claim);
          }
        } finally {
          active.delete(current.task.key);
        }
        current = next;
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency(), tasks.length) }, worker));
    await Promise.all(behind);
  }

  function schedule(delayOverride?: number): void {
    if (stopped) return;
    if (wakeTimer) clearTimeout(wakeTimer);
    wakeTimer = null;
    const at = nextWake();
    const delay = delayOverride ?? (at ? Math.max(0, Date.parse(at) - clock.now().getTime()) : null);
    if (delay === null) return;
    wakeTimer = setTimeout(() => void kick(), delay);
    wakeTimer.unref?.();
  }

  /**
   * Starts the worker, or, while it runs, has it look again once it is done: a change queued just as a
   * drain was ending (its loop already left, its promise not yet settled) would otherwise wait for a timer.
   */
  function kick(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (draining) {
      kickedMeanwhile = true;
      return draining;
    }
    draining = (async () => {
      do {
        kickedMeanwhile = false;
        await drainOnce();
      } while (kickedMeanwhile && !stopped);
    })().finally(() => {
      draining = null;
    });
    return draining;
  }

  return {
    kick,
    /** Resolves when nothing is left waiting, retries included (unless paused, cancelled or stopped). */
    async drain(): Promise<void> {
      for (;;) {
        await kick();
        if (stopped || paused !== null || cancelled) return;
        if (store.counts().waiting === 0 && jobsWaiting() === 0) return;
        const nowIso = clock.now().toISOString();
        const dueNow = store.due(nowIso, 1).length > 0 || jobs.some((j) => j.due(nowIso, 1).length > 0);
        // Due rows left after a kick mean another instance holds the lease.
        const at = nextWake();
        const wait = dueNow || !at ? 50 : Math.max(1, Date.parse(at) - clock.now().getTime());
        await new Promise((r) => setTimeout(r, wait));
      }
    },
    resume(): void {
      paused = null;
      cancelled = false;
      options.onChange?.();
      void kick();
    },
    /** The connection settings changed: a pause they caused may be over (a user's Cancel stays). */
    unpause(): void {
      if (paused === null) return;
      paused = null;
      options.onChange?.();
      void kick();
    },
    /** The system says the network is back: try what waits for it now, not at its next retry. */
    nudge(): void {
      if (!offline) return;
      store.dueNowAll();
      for (const job of jobs) job.dueNow(clock.now().toISOString());
      void kick();
    },
    /**
     * The main process hit an unexpected error (shell/crash.ts): the changes this worker has on the wire are
     * held, to be sent again only by the user's Retry. A change whose sending brings the app down (an answer
     * no string can hold did) is then not sent again at every start. Their in-flight mark stays: they may be
     * on the Marketplace. Synchronous, as a crash handler needs. Returns how many were held.
     */
    holdInFlight(): number {
      const error: AppError = { code: 'sending-interrupted', message: SENDING_INTERRUPTED };
      let held = 0;
      for (const key of active) {
        if (key.startsWith('job')) continue;
        store.update(key, { held: 1, error: JSON.stringify(error) });
        held++;
      }
      if (held > 0) log.warn(`Held ${held} change(s) that were on the wire when the main process hit an unexpected error`);
      return held;
    },
    /** Stops new sends; calls already on the wire finish, the rest keep waiting. */
    cancel(): void {
      cancelled = true;
      options.onChange?.();
    },
    /**
     * The catalogue queued these offerings (its onQueued): they join the run the progress bar shows (a new
     * run starts once the last one settled) and the worker goes. `allWaiting`: each of them waits now.
     */
    queued(ids: string[], allWaiting: boolean): void {
      progress.track(ids, allWaiting);
      void kick();
    },
    status(): QueueView {
      const c = store.counts();
      return { waiting: c.waiting, failed: c.failed, offline, paused, cancelled, batch: progress.current() };
    },
    async stop(): Promise<void> {
      stopped = true;
      if (wakeTimer) clearTimeout(wakeTimer);
      await draining;
      lease.release();
      commits.close();
    },
  };
}

export type PublishQueue = ReturnType<typeof createPublishQueue>;
