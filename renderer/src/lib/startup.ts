// What the window's first screen needs from main, asked for as the window's
// script starts, before the app is built: the answers come back while the rest
// of the script runs, so the first frame is in the user's chosen language (not
// the system's, then theirs) and already shows the list's rows (#10).
import type { Result } from '../../../shared/errors';
import type { ListPage, SettingsView } from '../../../shared/ipc';
import { call } from './api';
import { DEFAULT_FILTER, WINDOW, type ListFilter } from './list-filter';

/** The longest the window waits for the first page before building itself anyway (showing "Loading…"). */
const WAIT_MS = 150;

let firstPage: Promise<Result<ListPage>> | null = call('offerings:page', { ...DEFAULT_FILTER, offset: 0, limit: WINDOW });
let settings: Promise<Result<SettingsView>> | null = call('settings:get', {});

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

/** The settings asked for at start, once; later asks go to main. */
export function takeSettings(): Promise<Result<SettingsView>> {
  const answer = settings ?? call('settings:get', {});
  settings = null;
  return answer;
}
