// What changed, pushed to every window: the offerings a write touched and the
// queue's state, gathered over one turn of the event loop so a bulk action is
// one event, not thousands.
import type { DeskEvent, QueueView } from '../../shared/ipc';

/** More changed ids than this are sent as "many" (null): the window refetches what it shows anyway. */
const MAX_IDS = 500;

export interface EventHub {
  /** Offerings changed (null: many or unknown); [] when only the queue's state did. */
  changed(ids: string[] | null): void;
  subscribe(listener: (event: DeskEvent) => void): () => void;
  /** Pushes what is waiting now, then nothing more: main is closing the catalogue the queue's state is read from. */
  close(): void;
}

export function createEventHub(queueStatus: () => QueueView): EventHub {
  const listeners = new Set<(event: DeskEvent) => void>();
  let ids: Set<string> | null = new Set();
  let scheduled: NodeJS.Immediate | null = null;

  function flush(): void {
    scheduled = null;
    const event: DeskEvent = { changed: ids === null ? null : [...ids], queue: queueStatus() };
    ids = new Set();
    for (const listener of listeners) listener(event);
  }

  return {
    changed(changedIds) {
      if (listeners.size === 0) return;
      if (changedIds === null) ids = null;
      else if (ids !== null) for (const id of changedIds) ids.add(id);
      if (ids !== null && ids.size > MAX_IDS) ids = null;
      scheduled ??= setImmediate(flush);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      if (scheduled) {
        clearImmediate(scheduled);
        flush();
      }
      listeners.clear();
    },
  };
}
