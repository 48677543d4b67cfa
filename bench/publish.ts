// `npm run bench:publish [-- --changes 1000 --runs 3 --latency 50]`
// Publishes N new offerings through the real queue against the sandbox with
// added latency, at concurrency 1, 4 and 8, against a baseline that sends the
// same requests one at a time with the bare client, in the same process. The
// sandbox runs in a process of its own (remote-sandbox.ts).
//
// The bare client also runs 4 and 8 at a time: the most those concurrencies
// can reach, and the main thread's block from HTTP alone on this machine (the
// sandbox shares its two cores, and a loopback socket's write does the
// receiver's work too), so the queue's own share of the block can be read off.
import { blocking, median } from './stats';
import { parseArgs } from 'node:util';
import { startRemoteSandbox } from './remote-sandbox';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices } from '../electron/main/services';
import { memoryStore } from './memory-secrets';
import { createMarketplaceClient } from '../electron/main/marketplace/marketplace-client';
import { networkDialect } from '../electron/main/marketplace/network';
import { toWire } from '../electron/main/marketplace/wire';
import { emptyDraft, type OfferingDraft } from '../shared/offering';

const { values } = parseArgs({
  options: { changes: { type: 'string', default: '1000' }, runs: { type: 'string', default: '3' }, latency: { type: 'string', default: '50' } },
});
const changes = Number(values.changes);
const runs = Number(values.runs);
const latencyMs = Number(values.latency);
const KEY = 'bench-network-key';

function draft(i: number, run: string): OfferingDraft {
  return {
    ...emptyDraft(),
    offeringId: `bench-${run}-${i}`,
    trainingStandardKey: 'WAH-E-I',
    courseName: `Bench class ${i}`,
    seatsRemaining: i % 30,
    price: 150,
    address: { street: '1 Bench St', extended: '', city: 'Toronto', province: 'ON', postalCode: 'M5H 2N2' },
    classDays: [{ date: `${new Date().getFullYear() + 1}-05-12`, start: '08:30', end: '16:30' }],
    registrationUrl: 'https://training.example.ca/register',
  };
}

/** The bare client, as the queue's connection builds it: the network API with the key known. */
function networkClient(baseUrl: string, key: string) {
  return createMarketplaceClient({ dialect: networkDialect({ baseUrl, getKey: async () => key }) });
}

/** The bare client sending every change, `concurrency` at a time (1: the baseline). */
async function bare(concurrency: number, run: string): Promise<{ ms: number; requests: number; loopP99: number }> {
  const sandbox = await startRemoteSandbox({ latencyMs, key: KEY });
  const client = networkClient(sandbox.baseUrl, KEY);
  let next = 0;
  const sender = async () => {
    while (next < changes) {
      const outcome = await client.add(toWire(draft(next++, run)));
      if (!outcome.ok) throw new Error(outcome.error.message);
    }
  };
  const start = performance.now();
  const { p99: loopP99 } = await blocking(() => Promise.all(Array.from({ length: concurrency }, sender)));
  const ms = performance.now() - start;
  const requests = await sandbox.requests();
  await sandbox.close();
  return { ms, requests, loopP99 };
}

async function queued(concurrency: number, run: string): Promise<{ ms: number; requests: number; loopP99: number }> {
  const sandbox = await startRemoteSandbox({ latencyMs, key: KEY });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'offering-desk-bench-'));
  const services = createServices({ dataDir, secretStore: memoryStore(), marketplaceUrlPreset: sandbox.baseUrl, queue: { concurrency } });
  await services.credentials.setKey(KEY);
  for (let i = 0; i < changes; i++) services.catalogue.save(null, draft(i, run));
  // How long the main thread is blocked while the queue works (in Electron, every window waits that long).
  const start = performance.now();
  const { p99: loopP99 } = await blocking(async () => {
    services.catalogue.publishMany();
    await services.queue.drain();
  });
  const ms = performance.now() - start;
  const requests = await sandbox.requests();
  if ((await sandbox.listings()) !== changes) throw new Error('not every offering was listed');
  await services.close();
  await sandbox.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return { ms, requests, loopP99 };
}

const BASELINE = 'baseline: bare client, one at a time';
const results = new Map<string, { ms: number[]; requests: number[]; loop: number[] }>();
const record = (name: string, r: { ms: number; requests: number; loopP99: number }) => {
  const entry = results.get(name) ?? { ms: [], requests: [], loop: [] };
  entry.ms.push(r.ms);
  entry.requests.push(r.requests);
  entry.loop.push(r.loopP99);
  results.set(name, entry);
};

// What the measure reads with nothing to do: its own timer's period and the machine's jitter.
const { p99: idle } = await blocking(() => new Promise((resolve) => setTimeout(resolve, 2000)));

for (let run = 0; run < runs; run++) {
  record(BASELINE, await bare(1, `b${run}`));
  for (const c of [4, 8]) record(`bare client, ${c} at a time`, await bare(c, `b${c}-${run}`));
  for (const c of [1, 4, 8]) record(`queue, concurrency ${c}`, await queued(c, `q${c}-${run}`));
  console.error(`run ${run + 1}/${runs} done`);
}

const base = median(results.get(BASELINE)!.ms);
console.log(`\n${changes} new offerings, sandbox latency ${latencyMs} ms, median of ${runs} runs\n`);
console.log('| mode | median time (s) | changes/s | vs baseline | requests sent | requests needed | main thread blocked, p99 (ms), worst run |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
console.log(`| idle (nothing running, 2 s) | | | | | | ${idle.toFixed(1)} |`);
for (const [name, r] of results) {
  const ms = median(r.ms);
  console.log(`| ${name} | ${(ms / 1000).toFixed(2)} | ${(changes / (ms / 1000)).toFixed(0)} | ${(base / ms).toFixed(2)}× | ${Math.max(...r.requests)} | ${changes} | ${Math.max(...r.loop).toFixed(1)} |`);
}
