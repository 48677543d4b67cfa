// A window closes only once what its page has not saved yet is written: the
// form autosaves a second after typing stops, and a close within that second
// would lose the last words. The first close is held, the page is asked to
// flush (preload's onFlush), and the window closes when it answers, or after
// FLUSH_WAIT_MS if it cannot (a hung page must not keep the window open).
// Electron-free, so it is tested without Electron.

/** The longest a close waits for the page's saves. */
export const FLUSH_WAIT_MS = 3000;

export interface ClosingWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  close(): void;
  isDestroyed(): boolean;
}

export function guardClose(win: ClosingWindow, askFlush: () => Promise<unknown>, waitMs = FLUSH_WAIT_MS, timers: { setTimeout: typeof setTimeout; clearTimeout: typeof clearTimeout } = globalThis): void {
  let flushed = false;
  let asking = false;
  win.on('close', (event) => {
    if (flushed) return;
    event.preventDefault();
    // A second close while the page is saving (the user clicking again, the app quitting) waits for the same answer.
    if (asking) return;
    asking = true;
    // Both run later than this line (a timer, a promise's answer): `timer` is set by then.
    const finish = () => {
      if (flushed) return;
      flushed = true;
      timers.clearTimeout(timer);
      if (!win.isDestroyed()) win.close();
    };
    const timer = timers.setTimeout(finish, waitMs);
    askFlush().then(finish, finish);
  });
}
