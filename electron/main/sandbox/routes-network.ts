// The network API's dialect: offerings and learning records under /api-v2,
// the provider known by the networkKey in each body (in the query of a DELETE).
import { NetworkKey } from './contract';
import { fail } from './answer';
import { keyId } from './state';
import type { Dialect, DialectPaths } from './routes';

export const SANDBOX_BASE_PATH = '/api-v2';
const PATHS: DialectPaths = { basePath: SANDBOX_BASE_PATH, collections: { class: 'class-offerings', online: 'online-offerings' }, records: 'learning-records' };

/** The owner (hashed) of a network key; with `allowed`, only those keys are known. */
export function authoriseNetwork(allowed: ReadonlySet<string> | null, key: unknown): string {
  const parsed = NetworkKey.safeParse(key);
  if (!parsed.success) throw fail(401, 'unauthorized', 'A networkKey is required.');
  if (allowed && !allowed.has(parsed.data)) throw fail(401, 'unauthorized', 'Unknown networkKey.');
  return keyId(parsed.data);
}

export function networkDialect(allowed: ReadonlySet<string> | null): Dialect {
  return {
    name: 'network',
    paths: PATHS,
    bodiesCarryKey: true,
    offeringOwner: ({ method, query, fields }) => authoriseNetwork(allowed, method === 'DELETE' ? (query.get('networkKey') ?? undefined) : fields.networkKey),
    recordOwner: ({ fields }) => authoriseNetwork(allowed, fields.networkKey),
    asStandard: (body) => body,
    asSent: (listing) => listing,
  };
}
