// The network key and the gateway's client secret and subscription key live in
// the OS keychain and nowhere else. keytar sits behind `SecretStore` so another store can replace it in this one module.
import { failure, AppFailure } from '../../../shared/errors';

export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

export const DEFAULT_KEYCHAIN_SERVICE = 'Offering Desk';
const ACCOUNT = 'marketplace-network-key';

export function keytarStore(service: string): SecretStore {
  // Loaded on first use so a missing native module is "keychain unavailable",
  // not a crash at start-up.
  const load = async () => (await import('keytar')).default;
  return {
    get: async (account) => (await load()).getPassword(service, account),
    set: async (account, secret) => (await load()).setPassword(service, account, secret),
    delete: async (account) => (await load()).deletePassword(service, account),
  };
}

export interface KeyStatus {
  keySet: boolean;
  keyLast4: string | null;
}

/** One secret in the keychain: read, described as "ends in 1234", replaced, forgotten. */
export interface SecretEntry {
  /** The secret, or an AppFailure: none stored, keychain locked or unavailable. */
  get(): Promise<string>;
  status(): Promise<KeyStatus>;
  set(value: string): Promise<KeyStatus>;
  /** Stores a new value and answers how to put the previous one back (for a save that fails later). */
  replace(value: string): Promise<() => Promise<void>>;
  forget(): Promise<KeyStatus>;
  /** The value as it will be stored, or a field error: checked before anything is written. */
  check(value: string): string;
}

export interface Credentials {
  /** The network key (the network API's; the gateway's learning records need it too). */
  getKey(): Promise<string>;
  status(): Promise<KeyStatus>;
  setKey(key: string): Promise<KeyStatus>;
  replaceKey(key: string): Promise<() => Promise<void>>;
  forget(): Promise<KeyStatus>;
  networkKey: SecretEntry;
  /** The ministry gateway's OAuth client secret. */
  clientSecret: SecretEntry;
  /** The ministry gateway's subscription key (sent as the `key` header). */
  subscriptionKey: SecretEntry;
  /** The key that seals learners' personal details (roster/field-crypto.ts). */
  learnerDataKey: SecretEntry;
  /** The team database's password (team mode; absent in single-desk mode). */
  teamPassword: SecretEntry;
  /** Secrets this process has seen or been given, so the log and stored answers can be cleaned of them. Memory only. */
  knownSecrets(): readonly string[];
  /** A secret that is not in the keychain but must never be stored or shown either: the gateway's access token. */
  learn(secret: string): void;
  /**
   * Opens the keychain by reading the network key once: its first answer in a process
   * (the native module loaded, the Secret Service or Keychain session started) took
   * ~70 ms here, against ~1 ms for the next. Called at start, while the window loads,
   * so the window's first settings do not wait for it (#10). Rejects as `status` does.
   */
  warm(): Promise<void>;
}

export type SavedFlag = { get(): boolean; set(saved: boolean): void };

export interface CredentialsOptions {
  store: SecretStore;
  timeoutMs?: number;
  /** Whether a key was saved through this app: the only way to tell "locked" from "none". */
  rememberSaved: SavedFlag;
  /** The same for the gateway's secrets; kept in memory when not given. */
  rememberSavedFor?: (account: string) => SavedFlag;
}

const LOCKED_MESSAGE =
  'The system keychain did not answer; it may be locked. Unlock it (on a Mac, Keychain Access; on Windows, sign in again) and try again.';

async function withTimeout<T>(ms: number, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(failure('keychain-locked', LOCKED_MESSAGE)), ms);
  });
  try {
    return await Promise.race([
      work().catch((e: unknown) => {
        if (e instanceof AppFailure) throw e;
        // libsecret says so when the collection is locked (e.g. "Cannot create an item in a locked collection").
        if (e instanceof Error && /\blocked\b/i.test(e.message)) throw failure('keychain-locked', LOCKED_MESSAGE);
        throw failure(
          'keychain-unavailable',
          `The system keychain cannot be used (${e instanceof Error ? e.message : String(e)}). Secrets are never stored anywhere else.`,
        );
      }),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

interface SecretRules {
  account: string;
  /** "The network key", "The client secret"… */
  name: string;
  /** How a sentence that already named it calls it again ("the key"). */
  short: string;
  field: string;
  pattern: RegExp;
  rule: string;
  missing: string;
}

const NETWORK_KEY: SecretRules = {
  account: ACCOUNT,
  name: 'network key',
  short: 'key',
  field: 'networkKey',
  pattern: /^[\x21-\x7e]{4,200}$/,
  rule: 'The network key must be 4 to 200 visible characters with no spaces.',
  missing: 'No network key is stored. Enter the network key from the ministry in Settings.',
};

const CLIENT_SECRET: SecretRules = {
  account: 'gateway-client-secret',
  name: 'client secret',
  short: 'secret',
  field: 'clientSecret',
  pattern: /^[\x21-\x7e]{4,500}$/,
  rule: 'The client secret must be 4 to 500 visible characters with no spaces.',
  missing: 'No client secret is stored for the ministry gateway. Enter it in Settings → Connection.',
};

const SUBSCRIPTION_KEY: SecretRules = {
  account: 'gateway-subscription-key',
  name: 'subscription key',
  short: 'key',
  field: 'subscriptionKey',
  pattern: /^[\x21-\x7e]{4,200}$/,
  rule: 'The subscription key must be 4 to 200 visible characters with no spaces.',
  missing: 'No subscription key is stored for the ministry gateway. Enter it in Settings → Connection.',
};

/** Made by the app on the first learner, never typed: base64 of 32 random bytes. */
const LEARNER_DATA_KEY: SecretRules = {
  account: 'learner-data-key',
  name: 'learner data key',
  short: 'key',
  field: 'learnerDataKey',
  pattern: /^[A-Za-z0-9+/]{43}=$/,
  rule: 'The learner data key is 32 bytes in base64.',
  missing: 'No learner data key is stored.',
};

/** The team database's password (Settings → Team, or moved here from OFFERING_DESK_TEAM_URL at first start). */
const TEAM_PASSWORD: SecretRules = {
  account: 'team-database-password',
  name: 'team database password',
  short: 'password',
  field: 'password',
  pattern: /^[^\u0000-\u001f\u007f]{1,500}$/,
  rule: 'The password is 1 to 500 characters with no line breaks.',
  missing: 'No team database password is stored. Enter it in Settings → Team.',
};

function checkSecret(rules: SecretRules, value: string): string {
  const trimmed = value.trim();
  if (!rules.pattern.test(trimmed)) {
    throw failure('validation', rules.rule, { fields: [{ path: rules.field, code: `${rules.field}.invalid`, message: rules.rule }] });
  }
  return trimmed;
}

/** The network key as it will be stored, or a field error: checked before anything is written. */
export function checkNetworkKey(key: string): string {
  return checkSecret(NETWORK_KEY, key);
}

function memoryFlag(): SavedFlag {
  let saved = false;
  return { get: () => saved, set: (v) => (saved = v) };
}

export function createCredentials({ store, timeoutMs = 5000, rememberSaved, rememberSavedFor = memoryFlag }: CredentialsOptions): Credentials {
  const seen = new Set<string>();

  function entry(rules: SecretRules, saved: SavedFlag): SecretEntry {
    const read = async () => {
      const value = await withTimeout(timeoutMs, () => store.get(rules.account));
      if (value) seen.add(value);
      return value;
    };
    const describe = (value: string | null): KeyStatus => ({ keySet: value !== null, keyLast4: value ? value.slice(-4) : null });
    async function get(): Promise<string> {
      const value = await read();
      if (value) return value;
      if (saved.get()) {
        throw failure(
          'keychain-locked',
          `A ${rules.name} was saved, but the keychain returned nothing. It may be locked, or the ${rules.short} was removed from it. Unlock the keychain, or enter the ${rules.short} again in Settings.`,
        );
      }
      throw failure('no-key', rules.missing);
    }
    return {
      get,
      check: (value) => checkSecret(rules, value),
      async status() {
        try {
          return describe(await get());
        } catch (e) {
          if (e instanceof AppFailure && e.error.code === 'no-key') return describe(null);
          throw e;
        }
      },
      async set(value) {
        const trimmed = checkSecret(rules, value);
        seen.add(trimmed);
        await withTimeout(timeoutMs, () => store.set(rules.account, trimmed));
        saved.set(true);
        return describe(trimmed);
      },
      async replace(value) {
        const trimmed = checkSecret(rules, value);
        const before = await read();
        const wasSaved = saved.get();
        seen.add(trimmed);
        await withTimeout(timeoutMs, () => store.set(rules.account, trimmed));
        saved.set(true);
        return async () => {
          await withTimeout(timeoutMs, () => (before === null ? store.delete(rules.account).then(() => undefined) : store.set(rules.account, before)));
          saved.set(wasSaved);
        };
      },
      async forget() {
        await withTimeout(timeoutMs, () => store.delete(rules.account));
        saved.set(false);
        return describe(null);
      },
    };
  }

  const networkKey = entry(NETWORK_KEY, rememberSaved);
  return {
    getKey: networkKey.get,
    status: networkKey.status,
    setKey: networkKey.set,
    replaceKey: networkKey.replace,
    forget: networkKey.forget,
    networkKey,
    clientSecret: entry(CLIENT_SECRET, rememberSavedFor(CLIENT_SECRET.account)),
    subscriptionKey: entry(SUBSCRIPTION_KEY, rememberSavedFor(SUBSCRIPTION_KEY.account)),
    // No saved flag: a missing key must read as missing (records/data-key.ts says what that means), not as locked.
    learnerDataKey: entry(LEARNER_DATA_KEY, memoryFlag()),
    teamPassword: entry(TEAM_PASSWORD, memoryFlag()),
    knownSecrets: () => [...seen],
    learn: (secret) => void seen.add(secret),
    warm: async () => void (await networkKey.status()),
  };
}
