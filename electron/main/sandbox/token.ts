// The gateway's client-credential tokens: one issued to a Basic-authorised
// request of the account's client id and secret, good until it expires or
// every token is revoked (as when the gateway rotates its signing keys).
import type http from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';

export const TOKEN_PATH = '/oauth2/token';

export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function createTokens(ttlMs: number) {
  const tokens = new Map<string, number>(); // token → expiry (ms)
  let requests = 0;
  return {
    issue(account: { clientId: string; clientSecret: string }, headers: http.IncomingHttpHeaders, text: string): { status: number; body: unknown } {
      requests++;
      const basic = /^Basic (\S+)$/.exec(headers.authorization ?? '')?.[1];
      const [id, secret] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':').map((p) => decodeURIComponent(p)) : [];
      if (new URLSearchParams(text).get('grant_type') !== 'client_credentials') return { status: 400, body: { error: 'unsupported_grant_type' } };
      if (id !== account.clientId || !sameSecret(secret ?? '', account.clientSecret)) return { status: 401, body: { error: 'invalid_client' } };
      const token = randomBytes(24).toString('base64url');
      tokens.set(token, Date.now() + ttlMs);
      return { status: 200, body: { access_token: token, token_type: 'Bearer', expires_in: Math.round(ttlMs / 1000) } };
    },
    /** Whether the Authorization header carries a token issued here that has not expired. */
    live(authorization: string | undefined): boolean {
      const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
      const expires = token === undefined ? undefined : tokens.get(token);
      return expires !== undefined && expires > Date.now();
    },
    requests: () => requests,
    revoke: () => tokens.clear(),
  };
}

export type Tokens = ReturnType<typeof createTokens>;
