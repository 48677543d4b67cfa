// Real parts for tests: a fresh data folder, a sandbox Marketplace on port 0,
// a keychain service name of the test's own, and a valid draft.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { OfferingDraft } from '../../shared/offering';
import { emptyDraft } from '../../shared/offering';
import { createMarketplaceClient, type MarketplaceClient } from '../../electron/main/marketplace/marketplace-client';
import { networkDialect } from '../../electron/main/marketplace/network';
import { toWire, type WireOffering } from '../../electron/main/marketplace/wire';

export function tempDir(prefix = 'offering-desk-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function uniqueKeychainService(): string {
  return `Offering Desk test ${randomBytes(6).toString('hex')}`;
}

export function networkKey(): string {
  return `NK-${randomBytes(12).toString('hex')}`;
}

/** Next year's date, so class days are never in the past. */
export function futureDate(monthDay: string): string {
  return `${new Date().getFullYear() + 1}-${monthDay}`;
}

export function validDraft(overrides: Partial<OfferingDraft> = {}): OfferingDraft {
  return {
    ...emptyDraft(),
    offeringId: `wah-${randomBytes(3).toString('hex')}`,
    trainingStandardKey: 'WAH-E-I',
    courseName: 'Working at Heights — full day',
    seatsRemaining: 12,
    price: 149.5,
    address: { street: '100 Queen St W', extended: '', city: 'Toronto', province: 'ON', postalCode: 'm5h2n2' },
    classDays: [{ date: futureDate('03-10'), start: '08:30', end: '16:30' }],
    registrationUrl: 'https://training.example.ca/register/wah',
    ...overrides,
  };
}

/** Every file under `dir`, read as bytes, that contains `needle`. */
export function filesContaining(dir: string, needle: string): string[] {
  const hits: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (fs.readFileSync(p).includes(Buffer.from(needle))) hits.push(p);
    }
  };
  walk(dir);
  return hits;
}

export async function waitFor<T>(check: () => T | Promise<T>, { timeoutMs = 10_000, intervalMs = 25, what = 'condition' } = {}): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** A network-API client that sends `key`, as the app's connection would with that key in the keychain. */
export function networkClient(baseUrl: string, key: string, timeoutMs?: number): MarketplaceClient {
  return createMarketplaceClient({ dialect: networkDialect({ baseUrl, getKey: async () => key }), ...(timeoutMs ? { timeoutMs } : {}) });
}

/** The class-offering body of a class draft (toWire answers the union of both kinds). */
export function classWire(draft: OfferingDraft): WireOffering {
  return toWire(draft) as WireOffering;
}

/** A valid online offering (JHSC Part One as e-learning). */
export function validOnlineDraft(overrides: Partial<OfferingDraft> = {}): OfferingDraft {
  return {
    ...emptyDraft('online'),
    offeringId: `jhsc-online-${randomBytes(3).toString('hex')}`,
    trainingStandardKey: 'JHSC-2014-1-E-O',
    courseName: 'JHSC Part One — online',
    price: 199,
    courseDurationHours: 2.5,
    registrationUrl: 'https://training.example.ca/register/jhsc-online',
    ...overrides,
  };
}
