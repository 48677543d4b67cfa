// The benchmarks measure the desk, not the keychain: secrets come from memory.
import type { SecretStore } from '../electron/main/platform/credentials';

export function memoryStore(): SecretStore {
  const m = new Map<string, string>();
  return { get: async (a) => m.get(a) ?? null, set: async (a, s) => void m.set(a, s), delete: async (a) => m.delete(a) };
}
