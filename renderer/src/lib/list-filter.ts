// The list's query as the window starts it. Apart from the list's state (which
// needs Svelte's runtime) so that the window's first request can leave before
// that runtime is evaluated (#10).
import type { ListQuery } from '../../../shared/ipc';

export type ListFilter = Required<Omit<ListQuery, 'cursor' | 'offset' | 'limit'>>;

export const DEFAULT_FILTER: ListFilter = { search: '', kind: 'all', status: 'all', program: 'all', language: 'all', when: 'all', sort: 'firstDate', direction: 'asc' };

/** Rows fetched per request: a few screens' worth. */
export const WINDOW = 100;
