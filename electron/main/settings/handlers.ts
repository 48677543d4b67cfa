// Settings' part of the handler map.
import type { Handlers, SettingsView } from '../../../shared/ipc';
import type { Credentials } from '../platform/credentials';
import type { Settings } from './settings';
import type { ProviderProfileStore } from './provider-profile';
import { saveSettings } from './settings-save';

export interface SettingsHandlerParts {
  settings: Settings;
  credentials: Credentials;
  view: () => Promise<SettingsView>;
  /** The gateway's access token was made with the old client secret. */
  forgetToken: () => void;
  /** New secrets end any pause; a changed address, connection or program ID ends a pause they caused. */
  queue: { resume(): void; unpause(): void };
  /** Settings → Provider profile: who issues the proofs of completion. */
  profile: ProviderProfileStore;
}

export function settingsHandlers({ settings, credentials, view, forgetToken, queue, profile }: SettingsHandlerParts): Pick<Handlers, 'settings:get' | 'settings:save' | 'settings:forgetKey' | 'profile:get' | 'profile:save'> {
  return {
    'settings:get': () => view(),
    'settings:save': async (request) => {
      const saved = await saveSettings(settings, credentials, request);
      if (saved.secrets.includes(credentials.clientSecret)) forgetToken();
      if (saved.secrets.length > 0) queue.resume();
      else if (saved.connectionChanged) queue.unpause();
      return view();
    },
    'settings:forgetKey': async () => {
      await credentials.forget();
      return view();
    },
    'profile:get': () => profile.view(),
    'profile:save': (request) => profile.save(request),
  };
}
