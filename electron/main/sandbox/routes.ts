// The Marketplace's routes as both dialects share them: offerings added,
// patched and deleted by the provider that listed them, and learning records
// added once each. What differs by dialect (paths, who the caller is, what
// trainingStandardKey holds) is the Dialect's (routes-network, routes-gateway).
import type http from 'node:http';
import { addBody, patchBody, applyPatch, LearningRecord, type Listing, type Resource } from './contract';
import { fail, issuesToDetails, type Answer } from './answer';
import type { Faults } from './faults';
import type { SandboxState } from './state';

export type SandboxDialect = 'network' | 'gateway';

export interface Call {
  method: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  /** The body's fields, networkKey included. */
  fields: Record<string, unknown>;
}

/** Where a dialect's API lives: its base path, its offering collections and its learning records, under it. */
export interface DialectPaths {
  basePath: string;
  collections: Record<Resource, string>;
  records: string;
}

export interface Dialect {
  name: SandboxDialect;
  paths: DialectPaths;
  /** Whether offering bodies carry the provider's networkKey. */
  bodiesCarryKey: boolean;
  /** The owner (hashed) a call on offerings is made for, or an HttpFailure 401. */
  offeringOwner(call: Call): string;
  /** The owner (hashed) a learning record is added for, or an HttpFailure 401. */
  recordOwner(call: Call): string;
  /** The body with trainingStandardKey as the standard it stands for, to validate. */
  asStandard(body: Record<string, unknown>): Record<string, unknown>;
  /** The listing as kept: with the trainingStandardKey that was sent. */
  asSent(listing: Listing, sent: unknown): Listing;
}

const what = (resource: Resource) => (resource === 'online' ? 'online offering' : 'class offering');

function route({ basePath, collections }: DialectPaths, path: string): { resource: Resource; id: string | null } | null {
  for (const resource of ['class', 'online'] as const) {
    const collection = `${basePath}/${collections[resource]}`;
    if (path === collection) return { resource, id: null };
    if (path.startsWith(`${collection}/`)) {
      try {
        return { resource, id: decodeURIComponent(path.slice(collection.length + 1)) };
      } catch {
        throw fail(400, 'invalid', 'The offering id in the path is not valid.');
      }
    }
  }
  return null;
}

function ownedListing(state: SandboxState, key: string, resource: Resource, id: string): Listing {
  const owner = state.ownerOf(resource, id);
  if (owner === undefined) throw fail(404, 'notFound', `No ${what(resource)} ${id}.`);
  if (owner !== key) throw fail(403, 'forbidden', `The ${what(resource)} ${id} belongs to another provider.`);
  return state.listing(key, resource, id);
}

/**
 * A learning record: add only, strictly validated, for a class offering this
 * provider listed; a second record with the same learningRecordId is refused
 * with 409 (the client counts that as already done).
 */
function addRecord(dialect: Dialect, state: SandboxState, call: Call): Answer {
  const key = dialect.recordOwner(call);
  const { networkKey: _key, ...record } = call.fields;
  const parsed = LearningRecord.safeParse(dialect.asStandard(record));
  if (!parsed.success) throw fail(400, 'invalid', 'The learning record does not match the schema.', issuesToDetails(parsed.error));
  if (state.ownerOf('class', parsed.data.externalClassId) !== key) throw fail(400, 'invalid', 'The learning record does not match a class.', [{ path: 'externalClassId', message: 'is not a class offering you listed' }]);
  const existing = state.recordOwnerOf(parsed.data.learningRecordId);
  if (existing !== undefined && existing !== key) throw fail(403, 'forbidden', 'This learning record id belongs to another provider.');
  if (existing !== undefined) throw fail(409, 'general', `The learning record ${parsed.data.learningRecordId} already exists; it cannot be changed through the API.`);
  const stored = dialect.asSent(parsed.data as unknown as Listing, record.trainingStandardKey) as unknown as LearningRecord;
  state.addRecord(key, stored);
  return { status: 201, body: { learningRecordId: stored.learningRecordId } };
}

/** The answer to a call on the Marketplace's API, or an HttpFailure thrown. */
export function handle(dialect: Dialect, state: SandboxState, faults: Faults, method: string, path: string, query: URLSearchParams, headers: http.IncomingHttpHeaders, body: unknown): Answer {
  const fields = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const call: Call = { method, query, headers, fields };
  if (path === `${dialect.paths.basePath}/${dialect.paths.records}`) {
    if (method !== 'POST') throw fail(405, 'general', 'Learning records can only be added.');
    return addRecord(dialect, state, call);
  }
  const target = route(dialect.paths, path);
  if (!target) throw fail(404, 'notFound', `No route ${method} ${path}.`);
  const { resource } = target;
  const targetId = target.id ?? fields.offeringId;
  if (typeof targetId === 'string' && faults.rejectOfferingIds.includes(targetId)) {
    throw fail(400, 'invalid', `The ${what(resource)} does not match the schema.`, [{ path: 'courseName', message: 'rejected by the sandbox (injected fault)' }]);
  }
  if (target.id === null && method === 'POST') {
    const key = dialect.offeringOwner(call);
    const parsed = addBody(resource, dialect.bodiesCarryKey).safeParse(dialect.asStandard(fields));
    if (!parsed.success) throw fail(400, 'invalid', `The ${what(resource)} does not match the schema.`, issuesToDetails(parsed.error));
    const { networkKey: _key, ...offering } = parsed.data as Listing & { networkKey?: string };
    const existing = state.ownerOf(resource, offering.offeringId);
    if (existing !== undefined && existing !== key) throw fail(403, 'forbidden', `The ${what(resource)} ${offering.offeringId} belongs to another provider.`);
    if (existing !== undefined) throw fail(409, 'general', `The ${what(resource)} ${offering.offeringId} already exists.`);
    const stored = dialect.asSent(offering as Listing, fields.trainingStandardKey);
    state.put(key, resource, offering.offeringId, stored);
    return { status: 201, body: stored };
  }
  if (target.id !== null && method === 'PATCH') {
    const key = dialect.offeringOwner(call);
    const parsed = patchBody(resource, dialect.bodiesCarryKey).safeParse(dialect.asStandard(fields));
    if (!parsed.success) throw fail(400, 'invalid', 'The patch does not match the schema.', issuesToDetails(parsed.error));
    const current = ownedListing(state, key, resource, target.id);
    const { networkKey: _key, ...changes } = parsed.data as Record<string, unknown>;
    const merged = applyPatch(resource, dialect.asStandard(current as Record<string, unknown>) as Listing, changes);
    if (!merged.success) throw fail(400, 'invalid', `The patched ${what(resource)} would not match the schema.`, issuesToDetails(merged.error));
    state.put(key, resource, target.id, dialect.asSent(merged.data, fields.trainingStandardKey ?? current.trainingStandardKey));
    return { status: 204 };
  }
  if (target.id !== null && method === 'DELETE') {
    const key = dialect.offeringOwner(call);
    ownedListing(state, key, resource, target.id);
    state.remove(key, resource, target.id);
    return { status: 204 };
  }
  throw fail(405, 'general', `${method} is not supported here.`);
}
