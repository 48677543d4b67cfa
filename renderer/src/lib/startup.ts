// What the window's first screen needs from main, asked for as the window's
// script starts, before the app is built: the answers come back while the rest
// of the script runs, so the first frame is in the user's chosen language (not
// the system's, then theirs) and already shows the list's rows (#10).
//
// Main's pushed events are listened to before anything is asked, and kept
// until the app listens (desk.start): a change main makes after answering
// (the queue sending a row at start) is then never lost in the time between
// those answers and the app being built. The answers apply first, then the
// events kept, which are newer.
import type { Result } from '../../../shared/errors';
import type { Channel, DeskEvent, ListPage, RequestOf, ResponseOf } from '../../../shared/ipc';
import { call } from './api';
import { DEFAULT_FILTER, WINDOW, type ListFilter } from './list-filter';

/** The longest the window waits for the first page before building itself anyway (showing "Loading…"). */
const WAIT_MS = 150;

let kept: DeskEvent[] | null = [];
let listener: ((event: DeskEvent) => void) | null = null;
window.api.onEvent((event) => (listener ? listener(event) : kept?.push(event)));

let firstPage: Promise<Result<ListPage>> | null = call('offerings:page', { ...DEFAULT_FILTER, offset: 0, limit: WINDOW });

/** Asks main now; the first taker gets that answer, later takers ask again. */
function askedAtStart<C extends Channel>(channel: C, request: RequestOf<C>): () => Promise<Result<ResponseOf<C>>> {
  let early: Promise<Result<ResponseOf<C>>> | null = call(channel, request);
  return () => {
    const answer = early ?? call(channel, request);
    early = null;
    return answer;
  };
}

export const takeSettings = askedAtStart('settings:get', {});
export const takeCounts = askedAtStart('offerings:counts', {});
export const takeQueue = askedAtStart('queue:status', {});

/** Resolves once the first page answered, or after WAIT_MS, whichever comes first. */
export function firstPageAnswered(): Promise<void> {
  return Promise.race([firstPage?.then(() => undefined), new Promise<void>((resolve) => setTimeout(resolve, WAIT_MS))]);
}

/** The first page, once, for a list that asks for exactly what was asked at start; later asks go to main. */
export function takeFirstPage(filter: ListFilter): Promise<Result<ListPage>> | null {
  const page = firstPage;
  firstPage = null;
  const asked = (Object.keys(DEFAULT_FILTER) as (keyof ListFilter)[]).every((k) => filter[k] === DEFAULT_FILTER[k]);
  return page && asked ? page : null;
}

/** Main's pushed events from now on, after those kept since the window's start (oldest first). */
export function listen(next: (event: DeskEvent) => void): void {
  listener = next;
  const early = kept ?? [];
  kept = null;
  for (const event of early) next(event);
}
