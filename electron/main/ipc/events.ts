// What changed, pushed to every window: the offerings a write touched and the
// queue's state, gathered over one turn of the event loop so a bulk action is
// one event, not thousands; and while changes keep coming (the queue sending),
// at most one event per MIN_INTERVAL_MS. Each event has every window refetch
// what it shows: at 100,000 offerings that is ~11 ms of main's time, and the
// queue changed something ~64 times a second, so unspaced events kept main
// ~70 % busy answering windows while it published (#10).
import type { DeskEvent, QueueView } from '../../../shared/ipc';
import type { TeamSyncView } from '../../../shared/team';

/** More changed ids than this are sent as "many" (null): the window refetches what it shows anyway. */
const MAX_IDS = 500;
/** The shortest time between two events: four a second is smooth for a progress bar. */
export const MIN_INTERVAL_MS = 250;

export interface EventHub {
  /** Offerings changed (null: many or unknown); [] when only the queue's state did. */
  changed(ids: string[] | null): void;
  subscribe(listener: (event: DeskEvent) => void): () => void;
  /** Pushes what is waiting now, then nothing more: main is closing the catalogue the queue's state is read from. */
  close(): void;
}

/** `now` is the hub's clock in milliseconds (a test passes its own). */
export function createEventHub(
  queueStatus: () => QueueView,
  { minIntervalMs = MIN_INTERVAL_MS, now = () => performance.now(), teamStatus = (): TeamSyncView | null => null } = {},
): EventHub {
  const listeners = new Set<(event: DeskEvent) => void>();
  let ids: Set<string> | null = new Set();
  let scheduled: { cancel(): void } | null = null;
  let lastFlush = -Infinity;

  /** In the next turn, or once MIN_INTERVAL_MS has passed since the last event. */
  function schedule(): { cancel(): void } {
    const wait = lastFlush + minIntervalMs - now();
    if (wait <= 0) {
      const turn = setImmediate(flush);
      return { cancel: () => clearImmediate(turn) };
    }
    const timer = setTimeout(flush, wait);
    return { cancel: () => clearTimeout(timer) };
  }

  function flush(): void {
    scheduled = null;
    lastFlush = now();
    const event: DeskEvent = { changed: ids === null ? null : [...ids], queue: queueStatus(), team: teamStatus() };
    ids = new Set();
    for (const listener of listeners) listener(event);
  }

  return {
    changed(changedIds) {
      if (listeners.size === 0) return;
      if (changedIds === null) ids = null;
      else if (ids !== null) for (const id of changedIds) ids.add(id);
      if (ids !== null && ids.size > MAX_IDS) ids = null;
      scheduled ??= schedule();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      if (scheduled) {
        scheduled.cancel();
        flush();
      }
      listeners.clear();
    },
  };
}
