// Team mode through the IPC handlers (dispatch validates every request), with
// real parts: a PostgreSQL cluster, each desk's own data folder and keychain
// service. Single-desk stays untouched; refused input changes nothing and says
// why in both languages; Share and Join are counted first, merge by offering ID,
// keep listing state, and a newer team schema leaves the desk working alone.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import en from '../../shared/locales/en.json';
import fr from '../../shared/locales/fr.json';
import type { Channel, RequestOf, ResponseOf } from '../../shared/ipc';
import type { AppError } from '../../shared/errors';
import { dispatch } from '../../electron/main/ipc/dispatch';
import { createHandlers } from '../../electron/main/handlers';
import { keytarStore } from '../../electron/main/platform/credentials';
import { filesContaining, tempDir, validDraft } from '../support/helpers';
import { testServices } from '../support/services';
import { postgresMissing, startPostgres, type PgCluster } from '../support/postgres';

function desk(t: TestContext, options: Parameters<typeof testServices>[1] = {}) {
  const made = testServices(t, options);
  const handlers = createHandlers(made.services);
  async function call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    const r = await dispatch(handlers, channel, request, () => {});
    if (!r.ok) throw Object.assign(new Error(r.error.message), { appError: r.error });
    return r.value as ResponseOf<C>;
  }
  async function refused<C extends Channel>(channel: C, request: RequestOf<C>): Promise<AppError> {
    const r = await dispatch(handlers, channel, request, () => {});
    assert.equal(r.ok, false, `${channel} was refused`);
    return (r as { ok: false; error: AppError }).error;
  }
  return { ...made, call, refused };
}

const connectionOf = (cluster: PgCluster, database: string) => ({ host: '127.0.0.1', port: cluster.port, database, user: cluster.user, tls: 'off' as const, caFile: '' });

/** Both languages have the words for an error or field code. */
function saidInBothLanguages(section: 'errors' | 'validation', code: string) {
  for (const messages of [en, fr]) assert.ok((messages[section] as Record<string, string>)[code], `${section}.${code}`);
}

async function teamRows(cluster: PgCluster, database: string, sql: string) {
  const c = new pg.Client({ connectionString: cluster.url(database) });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}

test('a desk that never joins a team: team:get answers single-desk without touching the network', async (t) => {
  const { call } = desk(t);
  assert.deepEqual(await call('team:get', {}), { mode: 'none', staffName: '', connection: null, passwordSet: false, reachable: null, problem: null, sync: null });
});

test('refused team settings store nothing and say why, in both languages', async (t) => {
  const { call, refused, services, keychainService } = desk(t);
  const good = { host: 'db.example.ca', port: 5432, database: 'team', user: 'desk', tls: 'verify-full' as const, caFile: '', password: 'pw-1' };
  const cases: [Partial<typeof good> & { caFile?: string }, string, string][] = [
    [{ host: 'not a host!' }, 'host', 'teamHost.invalid'],
    [{ port: 0 }, 'port', 'teamPort.invalid'],
    [{ tls: 'off' as never }, 'tls', 'teamTls.loopbackOnly'],
    [{ host: '10.0.0.5', tls: 'off' as never }, 'tls', 'teamTls.loopbackOnly'],
    [{ database: 'two words' }, 'database', 'teamDatabase.invalid'],
    [{ caFile: tempDir() }, 'caFile', 'teamCaFile.unreadable'],
    [{ password: 'line\nbreak' }, 'password', 'teamPassword.invalid'],
  ];
  for (const [change, path, code] of cases) {
    const error = await refused('team:save', { ...good, ...change });
    assert.equal(error.code, 'settings-invalid', code);
    assert.deepEqual(error.fields?.map((f) => [f.path, f.code]), [[path, code]]);
    saidInBothLanguages('validation', code);
  }
  assert.equal(services.settings.team(), null, 'nothing stored');
  assert.equal(await keytarStore(keychainService).get('team-database-password'), null, 'no password in the keychain');
  assert.equal((await call('team:get', {})).mode, 'none');
  // Plain TCP to this computer is allowed.
  assert.equal((await call('team:save', { ...good, host: 'localhost', tls: 'off' })).mode, 'configured');
});

test('share and join against a real PostgreSQL', { skip: postgresMissing }, async (t) => {
  const cluster = await startPostgres(t);

  await t.test('a wrong password and an unknown host are refused with their own words; nothing is written anywhere', async (t) => {
    const db = await cluster.createDatabase();
    const a = desk(t);
    a.services.catalogue.save(null, validDraft({ offeringId: 'wah-solo' }));
    await a.call('team:save', { ...connectionOf(cluster, db), password: 'not-the-password' });
    const view = await a.call('team:get', {});
    assert.equal(view.reachable, false);
    assert.equal(view.problem?.code, 'team-login-refused');
    assert.equal((await a.refused('team:share', {})).code, 'team-login-refused');
    saidInBothLanguages('errors', 'team-login-refused');

    await a.call('team:save', { ...connectionOf(cluster, db), host: 'no-such-host.invalid', tls: 'verify-full', password: cluster.password });
    assert.equal((await a.refused('team:preview', { action: 'share' })).code, 'team-host-unknown');
    saidInBothLanguages('errors', 'team-host-unknown');

    // TLS asked of a server that has none: refused, never sent in plain.
    await a.call('team:save', { ...connectionOf(cluster, db), tls: 'verify-full' });
    assert.equal((await a.refused('team:preview', { action: 'share' })).code, 'team-tls-refused');
    saidInBothLanguages('errors', 'team-tls-refused');

    assert.deepEqual(await teamRows(cluster, db, "SELECT nspname FROM pg_namespace WHERE nspname = 'offering_desk'"), [], 'no team schema made');
    assert.equal(a.services.settings.team()?.member, false);
  });

  await t.test('Share counts first, then makes the team in an empty database with every offering; Join merges by offering ID with no duplicates', async (t) => {
    const db = await cluster.createDatabase();
    const a = desk(t);
    const listedRow = a.services.catalogue.save(null, validDraft({ offeringId: 'wah-listed', courseName: 'Listed by A' }));
    a.services.catalogue.store.update(listedRow.id, { listed: JSON.stringify({ offeringId: 'wah-listed' }), listed_via: 'network' });
    a.services.catalogue.save(null, validDraft({ offeringId: 'wah-shared', courseName: 'A’s copy' }));
    a.services.catalogue.save(null, validDraft({ offeringId: 'wah-a-only' }));
    await a.call('team:save', { ...connectionOf(cluster, db), password: cluster.password });

    const preview = await a.call('team:preview', { action: 'share' });
    assert.deepEqual(preview, { action: 'share', upload: 3, download: 0, both: 0, teamWins: 0, learnersKept: 0, bothIds: [] });
    assert.deepEqual(await teamRows(cluster, db, "SELECT nspname FROM pg_namespace WHERE nspname = 'offering_desk'"), [], 'the preview writes nothing');
    const shared = await a.call('team:share', {});
    assert.equal(shared.preview.upload, 3);
    assert.deepEqual([shared.view.mode, shared.view.reachable, shared.view.problem], ['member', true, null]);
    const onServer = await teamRows(cluster, db, 'SELECT offering_id, listed_via FROM offering_desk.offerings ORDER BY offering_id');
    assert.deepEqual(onServer, [
      { offering_id: 'wah-a-only', listed_via: null },
      { offering_id: 'wah-listed', listed_via: 'network' },
      { offering_id: 'wah-shared', listed_via: null },
    ]);
    assert.deepEqual(await teamRows(cluster, db, 'SELECT count(*)::int AS n FROM offering_desk.changes'), [{ n: 3 }], 'one change each in the log');

    // Sharing again into the same database is refused: it is not empty.
    const again = desk(t);
    await again.call('team:save', { ...connectionOf(cluster, db), password: cluster.password });
    assert.equal((await again.refused('team:share', {})).code, 'team-not-empty');
    saidInBothLanguages('errors', 'team-not-empty');

    // Desk B has offerings of its own: one new, one under an ID the team has.
    const b = desk(t);
    b.services.catalogue.save(null, validDraft({ offeringId: 'wah-b-only' }));
    b.services.catalogue.save(null, validDraft({ offeringId: 'wah-shared', courseName: 'B’s copy' }));
    await b.call('team:save', { ...connectionOf(cluster, db), password: cluster.password });
    const joinPreview = await b.call('team:preview', { action: 'join' });
    assert.deepEqual(joinPreview, { action: 'join', upload: 1, download: 2, both: 1, teamWins: 1, learnersKept: 0, bothIds: ['wah-shared'] });
    const joined = await b.call('team:join', {});
    assert.deepEqual(joined.preview, joinPreview);
    assert.equal(joined.view.mode, 'member');

    const ids = (d: ReturnType<typeof desk>) => d.services.catalogue.list().map((r) => r.draft.offeringId).sort();
    assert.deepEqual(ids(b), ['wah-a-only', 'wah-b-only', 'wah-listed', 'wah-shared'], 'one offering per offering ID');
    const bShared = b.services.catalogue.list().find((r) => r.draft.offeringId === 'wah-shared')!;
    assert.equal(bShared.draft.courseName, 'A’s copy', 'the team copy stands for an ID on both');
    const bListed = b.services.catalogue.list().find((r) => r.draft.offeringId === 'wah-listed')!;
    assert.deepEqual([bListed.listed, bListed.listedVia], [true, 'network'], 'listing state comes too: Publish updates it, never adds it again');
    assert.deepEqual(
      (await teamRows(cluster, db, 'SELECT offering_id FROM offering_desk.offerings ORDER BY offering_id')).map((r) => r.offering_id),
      ['wah-a-only', 'wah-b-only', 'wah-listed', 'wah-shared'],
    );

    // Joining again changes nothing.
    const second = await b.call('team:join', {});
    assert.deepEqual([second.preview.upload, second.preview.download], [0, 0]);
    assert.equal(b.services.catalogue.list().length, 4);
  });

  await t.test('a newer team schema: Join is refused with a plain message, nothing changes, and the desk keeps working alone', async (t) => {
    const db = await cluster.createDatabase();
    const a = desk(t);
    a.services.catalogue.save(null, validDraft({ offeringId: 'wah-first' }));
    await a.call('team:save', { ...connectionOf(cluster, db), password: cluster.password });
    await a.call('team:share', {});
    await teamRows(cluster, db, "INSERT INTO offering_desk.schema_versions (version, name) VALUES (2, 'from a newer desk')");

    const b = desk(t);
    b.services.catalogue.save(null, validDraft({ offeringId: 'wah-mine' }));
    await b.call('team:save', { ...connectionOf(cluster, db), password: cluster.password });
    const error = await b.refused('team:join', {});
    assert.equal(error.code, 'team-schema-newer');
    assert.match(error.message, /newer version of Offering Desk.*keeps working on its own/);
    saidInBothLanguages('errors', 'team-schema-newer');
    assert.equal((await b.call('team:get', {})).problem?.code, 'team-schema-newer');
    assert.deepEqual(b.services.catalogue.list().map((r) => r.draft.offeringId), ['wah-mine']);
    assert.deepEqual((await teamRows(cluster, db, 'SELECT offering_id FROM offering_desk.offerings')).map((r) => r.offering_id), ['wah-first']);
    assert.equal(b.services.settings.team()?.member, false);
    // Alone, as before: drafting still works.
    b.services.catalogue.save(null, validDraft({ offeringId: 'wah-still' }));
    assert.equal(b.services.catalogue.list().length, 2);
  });

  await t.test('OFFERING_DESK_TEAM_URL presets the team at first start; its password moves into the keychain and is in no file', async (t) => {
    const db = await cluster.createDatabase();
    const dataDir = tempDir();
    const url = `${cluster.url(db)}?sslmode=disable`;
    const a = desk(t, { dataDir, teamUrlPreset: url });
    await a.services.teamReady;
    assert.equal(await keytarStore(a.keychainService).get('team-database-password'), cluster.password);
    const view = await a.call('team:get', {});
    assert.deepEqual([view.mode, view.passwordSet, view.reachable, view.connection], ['configured', true, true, connectionOf(cluster, db)]);
    a.services.catalogue.save(null, validDraft());
    assert.equal((await a.call('team:share', {})).view.mode, 'member');
    await a.services.close();
    assert.deepEqual(filesContaining(dataDir, cluster.password), [], 'the password is in no file of the data folder');
  });

  await t.test('a refused OFFERING_DESK_TEAM_URL (plain TCP to another computer) presets nothing', async (t) => {
    const a = desk(t, { teamUrlPreset: 'postgres://desk:secret-pw@10.1.2.3:5432/team?sslmode=disable' });
    await a.services.teamReady;
    assert.equal(a.services.settings.team(), null);
    assert.equal(await keytarStore(a.keychainService).get('team-database-password'), null);
  });
});
