// The test support's throwaway cluster is what the team tests stand on: a real
// server on a random loopback port, password login over TCP, a stop and a
// start that keep the data, and nothing left behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import pg from 'pg';
import { postgresMissing, startPostgres } from '../support/postgres';

test('a throwaway cluster: password login over TCP, wrong password refused, data kept across a restart, removed after', { skip: postgresMissing }, async (t) => {
  let dataDir = '';
  await t.test('the cluster', async (t) => {
    const cluster = await startPostgres(t);
    dataDir = cluster.dataDir;
    const db = await cluster.createDatabase();
    const client = new pg.Client({ connectionString: cluster.url(db) });
    await client.connect();
    await client.query('CREATE TABLE kept (n int)');
    await client.query('INSERT INTO kept VALUES (7)');
    const who = await client.query<{ u: string; superuser: string }>("SELECT current_user AS u, current_setting('is_superuser') AS superuser");
    assert.deepEqual(who.rows[0], { u: cluster.user, superuser: 'off' });
    await client.end();

    const wrong = new pg.Client({ connectionString: cluster.url(db, cluster.user, 'not-the-password') });
    await assert.rejects(wrong.connect(), /password authentication failed/);

    await cluster.stop();
    const down = new pg.Client({ connectionString: cluster.url(db), connectionTimeoutMillis: 2000 });
    await assert.rejects(down.connect(), /ECONNREFUSED/);
    await cluster.start();
    const again = new pg.Client({ connectionString: cluster.url(db) });
    await again.connect();
    assert.deepEqual((await again.query('SELECT n FROM kept')).rows, [{ n: 7 }]);
    await again.end();
  });
  assert.equal(fs.existsSync(dataDir), false, 'the cluster folder is removed after its tests');
});
