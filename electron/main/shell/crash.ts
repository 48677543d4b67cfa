// A crash or an unhandled rejection in the main process is logged and shown
// as a dialog offering to restart. Nothing is lost: every change is already
// committed to SQLite.
import type { AppLog } from '../platform/logging';

export interface CrashOptions {
  proc: Pick<NodeJS.Process, 'on'>;
  log: AppLog;
  /** Shows the message; resolves true for "Restart". */
  ask(message: string): Promise<boolean>;
  restart(): void;
  /**
   * Told first, before anything is shown: holds the changes on the wire (publish-queue's holdInFlight), so
   * that a change whose sending brings the process down is not sent again on its own at every restart.
   */
  onCrash?(): void;
}

export const CRASH_MESSAGE =
  'Offering Desk ran into an unexpected problem. Your work is saved: every change was already stored in the catalogue. Restart Offering Desk to continue safely.';

export function installCrashHandlers({ proc, log, ask, restart, onCrash }: CrashOptions): void {
  let showing = false;
  const handle = (kind: string) => (error: unknown) => {
    log.error(`Main process ${kind}`, error);
    try {
      onCrash?.();
    } catch (e) {
      // The dialog must still come: holding is a precaution, the restart is the remedy.
      log.error('Holding the changes on the wire after a crash failed', e);
    }
    if (showing) return;
    showing = true;
    void ask(CRASH_MESSAGE).then((yes) => {
      showing = false;
      if (yes) restart();
    });
  };
  proc.on('uncaughtException', handle('crash'));
  proc.on('unhandledRejection', handle('unhandled rejection'));
}
