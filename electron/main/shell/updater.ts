// Background updates from a generic feed: check at start and daily, download
// quietly, ask before restarting. Off when no feed is set.
import type { AppLog } from '../platform/logging';

export const DAY_MS = 24 * 60 * 60 * 1000;

/** The part of electron-updater's autoUpdater this uses. */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  quitAndInstall(): void;
}

export interface UpdateControllerOptions {
  updater: Updater;
  feedUrl: string | null;
  /** Asks the user; resolves true for "Restart now". */
  askToRestart(version: string): Promise<boolean>;
  log: AppLog;
  setInterval?: (fn: () => void, ms: number) => unknown;
}

export type UpdateCheck = 'off' | 'checking';

export function startUpdates({ updater, feedUrl, askToRestart, log, setInterval: every = setInterval }: UpdateControllerOptions): { enabled: boolean; check(): UpdateCheck } {
  if (!feedUrl) return { enabled: false, check: () => 'off' };
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  updater.setFeedURL({ provider: 'generic', url: feedUrl });
  updater.on('error', (error) => log.warn('Update check failed', error));
  updater.on('update-downloaded', (info) => {
    void askToRestart(info.version).then((restart) => {
      if (restart) updater.quitAndInstall();
    });
  });
  const check = (): UpdateCheck => {
    updater.checkForUpdates().catch((error: unknown) => log.warn('Update check failed', error));
    return 'checking';
  };
  check();
  every(check, DAY_MS);
  return { enabled: true, check };
}
