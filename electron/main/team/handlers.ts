// Team mode's part of the handler map. Every call waits for the start-up preset
// (OFFERING_DESK_TEAM_URL) to be in the keychain first.
import type { Handlers } from '../../../shared/ipc';
import type { Notices } from './notices';
import type { Team } from './team';

type TeamChannels = 'team:get' | 'team:save' | 'team:preview' | 'team:share' | 'team:join' | 'team:leave' | 'team:history' | 'team:notices' | 'team:resolveNotice';

export function teamHandlers(team: Team, notices: Notices, ready: Promise<void>): Pick<Handlers, TeamChannels> {
  return {
    'team:get': async () => (await ready, team.view()),
    'team:save': async (request) => (await ready, team.save(request)),
    'team:preview': async ({ action }) => (await ready, team.preview(action)),
    'team:share': async () => (await ready, team.share()),
    'team:join': async () => (await ready, team.join()),
    'team:leave': async () => (await ready, team.leave()),
    'team:history': async ({ rowId }) => (await ready, team.history(rowId)),
    'team:notices': ({ rowId }) => notices.list(rowId),
    'team:resolveNotice': ({ id, putBack }) => notices.resolve(id, putBack),
  };
}
