// The golden Marketplace exchanges (tests/fixtures/marketplace/<dialect>/<resource>/<case>.json),
// written from docs/marketplace-api.md: what the client must send, and what
// the Marketplace answers. The client's tests assert its bodies equal them; the
// sandbox's tests replay them and assert its answers equal them. Neither side
// reads the other's code to agree.
import fs from 'node:fs';
import path from 'node:path';

export type GoldenDialect = 'network' | 'gateway';

export interface GoldenRequest {
  method: 'POST' | 'PATCH' | 'DELETE';
  /** Base path included, query included (a network delete carries its key there). */
  path: string;
  headers?: Record<string, string>;
  body?: Record<string, unknown>;
}

/** A fixture to send first, by name (`class/add`), optionally as another provider. */
export type GoldenGiven = string | { fixture: string; networkKey: string };

export interface Golden {
  /** `class/add`, `record/add-invalid`… */
  name: string;
  dialect: GoldenDialect;
  description: string;
  given?: GoldenGiven[];
  request: GoldenRequest;
  response: { status: number; body?: unknown };
  /** What the client makes of the answer (docs: Errors): the app's error code and the form fields the details land on. */
  client?: { code: string; fields?: string[] };
}

export const GOLDEN_DIR = path.join(import.meta.dirname, '..', 'fixtures', 'marketplace');
export const GOLDEN_NETWORK_KEY = 'golden-network-key';
export const GOLDEN_OTHER_NETWORK_KEY = 'golden-other-network-key';
export const GOLDEN_TOKEN = 'golden-token';
export const GOLDEN_SUBSCRIPTION_KEY = 'golden-subscription-key';
/** The gateway provider's approved program IDs in the fixtures. */
export const GOLDEN_PROGRAM_IDS = { 'WAH-10083': 'WAH-E-I', 'JHSC-2014-1-10097': 'JHSC-2014-1-E-O' } as const;

export function goldens(dialect: GoldenDialect): Golden[] {
  const root = path.join(GOLDEN_DIR, dialect);
  const out: Golden[] = [];
  for (const resource of fs.readdirSync(root).sort()) {
    for (const file of fs.readdirSync(path.join(root, resource)).sort()) {
      const name = `${resource}/${file.replace(/\.json$/, '')}`;
      out.push({ name, dialect, ...(JSON.parse(fs.readFileSync(path.join(root, resource, file), 'utf8')) as Omit<Golden, 'name' | 'dialect'>) });
    }
  }
  return out;
}

export function golden(dialect: GoldenDialect, name: string): Golden {
  const found = goldens(dialect).find((g) => g.name === name);
  if (!found) throw new Error(`No golden fixture ${dialect}/${name}`);
  return found;
}

/** The request of `given`, as another provider when it says so (the key in the body and in a delete's query). */
export function givenRequest(dialect: GoldenDialect, given: GoldenGiven): GoldenRequest {
  const name = typeof given === 'string' ? given : given.fixture;
  const request = golden(dialect, name).request;
  if (typeof given === 'string') return request;
  return {
    ...request,
    path: request.path.replace(`networkKey=${GOLDEN_NETWORK_KEY}`, `networkKey=${given.networkKey}`),
    ...(request.body ? { body: { ...request.body, networkKey: given.networkKey } } : {}),
  };
}
