// The contract-driven fuzz test: valid requests generated from the zod
// contract itself, then broken the ways a clumsy or hostile client would,
// sent over the web bridge against a real catalogue with a saved key.
// OFFERING_DESK_FUZZ_RUNS=100000 npm test -- tests/ipc-fuzz.test.ts for a longer run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import fc from 'fast-check';
import { CHANNELS, contract, type Channel } from '../../shared/ipc';
import { bridgeWithServices } from '../support/bridge';
import { appState, type AppState } from '../support/state';
import { arbitraryFor, type JsonSchema } from '../support/arbitrary-from-schema';
import { networkKey, validDraft } from '../support/helpers';

const RUNS = Number(process.env.OFFERING_DESK_FUZZ_RUNS ?? 10_000);
const MAX_ANSWER_BYTES = 10 * 1024;

interface Call {
  kind: string;
  path: string;
  body: string;
}

/** Values that replace a raw JSON token after stringify: JSON itself cannot say NaN or nest 30,000 deep. */
const RAW = (i: number) => `\u0000RAW${i}\u0000`;

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  // defineProperty, so "__proto__" becomes an own key as it does in JSON.parse, not a prototype.
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
}

/** Every object or array inside `value`, with the parent path, so a mutation can land anywhere. */
function containers(value: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (value !== null && typeof value === 'object') {
    out.push(value as Record<string, unknown>);
    for (const v of Object.values(value)) containers(v, out);
  }
  return out;
}

const wrongValues: unknown[] = [42, -1, 0.5, 1e308, 'text', '', true, false, null, [], {}, [1, 'two'], { a: 1 }, '0', 'null', '<script>alert(1)</script>', "'; DROP TABLE offerings; --"];
const rawValues = ['NaN', 'Infinity', '-Infinity', '1e999', '-1e999', '0x10', 'undefined', '01'];
const extraKeys = ['__proto__', 'constructor', 'prototype', 'admin', 'toString', 'hasOwnProperty', ''];

type Mutation = 'wrong-type' | 'drop-key' | 'extra-key' | 'raw-number' | 'huge-string' | 'deep';

function mutate(request: unknown, mutation: Mutation, pick: number, size: number): string {
  const copy = JSON.parse(JSON.stringify(request)) as Record<string, unknown>;
  const places = containers(copy);
  const target = places[pick % places.length]!;
  const keys = Object.keys(target);
  const key = keys.length > 0 ? keys[pick % keys.length]! : Array.isArray(target) ? '0' : 'x';
  const raws: string[] = [];
  const raw = (text: string) => {
    raws.push(text);
    return RAW(raws.length - 1);
  };
  switch (mutation) {
    case 'wrong-type':
      setOwn(target, key, wrongValues[pick % wrongValues.length]);
      break;
    case 'drop-key':
      if (Array.isArray(target)) target.length = 0;
      else delete target[key];
      break;
    case 'extra-key':
      setOwn(target, extraKeys[pick % extraKeys.length]!, wrongValues[size % wrongValues.length]);
      break;
    case 'raw-number':
      setOwn(target, key, raw(rawValues[pick % rawValues.length]!));
      break;
    case 'huge-string':
      // Mostly 1–100 KB; one in 25 just under the 1 MB body cap, one in 25 over it (413).
      setOwn(target, key, 'x'.repeat(size % 25 === 0 ? 1_100_000 : size % 25 === 1 ? 1_000_000 : 1000 + (size % 100_000)));
      break;
    case 'deep': {
      const depth = 100 + (size % 10_000);
      setOwn(target, key, raw(pick % 2 ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`));
      break;
    }
  }
  let text = JSON.stringify(copy);
  raws.forEach((r, i) => (text = text.replace(JSON.stringify(RAW(i)), r)));
  return text;
}

test(`${RUNS.toLocaleString('en')} generated and mutated IPC calls: the process stays up, no 5xx, no leaks, and a refused call changes nothing`, { timeout: 15 * 60_000 }, async (t) => {
  const { url, token, services, unexpected } = await bridgeWithServices(t);
  await services.credentials.setKey(networkKey());
  const listed = services.catalogue.publish(null, validDraft());
  services.catalogue.save(null, validDraft({ courseName: 'Sécurité — Trois-Rivières' }));
  services.backups.create();
  await services.queue.drain();
  assert.equal(services.catalogue.get(listed.id).status, 'published');

  // Ids that exist make valid calls reach deep into the handlers, not just "not found".
  const ids = () => services.catalogue.list().map((r) => r.id);
  const knownId = fc.oneof(fc.nat().map((i) => ids()[i % Math.max(1, ids().length)] ?? 'none'), fc.string({ minLength: 1, maxLength: 64 }));
  const overrides = {
    id: knownId,
    'ids[]': knownId,
    // Only the embedded sandbox: a generated URL must never send anything off this machine.
    marketplaceUrl: fc.constant(''),
    gatewayBaseUrl: fc.constant(''),
    gatewayTokenUrl: fc.constant(''),
    // Repeat weekly up to 52 times is valid, but would grow the catalogue (and the cost of every state check) fast.
    weeks: fc.integer({ min: 1, max: 3 }),
  };
  const requestFor = Object.fromEntries(
    CHANNELS.map((c) => [c, arbitraryFor(z.toJSONSchema(contract[c].request, { io: 'input', unrepresentable: 'any' }) as JsonSchema, overrides)]),
  ) as Record<Channel, fc.Arbitrary<unknown>>;
  const validRequest = fc.constantFrom(...CHANNELS).chain((channel) => requestFor[channel].map((request) => ({ channel, request })));
  const api = (channel: string) => `/api/${encodeURIComponent(channel)}`;

  const call: fc.Arbitrary<Call> = fc.oneof(
    { weight: 2, arbitrary: validRequest.map(({ channel, request }) => ({ kind: 'valid', path: api(channel), body: JSON.stringify(request) })) },
    {
      weight: 6,
      arbitrary: fc
        .tuple(validRequest, fc.constantFrom<Mutation>('wrong-type', 'drop-key', 'extra-key', 'raw-number', 'huge-string', 'deep'), fc.nat(), fc.nat())
        .map(([{ channel, request }, mutation, pick, size]) => ({ kind: mutation, path: api(channel), body: mutate(request, mutation, pick, size) })),
    },
    { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 200 }), fc.constantFrom('{}', '')).map(([channel, body]) => ({ kind: 'unknown-channel', path: api(channel), body })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(validRequest, fc.nat(), fc.constantFrom('', '}', '{', '\u0000', '"', ',', 'garbage'))
        .map(([{ channel, request }, cut, tail]) => {
          const text = JSON.stringify(request);
          return { kind: 'invalid-json', path: api(channel), body: `${text.slice(0, cut % text.length)}${tail}` };
        })
        .filter((c) => c.body.trim() !== '' && !isJson(c.body)),
    },
    { weight: 1, arbitrary: fc.constantFrom('%E0%A4%A', '%', '%ZZ', '%C0%AF', 'offerings%3Alist%', '%00', '..%2F..%2Fetc').map((bad) => ({ kind: 'bad-escape', path: `/api/${bad}`, body: '{}' })) },
  );

  let baseline: AppState = await appState(services);
  const counts: Record<string, { sent: number; refused: number }> = {};
  let slowest = 0;
  let stateMs = 0;
  const started = Date.now();

  await fc.assert(
    fc.asyncProperty(call, async (c) => {
      const tally = (counts[c.kind] ??= { sent: 0, refused: 0 });
      tally.sent++;
      const begun = performance.now();
      const response = await fetch(`${url.origin}${c.path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-desk-token': token }, body: c.body });
      const text = await response.text();
      slowest = Math.max(slowest, performance.now() - begun);
      assert.ok(response.status < 500, `HTTP ${response.status} for ${c.kind} ${c.path.slice(0, 80)}: ${unexpected.join('\n').slice(0, 2000)}`);
      const answer = JSON.parse(text) as { ok: boolean; error?: { code: string; message: string } };
      if (answer.ok) {
        // Accepted: let the queue finish what the call started, then that is the new baseline.
        await services.queue.drain();
        baseline = await appState(services);
        return;
      }
      tally.refused++;
      assert.ok(text.length < MAX_ANSWER_BYTES, `a ${text.length}-byte answer to ${c.kind} ${c.path.slice(0, 80)}`);
      assert.doesNotMatch(text, /\bat [\w.<>]+ \(|node:internal|node_modules|\/work\/|\/tmp\/|[A-Z]:\\\\|\.ts:\d+|Error:/, `a stack trace or path in ${text.slice(0, 300)}`);
      const stateStarted = performance.now();
      const after = await appState(services);
      stateMs += performance.now() - stateStarted;
      assert.deepEqual(after, baseline, `refused ${c.kind} ${c.path.slice(0, 80)} ${c.body.slice(0, 200)} changed something: ${text.slice(0, 300)}`);
    }),
    { numRuns: RUNS, endOnFailure: true },
  );

  assert.deepEqual(unexpected, [], 'no unexpected error inside the app');
  const still = await fetch(`${url.origin}/api/queue:status`, { method: 'POST', headers: { 'x-desk-token': token }, body: '' });
  assert.equal(still.status, 200, 'the bridge is still up');
  const table = Object.entries(counts).map(([kind, { sent, refused }]) => `${kind.padEnd(16)} ${String(sent).padStart(6)} sent ${String(refused).padStart(6)} refused`);
  t.diagnostic(`${services.catalogue.list().length} offerings at the end; ${RUNS} calls in ${((Date.now() - started) / 1000).toFixed(1)} s, slowest ${slowest.toFixed(0)} ms, ${(stateMs / 1000).toFixed(1)} s comparing state\n${table.join('\n')}`);
  for (const kind of ['valid', 'wrong-type', 'drop-key', 'extra-key', 'raw-number', 'huge-string', 'deep', 'unknown-channel', 'invalid-json', 'bad-escape']) {
    assert.ok((counts[kind]?.sent ?? 0) > 0, `no ${kind} call was generated`);
  }
  assert.ok(counts.valid!.sent - counts.valid!.refused > 0, 'some valid calls were accepted');
});

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
