// The learner data key: read from the keychain once per run, made on first
// use. A catalogue that already holds sealed learners never gets a new key —
// it would silently orphan them — so a missing key is said plainly instead.
import { AppFailure, failure } from '../../../shared/errors';
import type { SecretEntry } from '../platform/credentials';
import { createFieldCrypto, decodeDataKey, newDataKey, DATA_KEY_MISSING, type FieldCrypto } from './field-crypto';

export function createDataKeys(entry: SecretEntry, hasSealedLearners: () => boolean) {
  let crypto: Promise<FieldCrypto> | null = null;

  async function load(): Promise<FieldCrypto> {
    try {
      return createFieldCrypto(decodeDataKey(await entry.get()));
    } catch (e) {
      if (!(e instanceof AppFailure) || e.error.code !== 'no-key') throw e;
      if (hasSealedLearners()) throw failure('data-key-missing', DATA_KEY_MISSING);
      const key = newDataKey();
      await entry.set(key);
      return createFieldCrypto(decodeDataKey(key));
    }
  }

  return {
    /** The sealer, or an AppFailure (keychain locked, key missing); a failure is not cached, so unlocking and retrying works. */
    crypto(): Promise<FieldCrypto> {
      crypto ??= load().catch((e: unknown) => {
        crypto = null;
        throw e;
      });
      return crypto;
    },
  };
}

export type DataKeys = ReturnType<typeof createDataKeys>;
