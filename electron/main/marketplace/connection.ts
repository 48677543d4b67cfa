// The connection the provider chose in Settings, as a client: the network API
// (or the embedded sandbox when no URL is set) or the ministry gateway. Rebuilt
// when its settings change; the gateway's token outlives a rebuild until the
// token URL, client id or secret changes.
import { AppFailure, failure, type AppError, type FieldError } from '../../../shared/errors';
import type { Credentials } from '../platform/credentials';
import type { Settings } from '../settings/settings';
import { silentLog, type AppLog } from '../platform/logging';
import { createMarketplaceClient, type MarketplaceClient } from './marketplace-client';
import { networkDialect } from './network';
import { gatewayDialect, MISSING_PROGRAM_ID } from './gateway';
import { createTokenSource, type TokenSource } from './gateway-token';

export interface ConnectionOptions {
  settings: Settings;
  credentials: Credentials;
  /** The embedded sandbox's base URL, started on first use when no Marketplace URL is set. */
  sandboxUrl(): Promise<string>;
  timeoutMs?: number;
  /** The app's clock in milliseconds: a token's expiry is judged by it. */
  now?: () => number;
  log?: AppLog;
}

export function createConnection({ settings, credentials, sandboxUrl, timeoutMs = 15_000, now = Date.now, log = silentLog }: ConnectionOptions) {
  let cached: { signature: string; client: MarketplaceClient } | null = null;
  let tokens: { signature: string; source: TokenSource } | null = null;

  function tokenSource(tokenUrl: string, clientId: string): TokenSource {
    const signature = `${tokenUrl}\n${clientId}`;
    if (tokens?.signature !== signature) {
      tokens = { signature, source: createTokenSource({ tokenUrl, clientId, getSecret: () => credentials.clientSecret.get(), timeoutMs, now, log, onSecret: credentials.learn }) };
    }
    return tokens.source;
  }

  async function client(): Promise<MarketplaceClient> {
    if (settings.connection() === 'gateway') {
      const { baseUrl, tokenUrl, clientId } = settings.gateway();
      if (!baseUrl || !tokenUrl || !clientId) {
        throw failure('settings-invalid', 'The ministry gateway connection is not complete: enter its URL, token URL and client ID in Settings → Connection.');
      }
      const signature = `gateway\n${baseUrl}\n${tokenUrl}\n${clientId}`;
      if (cached?.signature !== signature) {
        const dialect = gatewayDialect({ baseUrl, tokens: tokenSource(tokenUrl, clientId), getSubscriptionKey: () => credentials.subscriptionKey.get(), programIds: settings.programIds, getNetworkKey: credentials.getKey });
        cached = { signature, client: createMarketplaceClient({ dialect, timeoutMs, log, secrets: credentials.knownSecrets }) };
      }
      return cached.client;
    }
    const url = settings.marketplaceUrl() ?? (await sandboxUrl());
    const signature = `network\n${url}`;
    if (cached?.signature !== signature) cached = { signature, client: createMarketplaceClient({ dialect: networkDialect({ baseUrl: url, getKey: credentials.getKey }), timeoutMs, log, secrets: credentials.knownSecrets }) };
    return cached.client;
  }

  return {
    client,
    /** The standards the current connection can publish: all on the network API; on the gateway, those with a program ID. */
    allowedStandards(): readonly string[] | null {
      if (settings.connection() !== 'gateway') return null;
      return Object.entries(settings.programIds()).filter(([, id]) => id).map(([key]) => key);
    },
    /** The field error for a standard it cannot publish. */
    notAllowed: { path: 'trainingStandardKey', code: 'programId.missing', message: MISSING_PROGRAM_ID } satisfies FieldError,
    /**
     * What stops any call before it is made: an incomplete gateway connection, or a secret the connection needs
     * that the keychain does not give (none stored, or locked). Asked before the user confirms a report: learning
     * records carry the network key on the gateway too.
     */
    async missing({ records }: { records: boolean }): Promise<AppError | null> {
      try {
        if (settings.connection() === 'gateway') {
          await client();
          await credentials.clientSecret.get();
          await credentials.subscriptionKey.get();
          if (records) await credentials.getKey();
        } else await credentials.getKey();
        return null;
      } catch (e) {
        if (e instanceof AppFailure) return e.error;
        throw e;
      }
    },
    /** The client secret changed: the next call fetches a token with the new one. */
    forgetToken(): void {
      tokens?.source.invalidate();
    },
  };
}

export type Connection = ReturnType<typeof createConnection>;
