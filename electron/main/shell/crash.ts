// A crash or an unhandled rejection in the main process is logged and shown
// as a dialog offering to restart. Nothing is lost: every change is already
// committed to SQLite.
import type { AppLog } from '../logging';

export interface CrashOptions {
  proc: Pick<NodeJS.Process, 'on'>;
  log: AppLog;
  /** Shows the message; resolves true for "Restart". */
  ask(message: string): Promise<boolean>;
  restart(): void;
}

export const CRASH_MESSAGE =
  'Offering Desk ran into an unexpected problem. Your work is saved: every change was already stored in the catalogue. Restart Offering Desk to continue safely.';

export function installCrashHandlers({ proc, log, ask, restart }: CrashOptions): void {
  let showing = false;
  const handle = (kind: string) => (error: unknown) => {
    log.error(`Main process ${kind}`, error);
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
