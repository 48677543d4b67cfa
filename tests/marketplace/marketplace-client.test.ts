import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox } from '../../electron/main/sandbox/sandbox-server';
import { retryAfterSeconds, type CallOutcome } from '../../electron/main/marketplace/marketplace-client';
import { changedFields, formPathFor } from '../../electron/main/marketplace/wire';
import { ontarioToUtc } from '../../shared/time';
import { validDraft, networkKey, networkClient, classWire } from '../support/helpers';

function failed(outcome: CallOutcome) {
  assert.equal(outcome.ok, false, 'expected a failure');
  return outcome as Extract<CallOutcome, { ok: false }>;
}

test('add, patch with only the changed fields, and delete against the sandbox over HTTP', async (t) => {
  const key = networkKey();
  const sandbox = await startSandbox({ keys: [key] });
  t.after(() => sandbox.close());
  const client = (key: string) => networkClient(sandbox.baseUrl, key);

  const draft = validDraft();
  const wire = classWire(draft);
  const added = await client(key).add(wire);
  assert.deepEqual([added.ok, added.status, JSON.parse(added.raw ?? '')], [true, 201, wire]);
  assert.deepEqual(sandbox.listings(key), [wire]);
  assert.equal(wire.address?.['postal-code'], 'M5H 2N2', 'postal code normalised on the wire');
  assert.equal(wire.events[0]!.start, ontarioToUtc(draft.classDays[0]!.date, '08:30'));

  const next = classWire({ ...draft, seatsRemaining: 4 });
  const fields = changedFields(wire, next);
  assert.deepEqual(fields, { seatsRemaining: 4 });
  assert.equal((await client(key).patch('class', wire.offeringId, fields)).ok, true);
  assert.equal(sandbox.listings(key)[0]!.seatsRemaining, 4);
  assert.deepEqual(sandbox.requests().at(-1), { method: 'PATCH', path: `/api-v2/class-offerings/${wire.offeringId}`, body: { seatsRemaining: 4 }, status: 204 });

  assert.deepEqual(await client(key).remove('class', wire.offeringId), { ok: true, status: 204, raw: '' });
  assert.deepEqual(sandbox.listings(key), []);
});

test('a patch that drops an optional field sends it as null, and the Marketplace removes it', async (t) => {
  const key = networkKey();
  const sandbox = await startSandbox();
  t.after(() => sandbox.close());
  const client = (key: string) => networkClient(sandbox.baseUrl, key);
  const draft = validDraft();
  const wire = classWire(draft);
  await client(key).add(wire);
  const fields = changedFields(wire, classWire({ ...draft, contactForPricing: true }));
  assert.deepEqual(fields, { contactForPricing: true, price: null });
  assert.equal((await client(key).patch('class', wire.offeringId, fields)).ok, true);
  assert.equal('price' in sandbox.listings(key)[0]!, false);
});

test('every Marketplace error is mapped to a typed error a person can act on', async (t) => {
  const key = networkKey();
  const other = networkKey();
  const sandbox = await startSandbox({ keys: [key, other] });
  t.after(() => sandbox.close());
  const client = (key: string) => networkClient(sandbox.baseUrl, key, 300);
  const wire = classWire(validDraft());

  const unauthorized = failed(await client('not-a-known-key').add(wire));
  assert.equal(unauthorized.status, 401);
  assert.equal(unauthorized.error.code, 'marketplace-unauthorized');
  assert.equal(unauthorized.error.marketplaceCode, 'unauthorized');
  assert.match(unauthorized.error.message, /Check the key in Settings/);

  const invalid = failed(await client(key).add({ ...wire, events: [{ start: wire.events[0]!.end, end: wire.events[0]!.start }], externalRegistrationUrl: 'http://x.example' }));
  assert.equal(invalid.status, 400);
  assert.equal(invalid.error.code, 'marketplace-invalid');
  assert.deepEqual(invalid.error.fields?.map((f) => f.path).sort(), ['classDays.0.end', 'registrationUrl']);

  const mismatch = failed(await client(key).add({ ...wire, deliveryMethod: 'virtual' }));
  assert.deepEqual(mismatch.error.fields?.map((f) => [f.path, f.message]), [
    ['trainingStandardKey', 'must be in-person for WAH-E-I'],
    ['virtualClassUrl', 'is required for virtual classes'],
  ]);

  assert.equal((await client(key).add(wire)).ok, true);
  const conflict = failed(await client(key).add(wire));
  assert.deepEqual([conflict.status, conflict.error.code, conflict.error.marketplaceCode], [409, 'marketplace-conflict', 'general']);

  const forbidden = failed(await client(other).patch('class', wire.offeringId, { seatsRemaining: 1 }));
  assert.deepEqual([forbidden.status, forbidden.error.code], [403, 'marketplace-forbidden']);

  const notFound = failed(await client(key).patch('class', 'never-listed', { seatsRemaining: 1 }));
  assert.deepEqual([notFound.status, notFound.error.code, notFound.error.marketplaceCode], [404, 'marketplace-not-found', 'notFound']);

  sandbox.setFaults({ rateLimit: 1, retryAfterSeconds: 7 });
  const limited = failed(await client(key).patch('class', wire.offeringId, { seatsRemaining: 1 }));
  assert.deepEqual([limited.status, limited.error.code, limited.error.retryAfterSeconds], [429, 'marketplace-rate-limited', 7]);

  sandbox.setFaults({ rateLimit: 0, error503: 1 });
  const server = failed(await client(key).patch('class', wire.offeringId, { seatsRemaining: 1 }));
  assert.deepEqual([server.status, server.error.code], [503, 'marketplace-server']);

  sandbox.setFaults({ error503: 0, timeout: 1 });
  const timeout = failed(await client(key).patch('class', wire.offeringId, { seatsRemaining: 1 }));
  assert.deepEqual([timeout.status, timeout.error.code], [null, 'marketplace-timeout']);

  sandbox.setFaults({ timeout: 0, resetAfterApply: 1 });
  const reset = failed(await client(key).patch('class', wire.offeringId, { seatsRemaining: 2 }));
  assert.deepEqual([reset.status, reset.error.code], [null, 'marketplace-unreachable']);
  assert.equal(sandbox.listings(key)[0]!.seatsRemaining, 2, 'the reset came after the change was applied');

  await sandbox.close();
  const unreachable = failed(await client(key).remove('class', wire.offeringId));
  assert.equal(unreachable.error.code, 'marketplace-unreachable');
  assert.match(unreachable.error.message, /ECONNREFUSED/);
});

test('an unknown or non-JSON error body is kept raw, never a crash', async (t) => {
  const server = http.createServer((req, res) => {
    if (req.url?.includes('json')) res.writeHead(418, { 'content-type': 'application/json' }).end('{"error":"teapot"}');
    else res.writeHead(502, { 'content-type': 'text/html' }).end('<html><body>Bad gateway</body></html>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => server.close());
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const html = failed(await networkClient(base, 'k').remove('class', 'x'));
  assert.deepEqual([html.status, html.error.code, html.error.raw], [502, 'marketplace-server', '<html><body>Bad gateway</body></html>']);
  const odd = failed(await networkClient(`${base}/json`, 'k').remove('class', 'x'));
  assert.deepEqual([odd.status, odd.error.code, odd.error.raw], [418, 'marketplace-unknown', '{"error":"teapot"}']);
  assert.match(odd.error.message, /unexpected way \(HTTP 418\)/);
});

test('the sandbox validates requests strictly', async (t) => {
  const key = networkKey();
  const sandbox = await startSandbox();
  t.after(() => sandbox.close());
  const post = (body: string) => fetch(`${sandbox.baseUrl}/class-offerings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const wire = classWire(validDraft());

  const notJson = await post('{nope');
  assert.equal(notJson.status, 400);
  assert.deepEqual(await notJson.json(), { code: 'invalid', message: 'The request body is not valid JSON.' });

  const noKey = await post(JSON.stringify(wire));
  assert.equal(noKey.status, 401);

  const extra = await post(JSON.stringify({ networkKey: key, ...wire, colour: 'blue' }));
  assert.equal(extra.status, 400);
  assert.match(JSON.stringify(await extra.json()), /colour/);

  const noMillis = await post(JSON.stringify({ networkKey: key, ...wire, events: [{ start: '2027-03-10T12:30:00Z', end: '2027-03-10T20:30:00Z' }] }));
  assert.equal(noMillis.status, 400);
  assert.deepEqual((await noMillis.json()).details.map((d: { path: string }) => d.path), ['events.0.start', 'events.0.end']);

  const noPrice = await post(JSON.stringify({ networkKey: key, ...wire, price: undefined }));
  assert.equal(noPrice.status, 400);
  assert.equal(sandbox.listings(key).length, 0, 'nothing invalid was stored');
});

test('wire paths land on form fields, and Retry-After is read as seconds or a date', () => {
  assert.equal(formPathFor('events.2.end'), 'classDays.2.end');
  assert.equal(formPathFor('events.0'), 'classDays.0.date');
  assert.equal(formPathFor('address.postal-code'), 'address.postalCode');
  assert.equal(formPathFor('externalRegistrationUrl'), 'registrationUrl');
  assert.equal(retryAfterSeconds('120'), 120);
  assert.equal(retryAfterSeconds(new Date(Date.parse('2026-11-27T10:00:30Z')).toUTCString(), Date.parse('2026-11-27T10:00:00Z')), 30);
  assert.equal(retryAfterSeconds('soon'), undefined);
});
