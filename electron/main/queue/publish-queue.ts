// The worker that turns publishing intent stored in the catalogue into
// Marketplace calls: it owns the lease, the concurrency, pausing, cancelling
// and the offline state, and sends what its job sources have due (offerings,
// learning records), in that order, in batches (run-batch.ts).
import { AppFailure, type AppError } from '../../../shared/errors';
import type { QueueView } from '../../../shared/ipc';
import type { Clock } from '../catalogue/catalogue';
import { createGroupCommit } from '../database/group-commit';
import type { Db } from '../database/schema';
import type { MarketplaceClient, CallOutcome } from '../marketplace/marketplace-client';
import { silentLog, type AppLog } from '../platform/logging';
import type { BatchProgress } from './batch-progress';
import type { JobContext, JobSource } from './job-source';
import { nextTryAt, rateLimitedUntil, type Backoff } from './retry-policy';
import { runBatch, type Task } from './run-batch';
import { createTurns } from './turns';
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

  const active = new Map<string, Task>();
  /** Writes still committing, which the worker did not wait for (JobContext.inBackground). */
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

  const commits = createGroupCommit(db);
  const turns = createTurns();
  const lease = createWorkerLease(db, clock, leaseMs);
  const mayGo = () => !stopped && paused === null && !cancelled;

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

  function nextWake(): string | null {
    const times = sources.map((s) => s.nextWake()).filter((t): t is string => t !== null);
    return times.length === 0 ? null : times.reduce((a, b) => (a < b ? a : b));
  }

  function dueTasks(now: string): Task[] {
    // Sixteen a worker: a batch ends when its slowest call does, and the others wait idle
    // for it (at four a worker, that tail cost concurrency 4 about 2 % of its throughput).
    const limit = concurrency() * 16;
    const tasks: Task[] = [];
    for (const [index, source] of sources.entries()) {
      for (const id of source.due(now, limit)) {
        const key = `${index}:${id}`;
        if (!active.has(key)) tasks.push({ key, source, id });
      }
    }
    return tasks;
  }

  async function drainOnce(): Promise<void> {
    while (mayGo()) {
      if (!lease.hold()) return schedule(leaseMs);
      const tasks = dueTasks(clock.now().toISOString());
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
        pause(e instanceof AppFailure ? e.error : { code: 'internal', message: String(e) });
        break;
      }
      // Checked before every send (and the lease rewritten once half gone): a batch of
      // slow calls must not outlive the lease and let a second instance send the same change.
      await runBatch(tasks, { client, context, workers: concurrency(), mayGo: () => mayGo() && lease.hold(), turns, active, behind });
    }
    schedule();
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
        if (!mayGo()) return;
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
      for (const { source, id } of active.values()) {
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
      stopped = true;
      if (wakeTimer) clearTimeout(wakeTimer);
      await draining;
      lease.release();
      commits.close();
    },
  };
}

export type PublishQueue = ReturnType<typeof createPublishQueue>;
