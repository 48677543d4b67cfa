// The renderer's view of the main process: the queue and settings, and a
// revision that moves whenever the main process says offerings changed. Lists
// and screens refetch only what they show when it moves. Nothing polls.
import type { DeskEvent, QueueView, SettingsView } from '../../../shared/ipc';
import type { AppError, Result } from '../../../shared/errors';
import type { TeamView } from '../../../shared/team';
import { call } from './api';
import { listen, takeQueue, takeSettings } from './startup';
import { language, setLanguage } from './i18n.svelte';

class Desk {
  queue = $state.raw<QueueView>({ waiting: 0, failed: 0, offline: false, paused: null, cancelled: false, batch: { total: 0, done: 0, waiting: 0, failed: 0 } });
  settings = $state.raw<SettingsView | null>(null);
  problem = $state.raw<AppError | null>(null);
  /** Team mode (Settings → Team); the header shows it only once a team is set. */
  team = $state.raw<TeamView | null>(null);
  /** Moves on every pushed change of offerings; `changed` says which (null: many). */
  revision = $state(0);
  changed = $state.raw<string[] | null>(null);
  /** A screen asked for Settings with the keyboard on this element (its id): the app shows it, then clears this. */
  settingsFocus = $state<string | null>(null);

  /** Settings, with the keyboard on the element of this id (a field a message said was missing). */
  openSettings(focusId: string): void {
    this.settingsFocus = focusId;
  }

  /**
   * After the renderer itself changed something: every screen refetches what it shows, and the queue, at once.
   * Main's event says so too, but while the queue sends, main spaces its events (up to 250 ms apart).
   */
  async refresh(): Promise<void> {
    this.changed = null;
    this.revision += 1;
    this.#show(await call('queue:status', {}));
  }

  #show(queue: Result<QueueView>): void {
    if (queue.ok) this.queue = queue.value;
    else this.problem = queue.error;
  }

  async loadSettings(): Promise<void> {
    const result = await takeSettings();
    if (result.ok) {
      this.settings = result.value;
      if (result.value.language && result.value.language !== language()) setLanguage(result.value.language);
    } else this.problem = result.error;
  }

  /** Asked after the first frame: single-desk answers at once; a team's database is reached in the background. */
  async loadTeam(): Promise<void> {
    const result = await call('team:get', {});
    if (result.ok) this.team = result.value;
  }

  receive(event: DeskEvent): void {
    this.queue = event.queue;
    // A member desk's sync state comes with every event; the rest of the team view is asked for.
    if (event.team && this.team) this.team = { ...this.team, sync: event.team };
    if (event.changed === null || event.changed.length > 0) {
      this.changed = event.changed;
      this.revision += 1;
    }
  }

  /** The queue as main answered at the window's start, then every event since (those kept from the start first, which are newer). */
  start(): () => void {
    let running = true;
    void takeQueue().then((queue) => {
      if (!running) return;
      this.#show(queue);
      listen((event) => {
        if (running) this.receive(event);
      });
    });
    return () => {
      running = false;
    };
  }
}

export const desk = new Desk();
