// The offerings list as the renderer holds it: the query (filters and sort),
// the total, and windows of light rows fetched by offset as they scroll into
// view. Search is debounced and a stale answer never replaces a newer one.
import type { ListPage, ListRow } from '../../../shared/ipc';
import type { Result } from '../../../shared/errors';
import { call } from './api';
import { DEFAULT_FILTER, WINDOW, type ListFilter } from './list-filter';

const SEARCH_DEBOUNCE_MS = 200;

export class OfferingListState {
  filter = $state<ListFilter>({ ...DEFAULT_FILTER });
  total = $state(0);
  /** More matches than were counted (the list shows the first 10,000). */
  more = $state(false);
  loaded = $state(false);
  /** Fetched rows by index; windows not fetched yet are absent. Replaced whole, never mutated. */
  rows = $state.raw<Readonly<Record<number, ListRow>>>({});
  #generation = 0;
  // Bookkeeping of requests made, not state any view shows.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #windows = new Set<number>();
  #timer: ReturnType<typeof setTimeout> | null = null;
  #visible: [number, number] = [0, WINDOW];

  row(index: number): ListRow | undefined {
    return this.rows[index];
  }

  /** Filters or sort changed: start again from the top (search waits for typing to pause). */
  set(changes: Partial<ListFilter>, debounce = false): void {
    this.filter = { ...this.filter, ...changes };
    if (this.#timer) clearTimeout(this.#timer);
    if (debounce) this.#timer = setTimeout(() => void this.reload(), SEARCH_DEBOUNCE_MS);
    else void this.reload();
  }

  /** `first`: the first window's answer when it was already asked for (at the window's start). */
  async reload(first: Promise<Result<ListPage>> | null = null): Promise<void> {
    this.#windows.clear();
    this.rows = {};
    await this.#fetch(0, true, first);
  }

  /** The rows [from, to) are on screen: fetch the windows they fall in. */
  show(from: number, to: number): void {
    this.#visible = [from, to];
    for (let w = Math.floor(from / WINDOW); w * WINDOW < Math.min(to, Math.max(this.total, WINDOW)); w++) {
      if (!this.#windows.has(w)) void this.#fetch(w, false);
    }
  }

  /** Something changed in the main process: refetch what is on screen, and the total. */
  refresh(): void {
    const [from, to] = this.#visible;
    this.#windows.clear();
    void this.#fetch(Math.floor(from / WINDOW), true);
    for (let w = Math.floor(from / WINDOW) + 1; w * WINDOW < to; w++) void this.#fetch(w, false);
  }

  async #fetch(w: number, replace: boolean, asked: Promise<Result<ListPage>> | null = null): Promise<void> {
    this.#windows.add(w);
    const generation = replace ? ++this.#generation : this.#generation;
    const result = await (asked ?? call('offerings:page', { ...this.filter, offset: w * WINDOW, limit: WINDOW }));
    // A newer query started while this one was on its way: its answer is dropped.
    if (generation !== this.#generation) return;
    if (!result.ok) {
      this.#windows.delete(w);
      return;
    }
    const next: Record<number, ListRow> = { ...this.rows };
    for (let i = w * WINDOW; i < (w + 1) * WINDOW; i++) delete next[i];
    result.value.rows.forEach((r, i) => (next[w * WINDOW + i] = r));
    this.rows = next;
    this.total = result.value.total;
    this.more = result.value.more;
    this.loaded = true;
  }
}
