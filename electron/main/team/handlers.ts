// Team mode's part of the handler map. Every call waits for the start-up preset
// (OFFERING_DESK_TEAM_URL) to be in the keychain first.
import type { Handlers } from '../../../shared/ipc';
import type { Team } from './team';

export function teamHandlers(team: Team, ready: Promise<void>): Pick<Handlers, 'team:get' | 'team:save' | 'team:preview' | 'team:share' | 'team:join'> {
  return {
    'team:get': async () => (await ready, team.view()),
    'team:save': async (request) => (await ready, team.save(request)),
    'team:preview': async ({ action }) => (await ready, team.preview(action)),
    'team:share': async () => (await ready, team.share()),
    'team:join': async () => (await ready, team.join()),
  };
}
