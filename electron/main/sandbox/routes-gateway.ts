// The ministry gateway's dialect: offerings and learning records under
// /gateway, the caller known by a client-credential token and a subscription
// key header, and trainingStandardKey holding one of the provider's approved
// program IDs (validated as the standard it stands for, kept as sent).
import type http from 'node:http';
import { STANDARD_KEYS, type Listing, type StandardKey } from './contract';
import { fail } from './answer';
import { keyId } from './state';
import { sameSecret, type Tokens } from './token';
import { authoriseNetwork } from './routes-network';
import type { Dialect, DialectPaths } from './routes';

export const GATEWAY_BASE_PATH = '/gateway';
const PATHS: DialectPaths = { basePath: GATEWAY_BASE_PATH, collections: { class: 'ClassOffering', online: 'OnlineOffering' }, records: 'LearningRecord' };

/** One provider's gateway credentials, and its approved program IDs (program ID → the standard it stands for). */
export interface GatewayAccount {
  clientId: string;
  clientSecret: string;
  subscriptionKey: string;
  programIds: Record<string, StandardKey>;
}

export function gatewayDialect(account: GatewayAccount, tokens: Tokens, allowed: ReadonlySet<string> | null): Dialect {
  function authorise(headers: http.IncomingHttpHeaders): string {
    if (!tokens.live(headers.authorization)) throw fail(401, 'unauthorized', 'The access token is missing, unknown or expired.');
    if (!sameSecret(String(headers.key ?? ''), account.subscriptionKey)) throw fail(401, 'unauthorized', 'Access denied: a valid subscription key is required.');
    return keyId(account.clientId);
  }
  return {
    name: 'gateway',
    paths: PATHS,
    // The gateway's offering bodies carry no networkKey.
    bodiesCarryKey: false,
    offeringOwner: ({ headers }) => authorise(headers),
    recordOwner({ headers, fields }) {
      const key = authorise(headers);
      // On both connections a learning record's body carries the provider's network key.
      authoriseNetwork(allowed, fields.networkKey);
      return key;
    },
    asStandard(body) {
      if (body.trainingStandardKey === undefined) return body;
      const standard = account.programIds[String(body.trainingStandardKey)];
      if (!standard) throw fail(400, 'invalid', 'The offering does not match the schema.', [{ path: 'trainingStandardKey', message: 'is not one of your approved program IDs' }]);
      return { ...body, trainingStandardKey: standard };
    },
    asSent: (listing, sent) => (typeof sent === 'string' ? ({ ...listing, trainingStandardKey: sent } as Listing) : listing),
  };
}

/** Program IDs in the form of the ministry's scripts (WAH-10001, JHSC-2014-1-10007), one per standard: the standalone gateway sandbox's defaults. */
export function exampleProgramIds(): Record<string, StandardKey> {
  return Object.fromEntries(STANDARD_KEYS.map((key, i) => [`${key.split('-').slice(0, -2).join('-')}-${10001 + i}`, key]));
}
