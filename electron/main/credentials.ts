// The network key lives in the OS keychain and nowhere else. keytar sits
// behind `SecretStore` so another store can replace it in this one module.
import { failure, AppFailure } from '../../shared/errors';

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

export interface Credentials {
  /** The key, or an AppFailure: no-key, keychain-locked or keychain-unavailable. */
  getKey(): Promise<string>;
  status(): Promise<KeyStatus>;
  setKey(key: string): Promise<KeyStatus>;
  /** Stores a new key and answers how to put the previous one back (for a save that fails later). */
  replaceKey(key: string): Promise<() => Promise<void>>;
  forget(): Promise<KeyStatus>;
  /** Keys this process has seen, so the log can remove them. Memory only. */
  knownSecrets(): readonly string[];
}

export interface CredentialsOptions {
  store: SecretStore;
  timeoutMs?: number;
  /** Whether a key was saved through this app: the only way to tell "locked" from "none". */
  rememberSaved: { get(): boolean; set(saved: boolean): void };
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
          `The system keychain cannot be used (${e instanceof Error ? e.message : String(e)}). The network key is never stored anywhere else.`,
        );
      }),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

const KEY_RULE = 'The network key must be 4 to 200 visible characters with no spaces.';

/** The key as it will be stored, or a field error: checked before anything is written. */
export function checkNetworkKey(key: string): string {
  const trimmed = key.trim();
  if (!/^[\x21-\x7e]{4,200}$/.test(trimmed)) {
    throw failure('validation', KEY_RULE, { fields: [{ path: 'networkKey', code: 'networkKey.invalid', message: KEY_RULE }] });
  }
  return trimmed;
}

export function createCredentials({ store, timeoutMs = 5000, rememberSaved }: CredentialsOptions): Credentials {
  const seen = new Set<string>();
  const read = async () => {
    const key = await withTimeout(timeoutMs, () => store.get(ACCOUNT));
    if (key) seen.add(key);
    return key;
  };
  const describe = (key: string | null): KeyStatus => ({ keySet: key !== null, keyLast4: key ? key.slice(-4) : null });

  async function getKey(): Promise<string> {
    const key = await read();
    if (key) return key;
    if (rememberSaved.get()) {
      throw failure(
        'keychain-locked',
        'A network key was saved, but the keychain returned nothing. It may be locked, or the key was removed from it. Unlock the keychain, or enter the key again in Settings.',
      );
    }
    throw failure('no-key', 'No network key is stored. Enter the network key from the ministry in Settings.');
  }

  return {
    getKey,
    async status() {
      try {
        return describe(await getKey());
      } catch (e) {
        if (e instanceof AppFailure && e.error.code === 'no-key') return describe(null);
        throw e;
      }
    },
    async setKey(key) {
      const trimmed = checkNetworkKey(key);
      seen.add(trimmed);
      await withTimeout(timeoutMs, () => store.set(ACCOUNT, trimmed));
      rememberSaved.set(true);
      return describe(trimmed);
    },
    async replaceKey(key) {
      const trimmed = checkNetworkKey(key);
      const before = await read();
      const wasSaved = rememberSaved.get();
      seen.add(trimmed);
      await withTimeout(timeoutMs, () => store.set(ACCOUNT, trimmed));
      rememberSaved.set(true);
      return async () => {
        await withTimeout(timeoutMs, () => (before === null ? store.delete(ACCOUNT).then(() => undefined) : store.set(ACCOUNT, before)));
        rememberSaved.set(wasSaved);
      };
    },
    async forget() {
      await withTimeout(timeoutMs, () => store.delete(ACCOUNT));
      rememberSaved.set(false);
      return describe(null);
    },
    knownSecrets: () => [...seen],
  };
}
