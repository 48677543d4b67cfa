// What is typed but not yet written, sent when the window goes away: the form
// autosaves a second after typing stops, and a window closed within that second
// would lose the last words. Two ways the window is told:
// - Electron: main holds the close, asks (`onFlush`), and closes once the
//   saves have answered (shell/close-guard), or after its wait runs out.
// - A browser (the web bridge): `pagehide`, when no script may wait for an
//   answer; the bridge sends small calls with `keepalive`, so the request
//   outlives the page.
type Flush = () => Promise<unknown>;

const pending = new Set<Flush>();

/** Registers what to save when the window goes; the returned function takes it back. */
export function onWindowClose(flush: Flush): () => void {
  pending.add(flush);
  return () => pending.delete(flush);
}

function flushAll(): Promise<unknown> {
  return Promise.allSettled([...pending].map((flush) => flush()));
}

window.api.onFlush?.(flushAll);
window.addEventListener('pagehide', () => void flushAll());
