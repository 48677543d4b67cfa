// The queue's group commit on a real SQLite file in WAL mode.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createGroupCommit, MAX_BATCH } from '../../electron/main/database/group-commit';

function catalogueFile(t: TestContext) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'group-commit-'));
  const db = new Database(path.join(dir, 'catalogue.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE marks (id TEXT PRIMARY KEY)');
  const commits = createGroupCommit(db);
  t.after(() => {
    commits.close();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const insert = db.prepare('INSERT INTO marks (id) VALUES (?)');
  const ids = () => db.prepare<[], { id: string }>('SELECT id FROM marks ORDER BY id').all().map((r) => r.id);
  return { db, commits, insert, ids, file: path.join(dir, 'catalogue.sqlite') };
}

test('writes of one turn commit together; a failing one is undone alone; the catalogue is back at synchronous=FULL after', async (t) => {
  const { db, commits, insert, ids } = catalogueFile(t);
  const versions: number[] = [];
  const results = await Promise.allSettled([
    commits.write(() => insert.run('a')),
    commits.write(() => {
      insert.run('b');
      throw new Error('refused');
    }),
    commits.write(() => {
      versions.push(db.prepare<[], { n: number }>('SELECT count(*) AS n FROM marks').get()!.n);
      return insert.run('c').changes;
    }),
  ]);
  assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
  assert.equal((results[2] as PromiseFulfilledResult<number>).value, 1);
  assert.deepEqual(ids(), ['a', 'c'], "the failing write's row is gone, the others stay");
  assert.deepEqual(versions, [1], 'the third write saw the first one in the same transaction (b was undone before it ran)');
  assert.equal(db.pragma('synchronous', { simple: true }), 2, 'FULL (2) again once the batch committed');
  // So does a batch whose only write fails.
  await assert.rejects(commits.write(() => insert.run('a')), /UNIQUE/);
  assert.equal(db.pragma('synchronous', { simple: true }), 2);
});

test('a write that need not wait for the disk resolves on commit; one that must resolves only after the WAL is synced', async (t) => {
  const { commits, insert, ids } = catalogueFile(t);
  const order: string[] = [];
  await Promise.all([
    commits.write(() => insert.run('durable')).then(() => order.push('durable')),
    commits.write(() => insert.run('committed'), { durable: false }).then(() => order.push('committed')),
  ]);
  assert.deepEqual(order, ['committed', 'durable'], 'the committed write did not wait for the sync its batch-mate waited for');
  assert.deepEqual(ids(), ['committed', 'durable']);
});

test('when the WAL cannot be synced, the writes that wait for it fail: nothing that depends on them goes ahead', async (t) => {
  const { commits, insert, ids, file } = catalogueFile(t);
  // SQLite keeps its own handle; the file this opens for its first sync is gone.
  fs.rmSync(`${file}-wal`);
  const durable = commits.write(() => insert.run('x'));
  const committed = commits.write(() => insert.run('y'), { durable: false });
  await assert.rejects(durable, /ENOENT/);
  await committed;
  assert.deepEqual(ids(), ['x', 'y'], 'committed in the catalogue, only not known to be on disk');
});

test('a catalogue in memory (no WAL) commits and resolves as before', async () => {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE marks (id TEXT PRIMARY KEY)');
  const commits = createGroupCommit(db);
  const insert = db.prepare('INSERT INTO marks (id) VALUES (?)');
  await Promise.all([commits.write(() => insert.run('a')), commits.write(() => insert.run('b'), { durable: false })]);
  assert.equal(db.prepare('SELECT count(*) AS n FROM marks').pluck().get(), 2);
  commits.close();
  db.close();
});

test(`at most ${MAX_BATCH} writes share a transaction: the rest commit on the next turn, so a burst never holds the main thread at once`, async (t) => {
  const { commits, insert, ids } = catalogueFile(t);
  const ran: number[] = [];
  const writes = Array.from({ length: MAX_BATCH + 1 }, (_, i) =>
    commits.write(
      () => {
        ran.push(i);
        insert.run(`w${i}`);
      },
      { durable: false },
    ),
  );
  await writes[0];
  assert.deepEqual(ran, Array.from({ length: MAX_BATCH }, (_, i) => i), 'the first batch committed before the last write ran');
  await Promise.all(writes);
  assert.equal(ids().length, MAX_BATCH + 1);
});
