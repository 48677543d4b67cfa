// Team schema 1 on a real PostgreSQL: made in an empty database, the shape the
// sync needs (offerings by ID, the change log in server order with a NOTIFY per
// change, learners sealed only), and a newer schema refused with nothing changed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { AppFailure } from '../../../shared/errors';
import { checkTeamSchema, migrateTeam, teamSchemaVersion, TEAM_LATEST_VERSION } from '../../../electron/main/team/team-schema';
import { postgresMissing, startPostgres, type PgCluster } from '../../support/postgres';

async function client(cluster: PgCluster, db: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: cluster.url(db) });
  await c.connect();
  return c;
}

const code = (e: unknown) => (e instanceof AppFailure ? e.error.code : String(e));

test('team schema 1 on a real PostgreSQL', { skip: postgresMissing }, async (t) => {
  const cluster = await startPostgres(t);

  await t.test('made in an empty database: version 1 recorded, and made once when two desks make it at once', async () => {
    const db = await cluster.createDatabase();
    const [a, b] = [await client(cluster, db), await client(cluster, db)];
    assert.equal(await teamSchemaVersion(a), null);
    assert.deepEqual(await Promise.all([migrateTeam(a, { create: true }), migrateTeam(b, { create: true })]), [1, 1]);
    assert.equal(TEAM_LATEST_VERSION, 1);
    const versions = await a.query('SELECT version, name FROM offering_desk.schema_versions');
    assert.deepEqual(versions.rows, [{ version: 1, name: 'offerings and change log' }]);
    await Promise.all([a.end(), b.end()]);
  });

  await t.test('the change log is server-ordered, each change announced by its seq alone; offerings by ID; learners only sealed', async () => {
    const db = await cluster.createDatabase();
    const c = await client(cluster, db);
    await migrateTeam(c, { create: true });
    const listener = await client(cluster, db);
    const heard: string[] = [];
    listener.on('notification', (n) => heard.push(n.payload ?? ''));
    await listener.query('LISTEN offering_desk_changes');

    const desk = randomUUID();
    await c.query('INSERT INTO offering_desk.desks (desk_id, staff_name) VALUES ($1, $2)', [desk, 'Amira']);
    const seqs: number[] = [];
    for (const kind of ['create', 'edit', 'listing']) {
      const r = await c.query<{ seq: string }>("INSERT INTO offering_desk.changes (offering_id, desk_id, kind, fields) VALUES ('wah-1', $1, $2, '{\"seatsRemaining\": 7}') RETURNING seq", [desk, kind]);
      seqs.push(Number(r.rows[0]!.seq));
    }
    assert.deepEqual(seqs, [seqs[0]!, seqs[0]! + 1, seqs[0]! + 2], 'a bigserial: one order every desk reads');
    await c.query("INSERT INTO offering_desk.offerings (offering_id, kind, draft, change_seq, updated_by) VALUES ('wah-1', 'class', '{\"courseName\": \"WAH\"}', $1, $2)", [seqs[2], desk]);
    await assert.rejects(
      c.query("INSERT INTO offering_desk.offerings (offering_id, kind, draft, change_seq, updated_by) VALUES ('wah-1', 'class', '{}', $1, $2)", [seqs[2], desk]),
      /duplicate key/,
      'one row per offering ID',
    );
    await assert.rejects(c.query("INSERT INTO offering_desk.changes (offering_id, desk_id, kind) VALUES ('wah-1', $1, 'rename')", [desk]), /check constraint/);
    await assert.rejects(
      c.query("UPDATE offering_desk.offerings SET listed = '{}' WHERE offering_id = 'wah-1'"),
      /check constraint/,
      'a listing always says which connection made it',
    );

    // Sealed as roster/field-crypto seals: version 1, 12-byte IV, 16-byte tag, body.
    const sealed = Buffer.concat([Buffer.from([1]), Buffer.alloc(12, 7), Buffer.alloc(16, 9), Buffer.from('xx')]);
    await c.query("INSERT INTO offering_desk.learners (learner_id, offering_id, sealed, change_seq) VALUES ('l-1', 'wah-1', $1, $2)", [sealed, seqs[2]]);
    await assert.rejects(
      c.query("INSERT INTO offering_desk.learners (learner_id, offering_id, sealed, change_seq) VALUES ('l-2', 'wah-1', $1, $2)", [Buffer.from('{"name":"Jo Smith","email":"jo@example.ca"}'), seqs[2]]),
      /check constraint/,
      'a learner in clear text is refused',
    );

    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(heard, seqs.map(String), 'one NOTIFY per change, carrying its seq only');
    await Promise.all([c.end(), listener.end()]);
  });

  await t.test('a newer team schema is refused with a plain message, and nothing in the database changes', async () => {
    const db = await cluster.createDatabase();
    const c = await client(cluster, db);
    await migrateTeam(c, { create: true });
    await c.query("INSERT INTO offering_desk.schema_versions (version, name) VALUES (2, 'from a newer desk')");
    await assert.rejects(checkTeamSchema(c), (e: unknown) => code(e) === 'team-schema-newer' && /newer version of Offering Desk \(team schema 2; this desk knows up to 1\).*keeps working on its own/.test((e as Error).message));
    await assert.rejects(migrateTeam(c), (e: unknown) => code(e) === 'team-schema-newer');
    assert.deepEqual((await c.query('SELECT version FROM offering_desk.schema_versions ORDER BY version')).rows, [{ version: 1 }, { version: 2 }]);
    await c.end();
  });

  await t.test('a database with no team schema is not upgraded into one, only made by Share', async () => {
    const db = await cluster.createDatabase();
    const c = await client(cluster, db);
    await assert.rejects(migrateTeam(c), (e: unknown) => code(e) === 'team-not-a-team');
    assert.equal(await teamSchemaVersion(c), null, 'no schema left behind');
    await c.end();
  });
});
