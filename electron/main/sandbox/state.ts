// What the sandbox holds: each provider's class and online listings, which
// provider owns each offering id and learning record id, and the records
// received since it started. Kept, when given a file, in that JSON file (the
// app's embedded sandbox survives a restart). Providers are keyed by a hash
// of their network key (or client id), so the file never holds a key in the clear.
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { PRIVATE_FILE_MODE } from '../platform/private-files';
import type { LearningRecord, Listing, Resource } from './contract';

/** The file's entry for learning record ids (never their learners: the embedded sandbox's file sits in the app's data folder). */
const RECORD_IDS_ENTRY = '__learningRecordIds';

type Listings = Record<Resource, Map<string, Listing>>;

export const keyId = (owner: string) => createHash('sha256').update(owner).digest('hex');

export function createSandboxState(file: string | undefined) {
  const store = new Map<string, Listings>(); // owner hash → listings
  const owners = new Map<string, string>(); // `${resource}:${offeringId}` → owner hash
  const recordOwners = new Map<string, string>(); // learningRecordId → owner hash
  const records = new Map<string, LearningRecord[]>(); // owner hash → records, in order

  function listingsOf(key: string): Listings {
    let m = store.get(key);
    if (!m) store.set(key, (m = { class: new Map(), online: new Map() }));
    return m;
  }

  if (file && fs.existsSync(file)) {
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Listing[] | Record<Resource, Listing[]>>;
    for (const [key, value] of Object.entries(saved)) {
      if (key === RECORD_IDS_ENTRY) {
        for (const [owner, ids] of Object.entries(value as unknown as Record<string, string[]>)) for (const id of ids) recordOwners.set(id, owner);
        continue;
      }
      // Files written before online offerings held an array of class offerings.
      const byResource: Record<Resource, Listing[]> = Array.isArray(value) ? { class: value, online: [] } : value;
      for (const resource of ['class', 'online'] as const) {
        for (const o of byResource[resource] ?? []) {
          listingsOf(key)[resource].set(o.offeringId, o);
          owners.set(`${resource}:${o.offeringId}`, key);
        }
      }
    }
  }

  return {
    /** The owner hash of an offering id, if it is listed. */
    ownerOf: (resource: Resource, offeringId: string) => owners.get(`${resource}:${offeringId}`),
    listing: (key: string, resource: Resource, offeringId: string) => listingsOf(key)[resource].get(offeringId)!,
    /** Lists (or replaces) an offering as this owner's. */
    put(key: string, resource: Resource, offeringId: string, listing: Listing): void {
      owners.set(`${resource}:${offeringId}`, key);
      listingsOf(key)[resource].set(offeringId, listing);
    },
    remove(key: string, resource: Resource, offeringId: string): void {
      listingsOf(key)[resource].delete(offeringId);
      owners.delete(`${resource}:${offeringId}`);
    },
    recordOwnerOf: (learningRecordId: string) => recordOwners.get(learningRecordId),
    addRecord(key: string, record: LearningRecord): void {
      recordOwners.set(record.learningRecordId, key);
      records.set(key, [...(records.get(key) ?? []), record]);
    },
    /** One owner's listings, or every owner's (`key` null). */
    listings: (key: string | null, resource: Resource): Listing[] =>
      key !== null ? [...(store.get(key)?.[resource].values() ?? [])] : [...store.values()].flatMap((m) => [...m[resource].values()]),
    records: (key: string | null): LearningRecord[] => (key !== null ? [...(records.get(key) ?? [])] : [...records.values()].flat()),
    persist(): void {
      if (!file) return;
      const data: Record<string, unknown> = Object.fromEntries([...store.entries()].map(([k, m]) => [k, { class: [...m.class.values()], online: [...m.online.values()] }]));
      const ids: Record<string, string[]> = {};
      for (const [id, owner] of recordOwners) (ids[owner] ??= []).push(id);
      data[RECORD_IDS_ENTRY] = ids;
      fs.writeFileSync(`${file}.tmp`, JSON.stringify(data), { mode: PRIVATE_FILE_MODE });
      fs.renameSync(`${file}.tmp`, file);
    },
  };
}

export type SandboxState = ReturnType<typeof createSandboxState>;
