// What the publishing queue sends, by kind (offerings, learning records):
// intent stored in the catalogue, sent later, exactly once. The queue owns
// the lease, the concurrency, pausing and the offline state; a job source
// owns its rows and what each answer does to them.
import type { AppError } from '../../../shared/errors';
import type { GroupCommit } from '../database/group-commit';
import type { MarketplaceClient, CallOutcome } from '../marketplace/marketplace-client';

/**
 * A job's durable "sending" mark, written one step ahead, while the worker's
 * current call is on the wire (runBatch). `marked` says whether it was written
 * (a source that could not write it has dealt with that); `release` takes
 * back a mark whose send did not happen.
 */
export interface Claim {
  marked: Promise<boolean>;
  release(): void;
}

/**
 * One kind of job. A claim goes back only to the source that made it, so `run`
 * takes the source's own kind of claim (the worker holds every source as a
 * plain JobSource: TypeScript checks method parameters both ways).
 */
export interface JobSource<C extends Claim = Claim> {
  /** Ids due now, oldest first. */
  due(now: string, limit: number): string[];
  waiting(): number;
  nextWake(): string | null;
  /** The network is back: what waits for a retry is due now. */
  dueNow(now: string): void;
  /** Marks the job as sending ahead of its turn; null when there is nothing to mark. Without it, `run` marks its own. */
  claim?(id: string, context: JobContext): C | null;
  run(id: string, client: MarketplaceClient, context: JobContext, claim: C | null): Promise<void>;
  /** The main process hit an unexpected error while this job was on the wire: hold it for the user's Retry. Synchronous. */
  holdInFlight?(id: string): void;
}

export interface JobContext {
  /** Durable writes shared by every source (one fsync per turn). */
  commits: GroupCommit;
  /** A write the worker goes on without waiting for; the batch ends only once it is in (runBatch). */
  inBackground(write: Promise<void>): void;
  /** Every answer (or none) passes through here: it tells online from offline. */
  observe(outcome: CallOutcome): void;
  /** A problem only the user can fix: every send stops until Settings change or Resume. */
  pause(error: AppError): void;
  /** Whether `attempts` failures use up a job's tries. */
  usedUp(attempts: number): boolean;
  /** When to try again after `attempts` failures, or, while the Marketplace is unreachable, after how long it has been. */
  retryAt(attempts: number, unreachable: boolean): string;
  /** When a 429 allows the next try: its Retry-After, or a few seconds. */
  rateLimitedUntil(error: AppError): string;
}
