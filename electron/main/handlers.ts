// The IPC handler map: one plain function per channel, each feature's part
// given only what it needs. Electron registers it with ipcMain, the web bridge
// serves it over loopback (both through dispatch.ts): one code path.
import type { Handlers } from '../../shared/ipc';
import type { Services } from './services';
import { catalogueHandlers } from './catalogue/handlers';
import { queueHandlers } from './queue/handlers';
import { settingsHandlers } from './settings/handlers';
import { marketplaceHandlers } from './marketplace/handlers';
import { backupHandlers } from './database/handlers';
import { rosterHandlers } from './roster/handlers';
import { proofHandlers } from './roster/proof-handlers';
import { exchangeHandlers } from './exchange/handlers';
import { teamHandlers } from './team/handlers';
import { reportHandlers } from './reports/handlers';

export function createHandlers(s: Services): Handlers {
  const { catalogue, lists, clock, queue } = s;
  return {
    ...catalogueHandlers({
      catalogue, lists, clock, connection: s.settings.connection,
      rosterSizes: (ids) => new Map(s.rosterParts.learners.countsOf(ids).map((c) => [c.offering_row, c.learners])),
    }),
    ...queueHandlers({ queue, callLog: s.callLog, retry: catalogue.retry, learnerNames: s.roster.learnerNames }),
    ...settingsHandlers({ settings: s.settings, credentials: s.credentials, view: s.settingsView, forgetToken: s.connection.forgetToken, queue, profile: s.profile }),
    ...marketplaceHandlers(s.connection),
    ...backupHandlers(s.backups),
    ...rosterHandlers({ roster: s.roster, people: s.people, sendState: s.recordsSendState, queue }),
    ...proofHandlers(s.rosterParts, { profile: s.profile.get, programIds: s.settings.programIds }),
    ...exchangeHandlers({ catalogue, lists, clock, scheduleImport: s.scheduleImport, templates: s.templates }),
    ...teamHandlers(s.team, s.notices, s.teamReady),
    ...reportHandlers({ offerings: catalogue.store, learners: s.rosterParts.learners, staff: s.rosterParts.staff, clock }),
  };
}
