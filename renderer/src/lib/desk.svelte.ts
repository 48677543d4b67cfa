// The renderer's view of the main process: offerings, queue and settings,
// refreshed by polling so the same code works over IPC and the web bridge.
import type { OfferingRecord, QueueView, SettingsView } from '../../../shared/ipc';
import type { AppError } from '../../../shared/errors';
import { call } from './api';
import { language, setLanguage } from './i18n.svelte';

class Desk {
  offerings = $state.raw<OfferingRecord[]>([]);
  queue = $state.raw<QueueView>({ waiting: 0, failed: 0, offline: false, paused: null, cancelled: false, batch: { total: 0, done: 0, waiting: 0, failed: 0 } });
  settings = $state.raw<SettingsView | null>(null);
  problem = $state.raw<AppError | null>(null);
  #timer: ReturnType<typeof setTimeout> | null = null;

  async refresh(): Promise<void> {
    const [list, queue] = await Promise.all([call('offerings:list', {}), call('queue:status', {})]);
    if (list.ok) this.offerings = list.value;
    if (queue.ok) this.queue = queue.value;
    const failed = !list.ok ? list.error : !queue.ok ? queue.error : null;
    this.problem = failed;
  }

  async loadSettings(): Promise<void> {
    const result = await call('settings:get', {});
    if (result.ok) {
      this.settings = result.value;
      if (result.value.language && result.value.language !== language()) setLanguage(result.value.language);
    }
    else this.problem = result.error;
  }

  /** Polls fast while changes are on their way, so progress moves live, and slowly when idle. */
  start(): () => void {
    let running = true;
    const tick = async () => {
      await this.refresh();
      if (running) this.#timer = setTimeout(tick, this.queue.waiting > 0 ? 300 : 1500);
    };
    void tick();
    void this.loadSettings();
    return () => {
      running = false;
      if (this.#timer) clearTimeout(this.#timer);
    };
  }
}

export const desk = new Desk();
