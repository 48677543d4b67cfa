// The progress bar's run of changes: of the offerings queued since the last
// run settled, how many are done, waiting or failed. Each offering's state is
// kept, and read again only once its row was written: reading every offering
// of the run each time a window was told anything cost 53,000 reads (~500 ms
// on the main process) per event after Publish all at 100,000 offerings (#10).
import type { QueueView } from '../../../shared/ipc';

/** An offering's queue state, as its row has it now (undefined: it is gone); `failed` is the header's rule (catalogue/row-rules FAILED_SQL). */
export type RowProgress = { pending: string | null; failed: 0 | 1 } | undefined;
type State = 'done' | 'waiting' | 'failed';

const stateOf = (row: RowProgress): State => (!row ? 'done' : row.failed ? 'failed' : row.pending === null ? 'done' : 'waiting');

export function createBatchProgress(read: (id: string) => RowProgress) {
  let states = new Map<string, State>();
  const counts: Record<State, number> = { done: 0, waiting: 0, failed: 0 };
  /** In the run, or joining it, and written since last read. */
  const stale = new Set<string>();

  function set(id: string, next: State): void {
    const before = states.get(id);
    if (before) counts[before]--;
    states.set(id, next);
    counts[next]++;
  }

  function current(): QueueView['batch'] {
    for (const id of stale) set(id, stateOf(read(id)));
    stale.clear();
    return { total: states.size, ...counts };
  }

  return {
    current,
    /**
     * Adds offerings to the run; a new run starts once the last one settled. `queued`: the caller has just
     * queued every one of them (they are waiting, not read); otherwise each is read when next asked.
     */
    track(ids: readonly string[], queued = false): void {
      if (current().waiting === 0) {
        states = new Map();
        counts.done = counts.waiting = counts.failed = 0;
      }
      for (const id of ids) {
        if (!queued) stale.add(id);
        else {
          stale.delete(id);
          set(id, 'waiting');
        }
      }
    },
    /** Rows were written (null: any might have been): those of the run are read again when next asked. */
    changed(ids: readonly string[] | null): void {
      for (const id of ids ?? states.keys()) if (states.has(id)) stale.add(id);
    },
  };
}

export type BatchProgress = ReturnType<typeof createBatchProgress>;
