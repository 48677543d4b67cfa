// Settings as the window shows them: the stored values, which secrets the
// keychain holds (by their last 4 characters), and what is wrong with any.
import { AppFailure, type AppError } from '../../../shared/errors';
import type { SettingsView } from '../../../shared/ipc';
import type { Credentials, SecretEntry } from '../platform/credentials';
import { SANDBOX, type Settings } from './settings';

export interface SettingsViewSources {
  settings: Settings;
  credentials: Credentials;
  /** How many listings each connection made (Settings warns before switching away from one). */
  listedVia: () => SettingsView['listedVia'];
  /** The update feed fixed into this build; '' when updates are off. */
  updateFeedUrl: string;
}

/** A secret's status for Settings: whether it is stored and its last 4 characters, or the keychain's problem. */
async function secretStatus(entry: SecretEntry): Promise<{ set: boolean; last4: string | null; problem: AppError | null }> {
  try {
    const { keySet, keyLast4 } = await entry.status();
    return { set: keySet, last4: keyLast4, problem: null };
  } catch (e) {
    if (!(e instanceof AppFailure)) throw e;
    return { set: false, last4: null, problem: e.error };
  }
}

export async function settingsView({ settings, credentials, listedVia, updateFeedUrl }: SettingsViewSources): Promise<SettingsView> {
  const stored = settings.get();
  // A stored URL today's rules refuse is not used: it shows as empty, with the problem, and is not the sandbox.
  const storedProblem = settings.storedProblem();
  const urlRefused = storedProblem?.fields?.some((f) => f.path === 'marketplaceUrl') ?? false;
  const url = urlRefused || stored.marketplaceUrl === SANDBOX ? null : stored.marketplaceUrl;
  const [key, secret, subscription] = await Promise.all([secretStatus(credentials.networkKey), secretStatus(credentials.clientSecret), secretStatus(credentials.subscriptionKey)]);
  return {
    marketplaceUrl: url ?? '',
    usingSandbox: url === null && !urlRefused && stored.connection === 'network',
    storedProblem,
    keySet: key.set,
    keyLast4: key.last4,
    keyProblem: key.problem,
    publishConcurrency: stored.publishConcurrency,
    updateFeedUrl,
    language: stored.language,
    connection: stored.connection,
    gatewayBaseUrl: stored.gatewayBaseUrl,
    gatewayTokenUrl: stored.gatewayTokenUrl,
    gatewayClientId: stored.gatewayClientId,
    clientSecret: { set: secret.set, last4: secret.last4 },
    subscriptionKey: { set: subscription.set, last4: subscription.last4 },
    gatewayProblem: secret.problem ?? subscription.problem,
    programIds: stored.programIds,
    listedVia: listedVia(),
    retentionYears: stored.retentionYears,
  };
}
