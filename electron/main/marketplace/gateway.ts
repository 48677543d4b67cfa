// The Ontario ministry gateway: `Authorization: Bearer <token>` and the
// subscription `key` header on every call, PascalCase singular paths, no
// networkKey in offering bodies, and the provider's approved program ID sent
// as `trainingStandardKey`.
import { failure } from '../../../shared/errors';
import type { StandardKey } from '../../../shared/standards';
import type { Collection, Dialect, PreparedRequest, WireCall } from './marketplace-client';
import type { TokenSource } from './gateway-token';

const PATHS: Record<Collection, string> = { class: 'ClassOffering', online: 'OnlineOffering', record: 'LearningRecord' };

export const MISSING_PROGRAM_ID = 'Enter your approved program ID for this standard in Settings → Your approved program IDs; the ministry gateway needs it instead of the standard.';

export interface GatewayOptions {
  baseUrl: string;
  tokens: TokenSource;
  getSubscriptionKey(): Promise<string>;
  /** Read when a call is prepared, so a program ID saved in Settings applies to the next send. */
  programIds(): Partial<Record<StandardKey, string>>;
  /** The provider's network key: a learning record's body carries it even on the gateway. */
  getNetworkKey(): Promise<string>;
}

export function gatewayDialect({ baseUrl, tokens, getSubscriptionKey, programIds, getNetworkKey }: GatewayOptions): Dialect {
  const base = baseUrl.replace(/\/+$/, '');
  let subscriptionKey: string | null = null;
  const currentKey = async () => (subscriptionKey ??= await getSubscriptionKey());

  /** The standard key becomes the provider's program ID for it. */
  function withProgramId(body: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
    if (!body || typeof body.trainingStandardKey !== 'string') return body;
    const programId = programIds()[body.trainingStandardKey as StandardKey];
    if (!programId) {
      throw failure('validation', MISSING_PROGRAM_ID, { fields: [{ path: 'trainingStandardKey', code: 'programId.missing', message: MISSING_PROGRAM_ID }] });
    }
    return { ...body, trainingStandardKey: programId };
  }

  async function headers(): Promise<Record<string, string>> {
    const [{ token }, key] = await Promise.all([tokens.token(), currentKey()]);
    return { authorization: `Bearer ${token}`, key };
  }

  return {
    connection: 'gateway',
    async ready() {
      subscriptionKey = await getSubscriptionKey();
    },
    async prepare(call: WireCall): Promise<PreparedRequest> {
      const mapped = withProgramId(call.body);
      const body = call.resource === 'record' ? { networkKey: await getNetworkKey(), ...mapped } : mapped;
      const collection = `${base}/${PATHS[call.resource]}`;
      const item = `${collection}/${encodeURIComponent(call.offeringId)}`;
      if (call.action === 'add') return { method: 'POST', url: collection, headers: await headers(), body: body! };
      if (call.action === 'patch') return { method: 'PATCH', url: item, headers: await headers(), body: body! };
      return { method: 'DELETE', url: item, headers: await headers() };
    },
    onUnauthorized(request) {
      tokens.invalidate(request.headers.authorization?.replace(/^Bearer /, ''));
      subscriptionKey = null;
      return true;
    },
    unauthorizedMessage: 'The ministry gateway refused the token or the subscription key — check Settings.',
    // Fetching a token proves the client id and secret; nothing is listed.
    async testRequest() {
      tokens.invalidate();
      await tokens.token();
      return null;
    },
    describeTest() {
      return 'Connected: the ministry gateway accepted the client id and secret and issued a token.';
    },
  };
}
