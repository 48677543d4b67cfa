// Servers that answer too much or never finish: a Marketplace (or a gateway's
// token endpoint) answering 600 MB, or a body that never ends. A local
// node:http server streams the answer (never held in memory), the desk's
// settings point at it, and the desk's own client and queue are what is tested:
// the main process stays up and small, the exchange ends at the deadline, and a
// queued change meets the same answer at the next start without harm.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { once } from 'node:events';
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { testServices } from '../support/services';
import { MovableClock } from '../support/roster';
import { networkKey, tempDir, validDraft, waitFor } from '../support/helpers';
import { createHandlers } from '../../electron/main/handlers';
import { dispatch } from '../../electron/main/ipc/dispatch';
import en from '../../shared/locales/en.json';
import fr from '../../shared/locales/fr.json';
import { ANSWER_MAX_BYTES } from '../../electron/main/marketplace/http-exchange';

const MB = 1024 * 1024;

interface Hostile {
  url: string;
  /** Bytes of answer bodies the server managed to write, over all requests. */
  written(): number;
  requests(): number;
}

/**
 * Answers every request with `status` and a body of `bytes` (Infinity: never ends), streamed with
 * backpressure from one reused buffer; `trickle` sends 1 KB every 50 ms instead of as fast as possible.
 */
async function hostileServer(t: TestContext, { status, bytes, trickle = false }: { status: number; bytes: number; trickle?: boolean }): Promise<Hostile> {
  const chunk = Buffer.alloc(trickle ? 1024 : MB, 'x');
  let written = 0;
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests++;
    req.resume();
    res.writeHead(status, { 'content-type': 'application/json', ...(Number.isFinite(bytes) ? { 'content-length': bytes } : {}) });
    let sent = 0;
    let closed = false;
    res.on('close', () => (closed = true));
    const pump = () => {
      while (!closed && sent < bytes) {
        const part = Math.min(chunk.length, bytes - sent);
        sent += part;
        written += part;
        const more = res.write(part === chunk.length ? chunk : chunk.subarray(0, part));
        if (trickle) return void setTimeout(pump, 50);
        if (!more) return void res.once('drain', pump);
      }
      if (!closed) res.end();
    };
    pump();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => new Promise<void>((r) => server.close(() => r())));
  t.after(() => server.closeAllConnections());
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, written: () => written, requests: () => requests };
}

/** The process's resident memory, sampled every 10 ms while `work` runs: the peak above the start, in MB. */
async function peakRss<T>(work: () => Promise<T>): Promise<{ value: T; peakMb: number; ms: number }> {
  const start = process.memoryUsage().rss;
  let peak = start;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const began = performance.now();
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, peakMb: Math.round((peak - start) / MB), ms: Math.round(performance.now() - began) };
  } finally {
    clearInterval(sampler);
  }
}

test('a 600 MB answer to a queued change: read up to the cap, kept waiting, and met again at the next start without a crash', { timeout: 60_000 }, async (t) => {
  const server = await hostileServer(t, { status: 500, bytes: 600 * MB });
  const dataDir = tempDir();
  const key = networkKey();
  const options = { dataDir, marketplaceUrlPreset: `${server.url}/api-v2`, requestTimeoutMs: 10_000, queue: { baseDelayMs: 60_000, maxDelayMs: 60_000 } };
  const first = testServices(t, options);
  await first.services.credentials.setKey(key);
  const record = first.services.catalogue.publish(null, validDraft());
  const sent = await peakRss(async () => {
    await first.services.queue.kick();
    return first.services.catalogue.get(record.id);
  });
  console.log(`600 MB answer: refused in ${sent.ms} ms, peak RSS +${sent.peakMb} MB, ${Math.round(server.written() / MB)} MB written by the server`);
  assert.equal(sent.value.error?.code, 'marketplace-server', 'the status decides: a server fault, tried again later');
  assert.equal(first.services.queue.status().waiting, 1, 'still queued');
  assert.ok(sent.peakMb < 150, `peak RSS grew by ${sent.peakMb} MB`);
  assert.ok(server.written() < 64 * MB, `the desk stopped reading: ${server.written()} bytes were written`);
  const kept = first.services.db.prepare<[], { n: number }>('SELECT max(length(raw_body)) AS n FROM call_log').get()!;
  assert.ok(kept.n > 0 && kept.n <= 4000, `the call log keeps a short prefix of the answer (${kept.n} characters)`);
  await first.services.close();

  // The next start, two minutes later when its retry is due, sends the queued change again and meets the same answer.
  const later = new MovableClock();
  later.set(new Date(Date.now() + 120_000).toISOString());
  const second = testServices(t, { ...options, keychainService: first.keychainService, clock: later });
  const again = await peakRss(async () => {
    await second.services.queue.kick();
    return second.services.catalogue.get(record.id);
  });
  assert.equal(server.requests(), 2, 'sent once at each start');
  assert.equal(again.value.error?.code, 'marketplace-server');
  assert.ok(again.peakMb < 150, `peak RSS grew by ${again.peakMb} MB`);
});

test('a 201 whose body never ends: the listing is published as the status says, the body read only up to the cap', { timeout: 60_000 }, async (t) => {
  const server = await hostileServer(t, { status: 201, bytes: Infinity });
  const { services } = testServices(t, { marketplaceUrlPreset: `${server.url}/api-v2`, requestTimeoutMs: 10_000 });
  await services.credentials.setKey(networkKey());
  const record = services.catalogue.publish(null, validDraft());
  const run = await peakRss(() => services.queue.kick());
  console.log(`endless 201 at full speed: answered in ${run.ms} ms, peak RSS +${run.peakMb} MB, ${Math.round(server.written() / MB)} MB written`);
  assert.equal(services.catalogue.get(record.id).status, 'published');
  assert.ok(run.ms < 5000, `the cap ended it, not the timeout (${run.ms} ms)`);
  assert.ok(server.written() < ANSWER_MAX_BYTES + 64 * MB, `${server.written()} bytes written`);
});

test('a body that trickles forever: the timeout covers the body, and the exchange ends at the deadline', { timeout: 60_000 }, async (t) => {
  const server = await hostileServer(t, { status: 500, bytes: Infinity, trickle: true });
  const { services } = testServices(t, { marketplaceUrlPreset: `${server.url}/api-v2`, requestTimeoutMs: 1500, queue: { baseDelayMs: 60_000, maxDelayMs: 60_000 } });
  await services.credentials.setKey(networkKey());
  const record = services.catalogue.publish(null, validDraft());
  const run = await peakRss(() => services.queue.kick());
  console.log(`endless trickle: ended after ${run.ms} ms (timeout 1500 ms)`);
  assert.ok(run.ms >= 1400 && run.ms < 4000, `ended at the deadline: ${run.ms} ms`);
  assert.equal(services.catalogue.get(record.id).error?.code, 'marketplace-server');
});

async function gatewayAt(t: TestContext, tokenServer: Hostile, timeoutMs: number) {
  const { services } = testServices(t, { requestTimeoutMs: timeoutMs });
  const handlers = createHandlers(services);
  const saved = await dispatch(handlers, 'settings:save', {
    connection: 'gateway',
    gatewayBaseUrl: `${tokenServer.url}/gateway`,
    gatewayTokenUrl: `${tokenServer.url}/token`,
    gatewayClientId: 'provider-1',
    clientSecret: 'cs-0123456789abcdef',
    subscriptionKey: '0123456789abcdef0123456789abcdef',
    programIds: { 'WAH-E-I': 'WAH-10083' },
  });
  assert.equal(saved.ok, true, JSON.stringify(saved));
  return { services, handlers };
}

test('a token endpoint answering 600 MB: refused as an unexpected answer, nothing listed, the process small', { timeout: 60_000 }, async (t) => {
  const server = await hostileServer(t, { status: 200, bytes: 600 * MB });
  const { services, handlers } = await gatewayAt(t, server, 10_000);
  const run = await peakRss(() => dispatch(handlers, 'connection:test', {}));
  console.log(`600 MB token answer: refused in ${run.ms} ms, peak RSS +${run.peakMb} MB, ${Math.round(server.written() / MB)} MB written`);
  assert.equal(run.value.ok, false);
  assert.equal(!run.value.ok && run.value.error.code, 'marketplace-unknown');
  assert.ok(run.peakMb < 150, `peak RSS grew by ${run.peakMb} MB`);
  assert.ok(server.written() < 64 * MB, `${server.written()} bytes written`);
  const record = services.catalogue.publish(null, validDraft());
  void services.queue.kick();
  const paused = await waitFor(() => services.queue.status().paused ?? services.catalogue.get(record.id).error, { what: 'the send to stop' });
  assert.equal(paused.code, 'marketplace-unknown');
  assert.equal(services.catalogue.get(record.id).listed, false);
});

test('a token endpoint whose answer never ends: the timeout covers its body', { timeout: 60_000 }, async (t) => {
  const server = await hostileServer(t, { status: 200, bytes: Infinity, trickle: true });
  const { handlers } = await gatewayAt(t, server, 1500);
  const run = await peakRss(() => dispatch(handlers, 'connection:test', {}));
  console.log(`endless token trickle: ended after ${run.ms} ms (timeout 1500 ms)`);
  assert.equal(!run.value.ok && run.value.error.code, 'marketplace-timeout');
  assert.ok(run.ms >= 1400 && run.ms < 4000, `ended at the deadline: ${run.ms} ms`);
});

test('a crash while a change is on the wire holds that change: the next start does not send it again on its own', { timeout: 60_000 }, async (t) => {
  // A Marketplace that takes the request and never answers: the change stays on the wire.
  let requests = 0;
  const server = http.createServer((req) => {
    requests++;
    req.resume();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => new Promise<void>((r) => server.close(() => r())));
  t.after(() => server.closeAllConnections());
  const dataDir = tempDir();
  const marketplaceUrlPreset = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api-v2`;
  const setup = testServices(t, { dataDir, marketplaceUrlPreset });
  await setup.services.credentials.setKey(networkKey());
  await setup.services.close();

  // A real main process goes down on an uncaught exception while its add is on the wire.
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/crash-while-sending.ts', dataDir, marketplaceUrlPreset, setup.keychainService], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  assert.equal(code, 70, 'it went down where the crash dialog shows');
  assert.equal(requests, 1, 'the add was on the wire');
  const id = /offering (\S+)/.exec(out)![1]!;

  const next = testServices(t, { dataDir, marketplaceUrlPreset, keychainService: setup.keychainService });
  await next.services.queue.kick();
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(requests, 1, 'not sent again at the next start');
  const held = next.services.catalogue.get(id);
  assert.deepEqual([held.status, held.error?.code], ['failed', 'sending-interrupted'], 'shown as failed, with Retry');
  assert.match(en.errors['sending-interrupted'], /not sent again on its own/);
  assert.match(fr.errors['sending-interrupted'], /n’est plus renvoyée d’elle-même/);
  // Retry is the user's: then it goes.
  assert.equal((await dispatch(createHandlers(next.services), 'queue:retry', { id })).ok, true);
  await waitFor(() => requests === 2, { what: 'the retried add' });
});

test('Keep working after a crash: a held change whose answer then comes is settled by that answer', { timeout: 60_000 }, async (t) => {
  const waiting: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    waiting.push(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => new Promise<void>((r) => server.close(() => r())));
  const { services } = testServices(t, { marketplaceUrlPreset: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api-v2`, requestTimeoutMs: 30_000 });
  await services.credentials.setKey(networkKey());
  const record = services.catalogue.publish(null, validDraft());
  const sent = services.queue.kick();
  await waitFor(() => waiting.length === 1, { what: 'the add to be on the wire' });
  assert.equal(services.queue.holdInFlight(), 1);
  assert.equal(services.catalogue.get(record.id).error?.code, 'sending-interrupted');
  // The user chose Keep working, and the Marketplace answers after all.
  waiting[0]!.writeHead(201, { 'content-type': 'application/json' }).end('{}');
  await sent;
  const settled = services.catalogue.get(record.id);
  assert.deepEqual([settled.status, settled.error], ['published', null]);
  assert.equal(services.queue.status().failed, 0);
});
