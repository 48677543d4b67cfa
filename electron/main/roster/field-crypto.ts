// Learner details are sealed with AES-256-GCM under a random data key that
// lives only in the OS keychain. The row id is bound in as associated data, so
// a sealed blob copied onto another learner's row does not open.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { failure } from '../../../shared/errors';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const DATA_KEY_BYTES = 32;

export const DATA_KEY_MISSING =
  'Learner details cannot be opened: the key that protects them is missing from this computer’s keychain (or is not the one they were saved with). Nothing was changed. Restore the keychain from a backup of this computer, or ask for help; offerings are not affected.';

export interface FieldCrypto {
  seal(rowId: string, value: unknown): Buffer;
  open<T>(rowId: string, sealed: Buffer): T;
}

export function createFieldCrypto(key: Buffer): FieldCrypto {
  if (key.length !== DATA_KEY_BYTES) throw failure('data-key-missing', DATA_KEY_MISSING);
  return {
    seal(rowId, value) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(rowId, 'utf8'));
      const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
    },
    open<T>(rowId: string, sealed: Buffer): T {
      try {
        if (sealed[0] !== VERSION) throw new Error('unknown version');
        const iv = sealed.subarray(1, 1 + IV_BYTES);
        const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
        const decipher = createDecipheriv('aes-256-gcm', key, iv);
        decipher.setAAD(Buffer.from(rowId, 'utf8'));
        decipher.setAuthTag(tag);
        const text = Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
        return JSON.parse(text) as T;
      } catch {
        // A wrong key fails the GCM tag: say so plainly instead of showing garbage.
        throw failure('data-key-missing', DATA_KEY_MISSING);
      }
    },
  };
}

export function newDataKey(): string {
  return randomBytes(DATA_KEY_BYTES).toString('base64');
}

export function decodeDataKey(text: string): Buffer {
  const key = Buffer.from(text, 'base64');
  if (key.length !== DATA_KEY_BYTES) throw failure('data-key-missing', DATA_KEY_MISSING);
  return key;
}
