// One at a time, each on a turn of the event loop of its own. The answers of
// a batch of sends land together (they left together and the Marketplace
// takes about as long for each), and each answer's worker goes straight on
// to its next change: run back to back, those held the main process (every
// window, in Electron) for several milliseconds at a time. Taken in turns,
// timers, IPC and the windows' requests get in between each.

export interface Turns {
  /** Resolves on a turn of the event loop of its own, after every earlier caller's. */
  take(): Promise<void>;
}

export function createTurns(): Turns {
  /** Callers still to go; a turn is scheduled whenever there are any. */
  const waiting: Array<() => void> = [];

  function next(): void {
    // The caller's continuation runs right after this callback; the next caller's waits for the next turn.
    waiting.shift()?.();
    if (waiting.length > 0) setImmediate(next);
  }

  return {
    take(): Promise<void> {
      return new Promise<void>((resolve) => {
        if (waiting.push(resolve) === 1) setImmediate(next);
      });
    },
  };
}
