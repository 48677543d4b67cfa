// The worker's loop: while it may send and holds the lease, it reads what its
// sources have due, sends it as a batch (run-batch.ts), and looks again; then
// sleeps until the earliest retry any source waits for.
import { AppFailure } from '../../../shared/errors';
import type { Clock } from '../catalogue/catalogue';
import type { MarketplaceClient } from '../marketplace/marketplace-client';
import type { JobContext, JobSource } from './job-source';
import { runBatch, type Task } from './run-batch';
import { createTurns } from './turns';
import type { WorkerLease } from './worker-lease';

export interface WorkerParts {
  sources: readonly JobSource[];
  lease: WorkerLease;
  /** How long the lease is: when another instance holds it, the worker looks again after that. */
  leaseMs: number;
  clock: Clock;
  /** Read before each batch, so a change in Settings applies to the next one. */
  concurrency: () => number;
  client: () => Promise<MarketplaceClient>;
  context: JobContext;
  /** The writes the jobs did not wait for (JobContext.inBackground). */
  behind: ReadonlySet<Promise<void>>;
  /** Not paused, not cancelled (the worker itself knows when it is stopped). */
  mayGo(): boolean;
}

export function createWorker({ sources, lease, leaseMs, clock, concurrency, client: connect, context, behind, mayGo }: WorkerParts) {
  const active = new Map<string, Task>();
  const turns = createTurns();
  let draining: Promise<void> | null = null;
  let kickedMeanwhile = false;
  let wakeTimer: NodeJS.Timeout | null = null;
  let stopped = false;
  const going = () => !stopped && mayGo();

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
    while (going()) {
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
        client = await connect();
        await client.ready();
      } catch (e) {
        context.pause(e instanceof AppFailure ? e.error : { code: 'internal', message: String(e) });
        break;
      }
      // Checked before every send (and the lease rewritten once half gone): a batch of
      // slow calls must not outlive the lease and let a second instance send the same change.
      await runBatch(tasks, { client, context, workers: concurrency(), mayGo: () => going() && lease.hold(), turns, active, behind });
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
    nextWake,
    /** The jobs taken and not yet done: on the wire, or about to be. */
    active: (): Iterable<Task> => active.values(),
    stopped: () => stopped,
    /** Sends nothing new; resolves once the batch under way has ended, and gives up the lease. */
    async stop(): Promise<void> {
      stopped = true;
      if (wakeTimer) clearTimeout(wakeTimer);
      await draining;
      lease.release();
    },
  };
}
