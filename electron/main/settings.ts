// App settings kept in the catalogue's settings table. The network key is not
// a setting: it lives in the keychain (see credentials.ts).
import { z } from 'zod';
import { failure } from '../../shared/errors';
import type { Db } from './db/open';

const SANDBOX = 'sandbox';

export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** https only, except plain http to this machine (the tests' sandbox). */
export function checkMarketplaceUrl(value: string, field = 'marketplaceUrl', what = 'The Marketplace URL'): string {
  const trimmed = value.trim().replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw invalidUrl(field, 'Enter a full address such as https://marketplace.example/api-v2.');
  }
  if (url.username || url.password || url.search || url.hash) {
    throw invalidUrl(field, `${what} must not contain a user name, password, query or fragment.`);
  }
  if (url.protocol === 'https:') return trimmed;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return trimmed;
  throw invalidUrl(field, `${what} must start with https:// (plain http is allowed only for this computer).`);
}

function invalidUrl(field: string, message: string) {
  return failure('settings-invalid', message, { fields: [{ path: field, code: `${field}.invalid`, message }] });
}

const Stored = z.object({
  marketplaceUrl: z.string().default(SANDBOX),
  networkKeySaved: z.boolean().default(false),
  publishConcurrency: z.number().int().min(1).max(8).default(4),
  language: z.enum(['en', 'fr']).nullable().default(null),
});
type Stored = z.infer<typeof Stored>;

/** What settings:save may change, as the contract parsed it. */
export interface SettingsChanges {
  marketplaceUrl?: string | undefined;
  publishConcurrency?: number | undefined;
  language?: 'en' | 'fr' | undefined;
}

/** Changes that passed every check, ready to be written together. */
export type CheckedSettings = { readonly [K in keyof Stored]?: Stored[K] } & { readonly checked: true };

export function createSettings(db: Db, preset: { marketplaceUrl?: string | undefined } = {}) {
  const read = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const write = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');

  function get(): Stored {
    const raw: Record<string, unknown> = {};
    for (const key of Object.keys(Stored.shape)) {
      const row = read.get(key);
      if (row) raw[key] = JSON.parse(row.value);
    }
    if (raw.marketplaceUrl === undefined && preset.marketplaceUrl) raw.marketplaceUrl = checkMarketplaceUrl(preset.marketplaceUrl);
    return Stored.parse(raw);
  }

  function set<K extends keyof Stored>(key: K, value: Stored[K]): void {
    write.run(key, JSON.stringify(value));
  }

  return {
    get,
    /** The configured URL, or null while the embedded sandbox is in use. */
    marketplaceUrl(): string | null {
      const url = get().marketplaceUrl;
      return url === SANDBOX ? null : url;
    },
    /** Checks every change first, so a refused save writes nothing. */
    check(changes: SettingsChanges): CheckedSettings {
      const out: { -readonly [K in keyof Stored]?: Stored[K] } = {};
      if (changes.marketplaceUrl !== undefined) {
        const value = changes.marketplaceUrl.trim();
        out.marketplaceUrl = value === '' || value === SANDBOX ? SANDBOX : checkMarketplaceUrl(value);
      }
      if (changes.publishConcurrency !== undefined) out.publishConcurrency = changes.publishConcurrency;
      if (changes.language !== undefined) out.language = changes.language;
      return { ...out, checked: true };
    },
    /** Writes checked changes in one transaction. */
    apply(checked: CheckedSettings): void {
      db.transaction(() => {
        for (const key of Object.keys(Stored.shape) as (keyof Stored)[]) {
          if (checked[key] !== undefined) set(key, checked[key]);
        }
      }).immediate();
    },
    language: () => get().language,
    publishConcurrency: () => get().publishConcurrency,
    networkKeySaved: {
      get: () => get().networkKeySaved,
      set: (saved: boolean) => set('networkKeySaved', saved),
    },
  };
}

export type Settings = ReturnType<typeof createSettings>;
