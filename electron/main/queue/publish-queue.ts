// The publishing queue: turns intent stored in the catalogue into Marketplace
// calls. It owns pausing, cancelling and the offline state, and what every job
// shares (JobContext); its worker (worker.ts) sends what the job sources have
// due (offerings, learning records) under one lease.
import type { AppError } from '../../../shared/errors';
import type { QueueView } from '../../../shared/ipc';
import type { Clock } from '../catalogue/catalogue';
import { createGroupCommit } from '../database/group-commit';
import type { Db } from '../database/schema';
import type { MarketplaceClient, CallOutcome } from '../marketplace/marketplace-client';
import { silentLog, type AppLog } from '../platform/logging';
import type { BatchProgress } from './batch-progress';
import type { JobContext, JobSource } from './job-source';
import { nextTryAt, rateLimitedUntil, type Backoff } from './retry-policy';
import { createWorker } from './worker';
import { createWorkerLease } from './worker-lease';

export interface QueueOptions {
  db: Db;
  /** What the worker sends, under one lease; each batch takes the first source's due jobs first. */
  sources: readonly JobSource[];
  /** What the windows' queue status counts as waiting and failed (the offerings). */
  counts: () => { waiting: number; failed: number };
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
  /** The progress bar's run, told of every write to the catalogue's offerings (batch-progress.ts). */
  progress: BatchProgress;
}

export function createPublishQueue(options: QueueOptions) {
  const { db, sources, clock, progress } = options;
  const random = options.random ?? Math.random;
  const concurrencySetting = options.concurrency ?? 4;
  const concurrency = () => (typeof concurrencySetting === 'function' ? concurrencySetting() : concurrencySetting);
  const maxAttempts = options.maxAttempts ?? 6;
  const backoff: Backoff = { baseDelayMs: options.baseDelayMs ?? 1000, maxDelayMs: options.maxDelayMs ?? 60_000 };
  const leaseMs = options.leaseMs ?? 30_000;
  const log = options.log ?? silentLog;
  const changed = () => options.onChange?.();

  /** Writes still committing, which the jobs did not wait for (JobContext.inBackground). */
  const behind = new Set<Promise<void>>();
  let offline = false;
  /** Unanswered sends in a row: spaces out retries while the laptop is offline. */
  let offlineStreak = 0;
  let paused: AppError | null = null;
  /** Cancelled by the user: nothing new is sent until Resume. */
  let cancelled = false;
  const mayGo = () => paused === null && !cancelled;

  function pause(error: AppError): void {
    paused = error;
    changed();
  }

  function observe(outcome: CallOutcome): void {
    // Any HTTP answer means we are online; only an unreachable host means offline.
    const wasOffline = offline;
    offline = !outcome.ok && outcome.status === null && outcome.error.code === 'marketplace-unreachable';
    if (offline !== wasOffline) changed();
    offlineStreak = offline ? offlineStreak + 1 : 0;
  }

  const commits = createGroupCommit(db);
  const context: JobContext = {
    commits,
    inBackground(write) {
      const settling: Promise<void> = write.finally(() => behind.delete(settling));
      behind.add(settling);
    },
    observe,
    pause,
    usedUp: (attempts) => attempts >= maxAttempts,
    retryAt: (attempts, unreachable) => nextTryAt(clock.now().getTime(), unreachable ? offlineStreak : attempts, backoff, random),
    rateLimitedUntil: (error) => rateLimitedUntil(clock.now().getTime(), error),
  };
  const lease = createWorkerLease(db, clock, leaseMs);
  const worker = createWorker({ sources, lease, leaseMs, clock, concurrency, client: options.client, context, behind, mayGo });
  const { kick, nextWake } = worker;

  return {
    kick,
    /** Resolves when nothing is left waiting, retries included (unless paused, cancelled or stopped). */
    async drain(): Promise<void> {
      for (;;) {
        await kick();
        if (worker.stopped() || !mayGo()) return;
        if (sources.every((s) => s.waiting() === 0)) return;
        const nowIso = clock.now().toISOString();
        const dueNow = sources.some((s) => s.due(nowIso, 1).length > 0);
        // Due rows left after a kick mean another instance holds the lease.
        const at = nextWake();
        const wait = dueNow || !at ? 50 : Math.max(1, Date.parse(at) - clock.now().getTime());
        await new Promise((r) => setTimeout(r, wait));
      }
    },
    resume(): void {
      paused = null;
      cancelled = false;
      changed();
      void kick();
    },
    /** The connection settings changed: a pause they caused may be over (a user's Cancel stays). */
    unpause(): void {
      if (paused === null) return;
      paused = null;
      changed();
      void kick();
    },
    /** The system says the network is back: try what waits for it now, not at its next retry. */
    nudge(): void {
      if (!offline) return;
      for (const source of sources) source.dueNow(clock.now().toISOString());
      void kick();
    },
    /**
     * The main process hit an unexpected error (shell/crash.ts): the jobs this worker has on the wire are
     * held by their sources, to be sent again only by the user's Retry. Synchronous, as a crash handler
     * needs. Returns how many were held.
     */
    holdInFlight(): number {
      let held = 0;
      for (const { source, id } of worker.active()) {
        if (!source.holdInFlight) continue;
        source.holdInFlight(id);
        held++;
      }
      if (held > 0) log.warn(`Held ${held} change(s) that were on the wire when the main process hit an unexpected error`);
      return held;
    },
    /** Stops new sends; calls already on the wire finish, the rest keep waiting. */
    cancel(): void {
      cancelled = true;
      changed();
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
      const c = options.counts();
      return { waiting: c.waiting, failed: c.failed, offline, paused, cancelled, batch: progress.current() };
    },
    async stop(): Promise<void> {
      await worker.stop();
      commits.close();
    },
  };
}

export type PublishQueue = ReturnType<typeof createPublishQueue>;
