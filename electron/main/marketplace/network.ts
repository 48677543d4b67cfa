// The Marketplace network API: `networkKey` in every body (and in the query
// of a delete), kebab-case plural paths under the base URL.
import { failure } from '../../../shared/errors';
import type { Collection, Dialect, PreparedRequest, WireCall } from './marketplace-client';

const PATHS: Record<Collection, string> = { class: 'class-offerings', online: 'online-offerings', record: 'learning-records' };

export interface NetworkOptions {
  baseUrl: string;
  /** The network key from the keychain; an AppFailure when there is none or the keychain is locked. */
  getKey(): Promise<string>;
}

export function networkDialect({ baseUrl, getKey }: NetworkOptions): Dialect {
  const base = baseUrl.replace(/\/+$/, '');
  // Read once per batch: the keychain is another process, and the key rarely changes mid-batch.
  let key: string | null = null;
  const currentKey = async () => (key ??= await getKey());
  const itemUrl = (resource: Collection, offeringId: string) => `${base}/${PATHS[resource]}/${encodeURIComponent(offeringId)}`;

  return {
    connection: 'network',
    async ready() {
      key = await getKey();
    },
    async prepare(call: WireCall): Promise<PreparedRequest> {
      const networkKey = await currentKey();
      if (call.action === 'add') return { method: 'POST', url: `${base}/${PATHS[call.resource]}`, headers: {}, body: { networkKey, ...call.body } };
      if (call.action === 'patch') return { method: 'PATCH', url: itemUrl(call.resource, call.offeringId), headers: {}, body: { networkKey, ...call.body } };
      return { method: 'DELETE', url: `${itemUrl(call.resource, call.offeringId)}?networkKey=${encodeURIComponent(networkKey)}`, headers: {} };
    },
    onUnauthorized() {
      key = null;
      return false;
    },
    unauthorizedMessage: 'The Marketplace did not accept your network key. Check the key in Settings.',
    // The API has no read call: deleting an offering id nobody uses proves the key is accepted (404) and changes nothing.
    async testRequest() {
      const networkKey = await currentKey();
      const probe = `offering-desk-connection-test-${Date.now().toString(36)}`;
      return { method: 'DELETE', url: `${itemUrl('class', probe)}?networkKey=${encodeURIComponent(networkKey)}`, headers: {} };
    },
    describeTest(outcome) {
      if (outcome.ok && outcome.status === 404) return 'Connected: the Marketplace accepted the network key.';
      if (outcome.ok) return 'Connected: the Marketplace answered.';
      throw failure(outcome.error.code, outcome.error.message);
    },
  };
}
