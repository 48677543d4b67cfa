// The renderer's view of the main process: offerings, queue and settings,
// refreshed by polling so the same code works over IPC and the web bridge.
import type { OfferingRecord, QueueView, SettingsView } from '../../../shared/ipc';
import type { AppError } from '../../../shared/errors';
import { call } from './api';

class Desk {
  offerings = $state.raw<OfferingRecord[]>([]);
  queue = $state.raw<QueueView>({ waiting: 0, failed: 0, offline: false, paused: null });
  settings = $state.raw<SettingsView | null>(null);
  problem = $state.raw<AppError | null>(null);
  #timer: ReturnType<typeof setInterval> | null = null;

  async refresh(): Promise<void> {
    const [list, queue] = await Promise.all([call('offerings:list', {}), call('queue:status', {})]);
    if (list.ok) this.offerings = list.value;
    if (queue.ok) this.queue = queue.value;
    const failed = !list.ok ? list.error : !queue.ok ? queue.error : null;
    this.problem = failed;
  }

  async loadSettings(): Promise<void> {
    const result = await call('settings:get', {});
    if (result.ok) this.settings = result.value;
    else this.problem = result.error;
  }

  start(intervalMs = 1000): () => void {
    void this.refresh();
    void this.loadSettings();
    this.#timer = setInterval(() => void this.refresh(), intervalMs);
    return () => {
      if (this.#timer) clearInterval(this.#timer);
    };
  }
}

export const desk = new Desk();
