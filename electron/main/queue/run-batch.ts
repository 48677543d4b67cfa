// One batch of due jobs, sent by `workers` workers side by side over one
// client. The queue decides what is due and whether it may send at all; this
// is only how the batch is worked through.
import type { MarketplaceClient } from '../marketplace/marketplace-client';
import type { Claim, JobContext, JobSource } from './job-source';
import type { Turns } from './turns';

export interface Task {
  /** Unique across sources, for the jobs being worked on (`active`). */
  key: string;
  source: JobSource;
  id: string;
}

export interface BatchParts {
  client: MarketplaceClient;
  context: JobContext;
  workers: number;
  /** Checked before every send: false stops the batch, and what it has not sent keeps waiting. */
  mayGo(): boolean;
  turns: Turns;
  /** The tasks being worked on: added when taken, removed when done or put back. */
  active: Map<string, Task>;
  /** The writes the workers did not wait for (JobContext.inBackground): the batch ends once they are in. */
  behind: ReadonlySet<Promise<void>>;
}

type Taken = { task: Task; claim: Claim | null };

/**
 * Each worker marks its next change as sending while its current call is on
 * the wire, so that mark's commit and fsync are behind it when the answer
 * comes: waiting for them before every request held each worker ~3 ms per
 * change at concurrency 4, the most of what kept the queue from 3.7× there
 * (bench:publish). At most one change per worker is marked ahead.
 */
export async function runBatch(tasks: Task[], { client, context, workers, mayGo, turns, active, behind }: BatchParts): Promise<void> {
  let index = 0;
  const take = (): Taken | null => {
    if (index >= tasks.length || !mayGo()) return null;
    const task = tasks[index++]!;
    active.set(task.key, task);
    return { task, claim: task.source.claim?.(task.id, context) ?? null };
  };
  const putBack = ({ task, claim }: Taken) => {
    claim?.release();
    active.delete(task.key);
  };
  const worker = async () => {
    let current = take();
    while (current) {
      // A mark that could not be written has held its job already: it is skipped.
      const marked = current.claim === null || (await current.claim.marked);
      if (marked && !mayGo()) return putBack(current);
      const next = take();
      try {
        if (marked) {
          // A job's own work (reading, checking, building and sending it) waits for a turn of its own (turns.ts).
          await turns.take();
          await current.task.source.run(current.task.id, client, context, current.claim);
        }
      } finally {
        active.delete(current.task.key);
      }
      current = next;
    }
  };
  await Promise.all(Array.from({ length: Math.min(workers, tasks.length) }, worker));
  await Promise.all(behind);
}
