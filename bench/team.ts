// `npm run bench:team [-- --edits 200 --join 10000,100000 --runs 3]`
// Team sync on loopback against a throwaway PostgreSQL cluster (Debian's
// postgresql, as the tests start it): two desks of the real services in this
// process, each with its own data folder (secrets from memory: the keychain is
// not what is measured).
// - Share latency, desk A → desk B: A edits an offering, B (keeping step by
//   itself, LISTEN/NOTIFY, polling at 60 s so it cannot help) has the edit.
//   Baseline in the same run: a bare NOTIFY round trip between two clients.
// - Join: desk B joins a team catalogue of N offerings that desk A shared;
//   baseline: A's Share of the same catalogue. And the main thread's p99 block
//   while the catalogue arrives (goal ≤ 5 ms, as for the queue).
// Publish all split across desks is not measured: exactly-once publishing
// across desks is not built (docs/team.md).
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createServices, type Services } from '../electron/main/services';
import { memoryStore } from './memory-secrets';
import { emptyDraft, type OfferingDraft } from '../shared/offering';
import { startPostgres, type PgCluster } from '../tests/support/postgres';
import { tempDir } from '../tests/support/helpers';
import { blocking, median } from './stats';

const { values } = parseArgs({ options: { edits: { type: 'string', default: '200' }, join: { type: 'string', default: '10000,100000' }, runs: { type: 'string', default: '3' } } });
const edits = Number(values.edits);
const sizes = values.join.split(',').map(Number);
const runs = Number(values.runs);

function draft(i: number): OfferingDraft {
  return {
    ...emptyDraft(),
    offeringId: `team-bench-${i}`,
    trainingStandardKey: 'WAH-E-I',
    courseName: `Bench class ${i}`,
    seatsRemaining: i % 30,
    price: 150,
    address: { street: '1 Bench St', extended: '', city: 'Toronto', province: 'ON', postalCode: 'M5H 2N2' },
    classDays: [{ date: `${new Date().getFullYear() + 1}-05-12`, start: '08:30', end: '16:30' }],
    registrationUrl: 'https://training.example.ca/register',
  };
}

const cleanups: (() => Promise<void> | void)[] = [];
const after = (fn: () => Promise<void> | void) => void cleanups.push(fn);
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const ms = (x: number) => Math.round(x * 10) / 10;

function desk(cluster: PgCluster, database: string): { services: Services; connect: () => Promise<unknown> } {
  const services = createServices({ dataDir: tempDir('team-bench-'), secretStore: memoryStore(), teamSync: { pollMs: 60_000 } });
  after(() => services.close());
  const connect = () => services.team.save({ host: '127.0.0.1', port: cluster.port, database, user: cluster.user, tls: 'off', caFile: '', password: cluster.password });
  return { services, connect };
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setImmediate(r));
}

async function notifyRoundTrip(cluster: PgCluster, database: string, n: number): Promise<number[]> {
  const listener = new pg.Client({ connectionString: cluster.url(database) });
  const sender = new pg.Client({ connectionString: cluster.url(database) });
  await listener.connect();
  await sender.connect();
  await listener.query('LISTEN bench_round_trip');
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const heard = new Promise<void>((resolve) => listener.once('notification', () => resolve()));
    const t0 = performance.now();
    await sender.query(`NOTIFY bench_round_trip, '${i}'`);
    await heard;
    times.push(performance.now() - t0);
  }
  await listener.end();
  await sender.end();
  return times;
}

async function shareLatency(cluster: PgCluster): Promise<number[]> {
  const database = await cluster.createDatabase();
  const a = desk(cluster, database);
  const row = a.services.catalogue.save(null, draft(0)).id;
  await a.connect();
  await a.services.team.share();
  const b = desk(cluster, database);
  await b.connect();
  await b.services.team.join();
  const rowB = b.services.catalogue.store.rowIdOf('team-bench-0')!;
  await until(() => b.services.teamSync.view()?.state === 'up-to-date');
  const times: number[] = [];
  for (let i = 1; i <= edits; i++) {
    const name = `Edit ${i}`;
    const t0 = performance.now();
    a.services.catalogue.save(row, { ...draft(0), courseName: name });
    await until(() => JSON.parse(b.services.catalogue.store.byId(rowB)!.draft).courseName === name);
    times.push(performance.now() - t0);
  }
  return times;
}

async function joinOnce(cluster: PgCluster, n: number): Promise<{ share: number; join: number; p99: number }> {
  const database = await cluster.createDatabase();
  const a = desk(cluster, database);
  a.services.db.transaction(() => {
    for (let i = 0; i < n; i++) a.services.catalogue.save(null, draft(i));
  })();
  await a.connect();
  const s0 = performance.now();
  await a.services.team.share();
  const share = performance.now() - s0;
  const b = desk(cluster, database);
  await b.connect();
  let join = 0;
  const block = await blocking(async () => {
    const j0 = performance.now();
    await b.services.team.join();
    join = performance.now() - j0;
  });
  if (b.services.catalogue.store.counts().waiting !== 0 || [...b.services.catalogue.store.all()].length !== n) throw new Error('the join did not bring every offering');
  return { share, join, p99: block.p99 };
}

async function main(): Promise<void> {
  const cluster = await startPostgres({ after });
  try {
    const floor = await notifyRoundTrip(cluster, await cluster.createDatabase(), edits);
    const latency = await shareLatency(cluster);
    const baseP50 = percentile(floor, 50);
    console.log(`\nShare latency A → B on loopback, ${edits} edits one after another (goal p95 ≤ 1000 ms)`);
    console.table([
      { measure: 'bare NOTIFY round trip (baseline)', p50_ms: ms(baseP50), p95_ms: ms(percentile(floor, 95)), ratio_p50: 1 },
      { measure: 'edit on A seen on B', p50_ms: ms(percentile(latency, 50)), p95_ms: ms(percentile(latency, 95)), ratio_p50: ms(percentile(latency, 50) / baseP50) },
    ]);
    const rows = [];
    for (const n of sizes) {
      const results = [];
      for (let r = 0; r < (n >= 100_000 ? 1 : runs); r++) results.push(await joinOnce(cluster, n));
      const share = median(results.map((x) => x.share));
      const join = median(results.map((x) => x.join));
      rows.push({ offerings: n, runs: results.length, share_s_baseline: ms(share / 1000), join_s: ms(join / 1000), join_vs_share: ms(join / share), main_p99_block_ms: ms(median(results.map((x) => x.p99))) });
    }
    console.log('\nJoin a team catalogue (goal ≤ 30 s at 100,000; main thread p99 block goal ≤ 5 ms); medians');
    console.table(rows);
  } finally {
    for (const fn of cleanups.reverse()) await fn();
  }
}

await main();
