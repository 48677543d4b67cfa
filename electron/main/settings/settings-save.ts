// Saving Settings: everything is checked before anything is written; secrets
// go to the keychain first and are put back if the settings cannot be stored.
import { AppFailure } from '../../../shared/errors';
import type { ParsedRequestOf } from '../../../shared/ipc';
import type { Credentials, SecretEntry } from '../platform/credentials';
import type { Settings } from './settings';

export type SettingsSave = ParsedRequestOf<'settings:save'>;

/** What a save changed, for those who react to it (the connection's token, the queue's pause). */
export interface SavedChange {
  secrets: SecretEntry[];
  /** The address, the connection or the program IDs: what a pause may have been about. */
  connectionChanged: boolean;
}

export async function saveSettings(settings: Settings, credentials: Credentials, { networkKey, clientSecret, subscriptionKey, ...changes }: SettingsSave): Promise<SavedChange> {
  const checked = settings.check(changes);
  const secrets = [
    { entry: credentials.networkKey, value: networkKey },
    { entry: credentials.clientSecret, value: clientSecret },
    { entry: credentials.subscriptionKey, value: subscriptionKey },
  ].filter((x): x is { entry: SecretEntry; value: string } => x.value !== undefined && x.value.trim() !== '');
  const fields = secrets.flatMap(({ entry, value }) => {
    try {
      entry.check(value);
      return [];
    } catch (e) {
      if (e instanceof AppFailure) return e.error.fields ?? [];
      throw e;
    }
  });
  if (fields.length > 0) throw new AppFailure({ code: 'validation', message: fields[0]!.message, fields });
  const undo: (() => Promise<void>)[] = [];
  try {
    for (const { entry, value } of secrets) undo.unshift(await entry.replace(value));
    settings.apply(checked);
  } catch (e) {
    for (const putBack of undo) await putBack();
    throw e;
  }
  return {
    secrets: secrets.map(({ entry }) => entry),
    connectionChanged: checked.marketplaceUrl !== undefined || checked.connection !== undefined || checked.programIds !== undefined,
  };
}
