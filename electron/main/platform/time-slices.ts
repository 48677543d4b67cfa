// Long work on the main thread in slices of a few milliseconds, each its own
// turn of the event loop, so timers, IPC and the windows get in between (the
// main process answers every window: a 2-second loop is a 2-second freeze).
// `slice` wraps each slice's steps, as a SQLite transaction does.

/** A slice's time: well under a frame, and under the 5 ms the desk allows itself for a block. */
export const SLICE_MS = 4;

export async function inSlices<T>(items: readonly T[], step: (item: T) => void, { budgetMs = SLICE_MS, slice = (run: () => void) => run() } = {}): Promise<void> {
  let i = 0;
  while (i < items.length) {
    const until = performance.now() + budgetMs;
    slice(() => {
      do step(items[i++]!);
      while (i < items.length && performance.now() < until);
    });
    if (i < items.length) await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
