// Team sync between desks (docs/team.md, "Sync" and "Merging"), with real
// parts: one PostgreSQL cluster, each desk its own data folder, SQLite file and
// keychain service. Changes of different fields on two desks are both kept; one
// field changed on both converges on the first value to reach the team, and the
// other desk is told, with its value to put back; an edit of an offering moved
// to the Trash elsewhere stays in the Trash and is told; two desks making the
// same offering ID make one offering; the database down, changes wait and say
// so, then go; a live desk hears another's change through LISTEN/NOTIFY.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { Channel, RequestOf, ResponseOf } from '../../shared/ipc';
import type { OfferingDraft } from '../../shared/offering';
import { dispatch } from '../../electron/main/ipc/dispatch';
import { createHandlers } from '../../electron/main/handlers';
import { validDraft, waitFor } from '../support/helpers';
import { testServices } from '../support/services';
import { keytarStore } from '../../electron/main/platform/credentials';
import { postgresMissing, startPostgres, type PgCluster } from '../support/postgres';

function desk(t: TestContext, cluster: PgCluster, database: string, manual = true) {
  const made = testServices(t, { teamSync: { manual, pollMs: 60_000, timeoutMs: 3000 } });
  const handlers = createHandlers(made.services);
  async function call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    const r = await dispatch(handlers, channel, request, () => {});
    if (!r.ok) throw Object.assign(new Error(r.error.message), { appError: r.error });
    return r.value as ResponseOf<C>;
  }
  const { catalogue, teamSync } = made.services;
  const rowOf = (offeringId: string) => catalogue.store.rowIdOf(offeringId) ?? assert.fail(`${offeringId} is on this desk`);
  return {
    ...made,
    call,
    connect: (staffName?: string) => call('team:save', { host: '127.0.0.1', port: cluster.port, database, user: cluster.user, tls: 'off', caFile: '', password: cluster.password, ...(staffName === undefined ? {} : { staffName }) }),
    sync: () => teamSync.now(),
    draft: (offeringId: string): OfferingDraft => catalogue.get(rowOf(offeringId)).draft,
    edit: (offeringId: string, change: Partial<OfferingDraft>) => catalogue.save(rowOf(offeringId), { ...catalogue.get(rowOf(offeringId)).draft, ...change }),
    rowOf,
    trashed: () => catalogue.trash().map((r) => r.draft.offeringId).sort(),
    ids: () => catalogue.list().map((r) => r.draft.offeringId).sort(),
  };
}

/** Desk A shares two offerings, desk B joins: both in step, nothing waiting. */
async function team(t: TestContext, cluster: PgCluster, { manual = true, nameOfA = undefined as string | undefined } = {}) {
  const database = await cluster.createDatabase();
  const a = desk(t, cluster, database, manual);
  a.services.catalogue.save(null, validDraft({ offeringId: 'wah-x', courseName: 'Working at Heights', seatsRemaining: 12 }));
  a.services.catalogue.save(null, validDraft({ offeringId: 'wah-y', courseName: 'Second class', seatsRemaining: 8 }));
  await a.connect(nameOfA);
  await a.call('team:share', {});
  const b = desk(t, cluster, database, manual);
  await b.connect();
  await b.call('team:join', {});
  assert.deepEqual(b.ids(), ['wah-x', 'wah-y']);
  assert.equal(a.services.teamSync.view()?.waiting, 0, 'Share marks nothing to share again');
  assert.equal(b.services.teamSync.view()?.waiting, 0, 'nor does Join');
  return { a, b, database };
}

test('team sync between desks on a real PostgreSQL', { skip: postgresMissing, timeout: 180_000 }, async (t) => {
  const cluster = await startPostgres(t);

  await t.test('a change on one desk reaches the other; the header says up to date, or how many wait', async (t) => {
    const { a, b } = await team(t, cluster);
    a.edit('wah-x', { seatsRemaining: 5 });
    assert.deepEqual(a.services.teamSync.view(), { state: 'sharing', waiting: 1, problem: null, notices: 0 });
    await a.sync();
    assert.deepEqual(a.services.teamSync.view(), { state: 'up-to-date', waiting: 0, problem: null, notices: 0 });
    await b.sync();
    assert.equal(b.draft('wah-x').seatsRemaining, 5);
    assert.equal(b.services.teamSync.view()?.waiting, 0, 'a change taken in is not shared back');
    // A new offering, and a change of its ID before it is listed.
    b.services.catalogue.save(null, validDraft({ offeringId: 'wah-new', courseName: 'Made on B' }));
    await b.sync();
    b.edit('wah-new', { offeringId: 'wah-renamed' });
    await b.sync();
    await a.sync();
    assert.deepEqual(a.ids(), ['wah-renamed', 'wah-x', 'wah-y']);
    assert.equal(a.draft('wah-renamed').courseName, 'Made on B');
  });

  await t.test('a staff name on two lines, or too long, is refused at its field and changes nothing', async (t) => {
    const { a } = await team(t, cluster, { nameOfA: 'Marie' });
    for (const staffName of ['Marie\nCôté', 'x'.repeat(81)]) {
      const refused = await a.connect(staffName).then(() => assert.fail('accepted'), (e: { appError: { code: string; fields?: { path: string; code: string }[] } }) => e.appError);
      assert.deepEqual([refused.code, refused.fields?.map((f) => [f.path, f.code])], ['settings-invalid', [['staffName', 'teamStaffName.invalid']]]);
    }
    assert.equal((await a.call('team:get', {})).staffName, 'Marie');
  });

  await t.test('different fields changed on two desks are both kept, on both', async (t) => {
    const { a, b } = await team(t, cluster);
    a.edit('wah-x', { courseName: 'Renamed on A' });
    b.edit('wah-x', { seatsRemaining: 3, address: { ...b.draft('wah-x').address, city: 'Ottawa' } });
    await a.sync();
    await b.sync();
    await a.sync();
    for (const d of [a, b]) {
      assert.deepEqual([d.draft('wah-x').courseName, d.draft('wah-x').seatsRemaining, d.draft('wah-x').address.city], ['Renamed on A', 3, 'Ottawa']);
      assert.equal(d.services.syncStore.noticeCount(), 0, 'nobody lost anything');
    }
  });

  await t.test('one field changed on both converges on the first to reach the team; the other desk is told who, and can put its value back', async (t) => {
    const { a, b } = await team(t, cluster, { nameOfA: '  Marie-Ève Côté ' });
    a.edit('wah-x', { seatsRemaining: 10 });
    b.edit('wah-x', { seatsRemaining: 20 });
    await a.sync();
    await b.sync();
    await a.sync();
    assert.deepEqual([a.draft('wah-x').seatsRemaining, b.draft('wah-x').seatsRemaining], [10, 10]);
    assert.equal(a.services.syncStore.noticeCount(), 0);
    const [notice, ...more] = await b.call('team:notices', { rowId: b.rowOf('wah-x') });
    assert.deepEqual(more, []);
    assert.deepEqual({ ...notice, id: 0, at: '' }, { id: 0, rowId: b.rowOf('wah-x'), offeringId: 'wah-x', field: 'seatsRemaining', mine: 20, theirs: 10, by: 'Marie-Ève Côté', at: '' });
    assert.equal(b.services.teamSync.view()?.notices, 1);

    assert.deepEqual(await b.call('team:resolveNotice', { id: notice!.id, putBack: true }), []);
    await b.sync();
    await a.sync();
    assert.deepEqual([a.draft('wah-x').seatsRemaining, b.draft('wah-x').seatsRemaining], [20, 20]);
    assert.equal(a.services.syncStore.noticeCount(), 0, 'a value put back is a new change: it stands, and nobody else is told');

    // The team's history of the offering says who changed what, newest first, the same on both desks.
    const history = await b.call('team:history', { rowId: b.rowOf('wah-x') });
    assert.deepEqual(history.map((h) => [h.by, h.mine, h.kind, h.changes]), [
      ['', true, 'edit', [{ field: 'seatsRemaining', value: 20 }]],
      ['Marie-Ève Côté', false, 'edit', [{ field: 'seatsRemaining', value: 10 }]],
      ['Marie-Ève Côté', false, 'create', []],
    ]);
    assert.deepEqual((await a.call('team:history', { rowId: a.rowOf('wah-x') })).map((h) => h.seq), history.map((h) => h.seq));
  });

  await t.test('an edit of an offering moved to the Trash on another desk stays, in the Trash, and is told; a restore brings both back', async (t) => {
    const { a, b } = await team(t, cluster);
    a.services.catalogue.delete(a.rowOf('wah-y'));
    b.edit('wah-y', { courseName: 'Edited on B' });
    await a.sync();
    await b.sync();
    await a.sync();
    for (const d of [a, b]) assert.deepEqual(d.trashed(), ['wah-y']);
    assert.deepEqual((await b.call('team:notices', { rowId: b.rowOf('wah-y') })).map((n) => [n.field, n.mine, n.theirs]), [['$trashed', false, true]]);
    const days = (d: typeof a) => (d.services.db.prepare('SELECT COUNT(*) AS n FROM class_days WHERE offering_row = ?').get(d.rowOf('wah-y')) as { n: number }).n;
    assert.deepEqual([days(a), days(b)], [0, 0], 'an edit written in the Trash puts no class day on the calendar');
    b.services.catalogue.restore(b.rowOf('wah-y'));
    await b.sync();
    await a.sync();
    assert.deepEqual([days(a), days(b)], [1, 1], 'restored, its day is back on each desk');
    for (const d of [a, b]) {
      assert.deepEqual(d.ids(), ['wah-x', 'wah-y']);
      assert.equal(d.draft('wah-y').courseName, 'Edited on B');
    }
  });

  await t.test('two desks making the same offering ID (one schedule imported twice) make one offering; a differing field is told', async (t) => {
    const { a, b } = await team(t, cluster);
    a.services.catalogue.save(null, validDraft({ offeringId: 'wah-same', courseName: 'Imported', seatsRemaining: 12 }));
    b.services.catalogue.save(null, validDraft({ offeringId: 'wah-same', courseName: 'Imported', seatsRemaining: 9 }));
    await a.sync();
    await b.sync();
    await a.sync();
    for (const d of [a, b]) {
      assert.deepEqual(d.ids(), ['wah-same', 'wah-x', 'wah-y']);
      assert.equal(d.draft('wah-same').seatsRemaining, 12);
    }
    assert.deepEqual((await b.call('team:notices', { rowId: b.rowOf('wah-same') })).map((n) => [n.field, n.mine, n.theirs]), [['seatsRemaining', 9, 12]]);
    assert.equal(a.services.syncStore.noticeCount(), 0);
  });

  await t.test('another desk renames an offering to an ID this desk just gave a new one: this desk’s moves aside, is told, and both reach the team', async (t) => {
    const { a, b } = await team(t, cluster, { nameOfA: 'Marie' });
    a.edit('wah-x', { offeringId: 'wah-z' });
    await a.sync();
    b.services.catalogue.save(null, validDraft({ offeringId: 'wah-z', courseName: 'Made on B' }));
    await b.sync();
    await a.sync();
    const ids = b.ids();
    assert.equal(ids.length, 3);
    assert.deepEqual(a.ids(), ids, 'both desks hold the same three offerings');
    const moved = ids.find((id) => id.startsWith('wah-z-'))!;
    assert.equal(b.draft(moved).courseName, 'Made on B');
    assert.equal(b.draft('wah-z').courseName, 'Working at Heights', 'the renamed team offering has the ID');
    assert.deepEqual((await b.call('team:notices', { rowId: b.rowOf(moved) })).map((n) => [n.field, n.mine, n.theirs, n.by]), [['offeringId', 'wah-z', moved, 'Marie']]);
    assert.equal(b.services.teamSync.view()?.state, 'up-to-date');
  });

  await t.test('the database down: drafting goes on, changes wait and say why, then go when it is back', async (t) => {
    const { a, b } = await team(t, cluster);
    await cluster.stop();
    try {
      a.edit('wah-x', { courseName: 'Typed while offline' });
      a.services.catalogue.save(null, validDraft({ offeringId: 'wah-offline', courseName: 'Made offline' }));
      await a.sync();
      const view = a.services.teamSync.view();
      assert.deepEqual([view?.state, view?.waiting, view?.problem?.code], ['offline', 2, 'team-unreachable']);
    } finally {
      await cluster.start();
    }
    await a.sync();
    assert.deepEqual(a.services.teamSync.view(), { state: 'up-to-date', waiting: 0, problem: null, notices: 0 });
    await b.sync();
    assert.deepEqual(b.ids(), ['wah-offline', 'wah-x', 'wah-y']);
    assert.equal(b.draft('wah-x').courseName, 'Typed while offline');
  });

  await t.test('a desk that leaves keeps its catalogue, stops exchanging and marking, and its team password leaves the keychain', async (t) => {
    const { a, b } = await team(t, cluster);
    a.edit('wah-x', { courseName: 'Shared before leaving' });
    await a.sync();
    a.edit('wah-y', { courseName: 'Not shared' });
    const left = await a.call('team:leave', {});
    assert.deepEqual([left.mode, left.connection, left.sync, left.passwordSet], ['none', null, null, false]);
    assert.equal(await keytarStore(a.keychainService).get('team-database-password'), null);
    assert.deepEqual(a.ids(), ['wah-x', 'wah-y'], 'the catalogue stays');
    a.edit('wah-x', { seatsRemaining: 1 });
    assert.equal(a.services.syncStore.waiting(), 0, 'nothing is marked any more');
    b.edit('wah-x', { courseName: 'After A left' });
    await b.sync();
    await a.sync();
    assert.equal(a.draft('wah-x').courseName, 'Shared before leaving', 'nothing arrives any more');
    assert.equal(b.draft('wah-y').courseName, 'Second class', 'what was not shared stays on A');
  });

  await t.test('a desk keeping step by itself hears another desk’s change through NOTIFY, without polling', async (t) => {
    const { a, b } = await team(t, cluster, { manual: false });
    await waitFor(() => b.services.teamSync.view()?.state === 'up-to-date', { what: 'B in step' });
    // Polling is every 60 s here: within 10 s, only the notification can have brought it.
    a.edit('wah-x', { courseName: 'Heard through NOTIFY' });
    await waitFor(() => b.draft('wah-x').courseName === 'Heard through NOTIFY', { what: 'the change on B', timeoutMs: 10_000 });
  });
});
