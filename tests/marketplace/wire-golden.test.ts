// The client against the golden exchanges (tests/fixtures/marketplace/):
// the real client, both connections, sends fixed drafts and a fixed learning
// record to a capturing HTTP server, and what arrives (method, path, the
// gateway's headers, body) must equal the golden request; the golden error
// answers must become the app's errors the docs name; and wire.ts's own
// schemas must accept the golden bodies and refuse the golden bad ones on the
// same fields. So a wrong change to wire.ts (a renamed field, a dropped
// limit) fails here, even though the sandbox no longer shares its code.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMarketplaceClient, type CallOutcome, type MarketplaceClient } from '../../electron/main/marketplace/marketplace-client';
import { networkDialect } from '../../electron/main/marketplace/network';
import { gatewayDialect } from '../../electron/main/marketplace/gateway';
import { WireOffering, WireOnlineOffering, changedFields, toWire } from '../../electron/main/marketplace/wire';
import { WireLearningRecord, toRecordWire, type RecordFacts } from '../../electron/main/marketplace/record-wire';
import { emptyDraft, type OfferingDraft } from '../../shared/offering';
import { EMPTY_LEARNER } from '../../shared/learner';
import { goldens, golden, GOLDEN_NETWORK_KEY, GOLDEN_PROGRAM_IDS, GOLDEN_SUBSCRIPTION_KEY, GOLDEN_TOKEN, type Golden, type GoldenDialect, type GoldenRequest } from '../support/golden';

// The drafts behind the golden bodies, as a person would type them in the form.
const CLASS_DRAFT: OfferingDraft = {
  ...emptyDraft('class'),
  offeringId: 'wah-e-i-2027-04-14-k7q2',
  trainingStandardKey: 'WAH-E-I',
  courseName: '  Working at Heights — full day ',
  seatsRemaining: 12,
  price: 149.5,
  address: { street: '100 Queen St W', extended: '', city: 'Toronto', province: 'ON', postalCode: 'm5h2n2' },
  classDays: [{ date: '2027-04-14', start: '08:30', end: '16:30' }],
  registrationUrl: 'https://training.example.ca/register/wah',
};
const CLASS_CHANGED: OfferingDraft = { ...CLASS_DRAFT, seatsRemaining: 4, contactForPricing: true };
const ONLINE_DRAFT: OfferingDraft = {
  ...emptyDraft('online'),
  offeringId: 'jhsc-online-2027-k7q2',
  trainingStandardKey: 'JHSC-2014-1-E-O',
  courseName: 'JHSC Part One — online',
  price: 199,
  courseDurationHours: 2.5,
  registrationUrl: 'https://training.example.ca/register/jhsc-online',
};
const ONLINE_CHANGED: OfferingDraft = { ...ONLINE_DRAFT, courseDurationHours: 4, price: 179 };
const RECORD: RecordFacts = {
  learningRecordId: '9b1f0c6e-4d7a-4c55-9a0e-0f3c2d1e7a11',
  trainingStandardKey: 'WAH-E-I',
  completionDate: '2027-04-14T20:30:00.000Z',
  externalClassId: 'wah-e-i-2027-04-14-k7q2',
  instructorNames: ['Jordan Smith', ' Marie-Ève Gagnon'],
  evaluatorNames: ['Marie-Ève Gagnon'],
  learner: {
    ...EMPTY_LEARNER,
    learnerId: 'L-3F9A1C07B2',
    firstName: 'Amélie',
    lastName: 'Tremblay',
    email: 'amelie.tremblay@example.ca',
    birthYear: 1991,
    mobilePhone: '416-555-0142',
    homePhone: '905-555-0100',
    address: { street: '12 rue Principale', extended: '', city: 'Gatineau', province: 'QC', postalCode: 'j8x1a1' },
    employerName: 'Constructions Tremblay',
    employerContact: 'paie@example.ca',
  },
};

/** What the app calls for each golden success, from the drafts above. */
const CALLS: Record<string, (client: MarketplaceClient) => Promise<CallOutcome>> = {
  'class/add': (c) => c.add(toWire(CLASS_DRAFT)),
  'class/patch': (c) => c.patch('class', CLASS_DRAFT.offeringId, changedFields(toWire(CLASS_DRAFT), toWire(CLASS_CHANGED))),
  'class/delete': (c) => c.remove('class', CLASS_DRAFT.offeringId),
  'online/add': (c) => c.add(toWire(ONLINE_DRAFT)),
  'online/patch': (c) => c.patch('online', ONLINE_DRAFT.offeringId, changedFields(toWire(ONLINE_DRAFT), toWire(ONLINE_CHANGED))),
  'online/delete': (c) => c.remove('online', ONLINE_DRAFT.offeringId),
  'record/add': (c) => c.addRecord(toRecordWire(RECORD)),
};

/** An HTTP server that keeps what arrives and answers with the golden response it is given. */
async function capturingServer(t: TestContext) {
  const received: GoldenRequest[] = [];
  let answer: Golden['response'] = { status: 500 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(['authorization', 'key'].filter((h) => req.headers[h] !== undefined).map((h) => [h, String(req.headers[h])]));
      received.push({
        method: req.method as GoldenRequest['method'],
        path: req.url ?? '',
        ...(Object.keys(headers).length ? { headers } : {}),
        ...(text === '' ? {} : { body: JSON.parse(text) as Record<string, unknown> }),
      });
      if (answer.body === undefined) res.writeHead(answer.status).end();
      else res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    answerWith: (response: Golden['response']) => void (answer = response),
  };
}

function clientFor(dialect: GoldenDialect, url: string): MarketplaceClient {
  if (dialect === 'network') return createMarketplaceClient({ dialect: networkDialect({ baseUrl: `${url}/api-v2`, getKey: async () => GOLDEN_NETWORK_KEY }), timeoutMs: 2000 });
  const programIds = Object.fromEntries(Object.entries(GOLDEN_PROGRAM_IDS).map(([programId, standard]) => [standard, programId]));
  return createMarketplaceClient({
    dialect: gatewayDialect({
      baseUrl: `${url}/gateway`,
      tokens: { token: async () => ({ token: GOLDEN_TOKEN, expiresAt: Number.MAX_SAFE_INTEGER }), invalidate: () => {} },
      getSubscriptionKey: async () => GOLDEN_SUBSCRIPTION_KEY,
      programIds: () => programIds,
      getNetworkKey: async () => GOLDEN_NETWORK_KEY,
    }),
    timeoutMs: 2000,
  });
}

for (const dialect of ['network', 'gateway'] as const) {
  for (const [name, call] of Object.entries(CALLS)) {
    test(`${dialect} client sends exactly the golden ${name}`, async (t) => {
      const g = golden(dialect, name);
      const server = await capturingServer(t);
      server.answerWith(g.response);
      const outcome = await call(clientFor(dialect, server.url));
      assert.deepEqual(server.received, [g.request]);
      assert.deepEqual([outcome.ok, outcome.status], [true, g.response.status]);
    });
  }

  test(`${dialect} client makes each golden error answer the app's error the docs name`, async (t) => {
    const server = await capturingServer(t);
    const client = clientFor(dialect, server.url);
    const errors = goldens(dialect).filter((g) => g.client);
    assert.ok(errors.length >= 3, `${dialect} has golden errors`);
    for (const g of errors) {
      server.answerWith(g.response);
      const [resource, action] = g.name.split('/') as [string, string];
      const kind = resource === 'online' ? 'online' : 'class';
      const draft = kind === 'online' ? ONLINE_DRAFT : CLASS_DRAFT;
      const outcome =
        resource === 'record'
          ? await client.addRecord(toRecordWire(RECORD))
          : action.startsWith('add')
            ? await client.add(toWire(draft))
            : action.startsWith('patch')
              ? await client.patch(kind, draft.offeringId, { seatsRemaining: 4 })
              : await client.remove(kind, draft.offeringId);
      assert.equal(outcome.ok, false, g.name);
      const failed = outcome as Extract<CallOutcome, { ok: false }>;
      assert.equal(failed.status, g.response.status, g.name);
      assert.equal(failed.error.code, g.client!.code, g.name);
      assert.equal(failed.error.marketplaceCode, (g.response.body as { code: string }).code, g.name);
      if (g.client!.fields) assert.deepEqual(failed.error.fields?.map((f) => f.path), g.client!.fields, g.name);
    }
  });
}

test("wire.ts's schemas accept the golden bodies and refuse the golden bad ones on the golden fields", () => {
  const schemaOf = (g: Golden) => (g.name.startsWith('record/') ? WireLearningRecord : g.name.startsWith('online/') ? WireOnlineOffering : WireOffering);
  // Adds of the network API refused for their body alone (not for what the Marketplace holds).
  const adds = goldens('network').filter((g) => g.request.method === 'POST' && (g.response.status < 300 || /does not match the schema/.test(String((g.response.body as { message?: string }).message))));
  assert.ok(adds.length >= 7, 'good and bad adds of both offerings and of a record');
  for (const g of adds) {
    const { networkKey: _key, ...body } = g.request.body!;
    const parsed = schemaOf(g).safeParse(body);
    if (g.response.status < 300) {
      assert.ok(parsed.success, `${g.name}: ${JSON.stringify(parsed.error?.issues)}`);
      assert.deepEqual(parsed.data, body, g.name);
    } else {
      assert.equal(parsed.success, false, `${g.name} must be refused by wire.ts too`);
      const golden = (g.response.body as { details: { path: string; message: string }[] }).details;
      assert.deepEqual(
        parsed.error!.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        golden,
        g.name,
      );
    }
  }
});
