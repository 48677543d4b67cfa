// Settings → Backups' part of the handler map.
import type { Handlers } from '../../../shared/ipc';
import type { BackupDesk } from './restores';

export function backupHandlers(backups: BackupDesk): Pick<Handlers, 'backups:list' | 'backups:create' | 'backups:restore' | 'backups:lastRestore'> {
  return {
    'backups:list': () => backups.list(),
    'backups:create': () => backups.create(),
    'backups:restore': ({ name }) => {
      backups.restoreOnRestart(name);
      return { restartRequired: true } as const;
    },
    'backups:lastRestore': () => backups.lastRestore(),
  };
}
