// App settings kept in the catalogue's settings table. The network key, the
// client secret and the subscription key are not settings: they live in the
// keychain (see credentials.ts).
import { LANGUAGES, PROGRAM_ID, PUBLISH_CONCURRENCY, RETENTION_YEARS } from '../../../shared/app-rules';
import { z } from 'zod';
import { AppFailure, failure, type AppError, type FieldError } from '../../../shared/errors';
import { ConnectionKind } from '../../../shared/connection';
import { StandardKey } from '../../../shared/standards';
import { connectionUrlProblem } from '../../../shared/url-rules';
import { TeamConnection } from '../../../shared/team';
import type { Db } from '../database/schema';

/** How an empty Marketplace URL (the embedded sandbox) is stored. */
export const SANDBOX = 'sandbox';

/** An address the app connects to, trimmed, or refused by shared/url-rules (https only, except plain http to this machine). */
export function checkMarketplaceUrl(value: string, field = 'marketplaceUrl', what = 'The Marketplace URL'): string {
  const trimmed = value.trim().replace(/\/+$/, '');
  switch (connectionUrlProblem(trimmed)) {
    case null:
      return trimmed;
    case 'unreadable':
      throw invalidUrl(field, 'Enter a full address such as https://marketplace.example/api-v2.');
    case 'parts':
      throw invalidUrl(field, `${what} must not contain a user name, password, query or fragment.`);
    case 'scheme':
      throw invalidUrl(field, `${what} must start with https:// (plain http is allowed only for this computer).`);
  }
}

function invalidUrl(field: string, message: string) {
  return failure('settings-invalid', message, { fields: [{ path: field, code: `${field}.invalid`, message }] });
}

/** Settings → Team as stored: the connection, this desk's id in the team, and whether its catalogue is in the team's (shared or joined). */
export const StoredTeam = z.object({ connection: TeamConnection, deskId: z.uuid(), member: z.boolean(), staffName: z.string().default('') });
export type StoredTeam = z.infer<typeof StoredTeam>;

const ProgramIds = z.partialRecord(StandardKey, z.string());

const Stored = z.object({
  marketplaceUrl: z.string().default(SANDBOX),
  networkKeySaved: z.boolean().default(false),
  connection: ConnectionKind.default('network'),
  gatewayBaseUrl: z.string().default(''),
  gatewayTokenUrl: z.string().default(''),
  gatewayClientId: z.string().default(''),
  clientSecretSaved: z.boolean().default(false),
  subscriptionKeySaved: z.boolean().default(false),
  programIds: ProgramIds.default({}),
  publishConcurrency: z.number().int().min(PUBLISH_CONCURRENCY.min).max(PUBLISH_CONCURRENCY.max).default(PUBLISH_CONCURRENCY.default),
  language: z.enum(LANGUAGES).nullable().default(null),
  retentionYears: z.number().int().min(RETENTION_YEARS.min).max(RETENTION_YEARS.max).default(RETENTION_YEARS.default),
  /** Team mode (team/): null while single-desk, the default. Its password is in the keychain, not here. */
  team: StoredTeam.nullable().default(null),
});
type Stored = z.infer<typeof Stored>;

/** What settings:save may change, as the contract parsed it. */
export interface SettingsChanges {
  marketplaceUrl?: string | undefined;
  publishConcurrency?: number | undefined;
  language?: 'en' | 'fr' | undefined;
  retentionYears?: number | undefined;
  connection?: ConnectionKind | undefined;
  gatewayBaseUrl?: string | undefined;
  gatewayTokenUrl?: string | undefined;
  gatewayClientId?: string | undefined;
  programIds?: Partial<Record<StandardKey, string>> | undefined;
}

/** The stored settings `check` judges as `settings:save` does (the rest are checked by their schema alone). */
const CHECKED = { marketplaceUrl: true, gatewayBaseUrl: true, gatewayTokenUrl: true, gatewayClientId: true, programIds: true } as const;

function storedSettingRefused(fields: FieldError[]): AppFailure {
  return failure(
    'stored-setting-refused',
    `${fields.length === 1 ? 'A setting' : `${fields.length} settings`} stored in this catalogue break${fields.length === 1 ? 's' : ''} today’s rules and ${fields.length === 1 ? 'is' : 'are'} not used (${fields.map((f) => f.message).join(' ')}). Enter ${fields.length === 1 ? 'it' : 'them'} again in Settings; nothing was sent with ${fields.length === 1 ? 'it' : 'them'}.`,
    { fields },
  );
}

const CLIENT_ID = /^[\x21-\x7e]{1,200}$/;

/** The gateway connection as configured; null fields are not filled in yet. */
export interface GatewaySettings {
  baseUrl: string | null;
  tokenUrl: string | null;
  clientId: string | null;
}

/** Changes that passed every check, ready to be written together. */
export type CheckedSettings = { readonly [K in keyof Stored]?: Stored[K] } & { readonly checked: true };

export function createSettings(db: Db, preset: { marketplaceUrl?: string | undefined } = {}) {
  const read = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const write = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');

  /**
   * The stored settings, each checked by the rules `settings:save` applies: a catalogue restored from a
   * backup (or edited by hand) can hold anything. A refused value is not used (its default stands) and is
   * named in `refused`, so nothing reads a setting the user could not have saved.
   */
  function readStored(): { values: Stored; refused: FieldError[] } {
    const raw: Record<string, unknown> = {};
    const refused: FieldError[] = [];
    for (const key of Object.keys(Stored.shape) as (keyof Stored)[]) {
      const row = read.get(key);
      if (!row) continue;
      let value: unknown;
      try {
        value = Stored.shape[key].parse(JSON.parse(row.value));
      } catch {
        refused.push({ path: key, code: `${key}.invalid`, message: `The stored ${key} setting cannot be read.` });
        continue;
      }
      if (key in CHECKED) {
        try {
          const checked = check({ [key]: value } as SettingsChanges);
          // The sandbox marker is what an empty Marketplace URL is stored as.
          value = checked[key] ?? value;
        } catch (e) {
          if (!(e instanceof AppFailure)) throw e;
          refused.push(...(e.error.fields ?? []));
          continue;
        }
      }
      raw[key] = value;
    }
    if (raw.marketplaceUrl === undefined && preset.marketplaceUrl) raw.marketplaceUrl = checkMarketplaceUrl(preset.marketplaceUrl);
    return { values: Stored.parse(raw), refused };
  }

  function get(): Stored {
    return readStored().values;
  }

  function set<K extends keyof Stored>(key: K, value: Stored[K]): void {
    write.run(key, JSON.stringify(value));
  }

  /** Checks every change first, so a refused save writes nothing; every refused field is named at once. */
  function check(changes: SettingsChanges): CheckedSettings {
    const out: { -readonly [K in keyof Stored]?: Stored[K] } = {};
    const fields: FieldError[] = [];
    const attempt = (work: () => void) => {
      try {
        work();
      } catch (e) {
        if (!(e instanceof AppFailure)) throw e;
        fields.push(...(e.error.fields ?? []));
      }
    };
    const optionalUrl = (value: string, field: string, what: string) => (value.trim() === '' ? '' : checkMarketplaceUrl(value, field, what));
    if (changes.marketplaceUrl !== undefined) {
      const value = changes.marketplaceUrl.trim();
      attempt(() => (out.marketplaceUrl = value === '' || value === SANDBOX ? SANDBOX : checkMarketplaceUrl(value)));
    }
    if (changes.gatewayBaseUrl !== undefined) attempt(() => (out.gatewayBaseUrl = optionalUrl(changes.gatewayBaseUrl!, 'gatewayBaseUrl', 'The gateway URL')));
    if (changes.gatewayTokenUrl !== undefined) attempt(() => (out.gatewayTokenUrl = optionalUrl(changes.gatewayTokenUrl!, 'gatewayTokenUrl', 'The token URL')));
    if (changes.gatewayClientId !== undefined) {
      const value = changes.gatewayClientId.trim();
      if (value === '' || CLIENT_ID.test(value)) out.gatewayClientId = value;
      else fields.push({ path: 'gatewayClientId', code: 'gatewayClientId.invalid', message: 'The client ID must be visible characters with no spaces.' });
    }
    if (changes.programIds !== undefined) {
      const ids: Partial<Record<StandardKey, string>> = {};
      for (const [key, value] of Object.entries(changes.programIds) as [StandardKey, string][]) {
        const id = value.trim();
        if (id === '') continue;
        if (PROGRAM_ID.test(id)) ids[key] = id;
        else fields.push({ path: `programIds.${key}`, code: 'programId.invalid', message: 'A program ID is letters, digits, dots, dashes or underscores, such as WAH-10083.' });
      }
      out.programIds = ids;
    }
    if (fields.length > 0) throw failure('settings-invalid', fields.length === 1 ? fields[0]!.message : `${fields.length} settings need attention.`, { fields });
    if (changes.connection !== undefined) out.connection = changes.connection;
    if (changes.publishConcurrency !== undefined) out.publishConcurrency = changes.publishConcurrency;
    if (changes.language !== undefined) out.language = changes.language;
    if (changes.retentionYears !== undefined) out.retentionYears = changes.retentionYears;
    return { ...out, checked: true };
  }

  /** Writes checked changes in one transaction. */
  function apply(checked: CheckedSettings): void {
    db.transaction(() => {
      for (const key of Object.keys(Stored.shape) as (keyof Stored)[]) {
        if (checked[key] !== undefined) set(key, checked[key]);
      }
    }).immediate();
  }

  return {
    get,
    /** The configured URL, or null while the embedded sandbox is in use; a stored URL today's rules refuse stops every call. */
    marketplaceUrl(): string | null {
      const { values, refused } = readStored();
      if (refused.some((f) => f.path === 'marketplaceUrl')) throw storedSettingRefused(refused);
      return values.marketplaceUrl === SANDBOX ? null : values.marketplaceUrl;
    },
    /** The stored settings today's rules refuse (not used), as one error for Settings; null when every one is fine. */
    storedProblem(): AppError | null {
      const { refused } = readStored();
      return refused.length === 0 ? null : storedSettingRefused(refused).error;
    },
    check,
    apply,
    language: () => get().language,
    retentionYears: () => get().retentionYears,
    publishConcurrency: () => get().publishConcurrency,
    networkKeySaved: {
      get: () => get().networkKeySaved,
      set: (saved: boolean) => set('networkKeySaved', saved),
    },
    /** The flag that tells "locked" from "none" for each gateway secret. */
    savedFlag(account: string) {
      const key = account === 'gateway-client-secret' ? 'clientSecretSaved' : 'subscriptionKeySaved';
      return { get: () => get()[key], set: (saved: boolean) => set(key, saved) };
    },
    connection: () => get().connection,
    /** The gateway connection; a stored URL or client ID today's rules refuse stops every call. */
    gateway(): GatewaySettings {
      const { values, refused } = readStored();
      if (refused.some((f) => f.path.startsWith('gateway'))) throw storedSettingRefused(refused);
      const { gatewayBaseUrl, gatewayTokenUrl, gatewayClientId } = values;
      return { baseUrl: gatewayBaseUrl || null, tokenUrl: gatewayTokenUrl || null, clientId: gatewayClientId || null };
    },
    programIds: () => get().programIds,
    /** Team mode's settings (checked by team/team-connection before they are set), or null while single-desk. */
    team: () => get().team,
    setTeam: (team: StoredTeam | null) => set('team', team),
  };
}

export type Settings = ReturnType<typeof createSettings>;
