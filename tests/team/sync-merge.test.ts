// Team sync's merge rules as pure functions (team/sync-merge.ts), at their
// edges: what this desk changed since its base, and one team change taken in
// against a base and this desk's copy — a field not changed here takes the
// team's, one changed here to the same value is no conflict, one changed here
// to another value takes the team's and is reported lost; a listing is never
// reported; a move to the Trash over unshared changes is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validDraft } from '../support/helpers';
import { fieldsOf, localChanges, LISTING, same, stateOf, takeChange, TRASHED } from '../../electron/main/team/sync-merge';

const state = (change: Parameters<typeof validDraft>[0] = {}, trashed = false) => ({ draft: validDraft({ offeringId: 'wah-1', ...change }), trashed, listing: { listed: null, via: null } });

test('same: equal whatever the order of keys, as jsonb gives them back; not equal across types', () => {
  assert.ok(same({ a: 1, b: { c: 2, d: [1, { e: 1, f: 2 }] } }, { b: { d: [1, { f: 2, e: 1 }], c: 2 }, a: 1 }));
  assert.ok(!same([1, 2], [2, 1]), 'a list keeps its order');
  assert.ok(!same(1, '1'));
  assert.ok(!same(null, undefined));
  assert.ok(same(undefined, undefined));
});

test('fieldsOf and stateOf take an offering apart and put it back: the address by part, the Trash and the listing as fields', () => {
  const s = { ...state({ courseName: 'WAH' }, true), listing: { listed: { offeringId: 'x' }, via: 'network' } };
  const fields = fieldsOf(s);
  assert.equal(fields['address.city'], 'Toronto');
  assert.equal(fields[TRASHED], true);
  assert.deepEqual(fields[LISTING], { listed: { offeringId: 'x' }, via: 'network' });
  assert.ok(same(stateOf(fields), s));
});

test('localChanges: nothing when equal; only the fields that differ; everything for an offering the team does not have', () => {
  const base = fieldsOf(state());
  assert.deepEqual(localChanges(base, fieldsOf(state())), {});
  assert.deepEqual(localChanges(base, fieldsOf({ ...state({ seatsRemaining: 3 }), trashed: true })), { seatsRemaining: 3, [TRASHED]: true });
  const local = fieldsOf(state());
  assert.deepEqual(localChanges(null, local), local);
});

test('takeChange: a field not changed here takes the team’s; changed here to the same value, no conflict; to another, the team’s stands and it is reported', () => {
  const base = fieldsOf(state({ seatsRemaining: 12, courseName: 'WAH' }));
  const local = fieldsOf(state({ seatsRemaining: 20, courseName: 'Mine' }));
  const taken = takeChange(base, local, { seatsRemaining: 10, courseName: 'Mine', price: 99 });
  assert.equal(taken.local.seatsRemaining, 10);
  assert.equal(taken.local.courseName, 'Mine');
  assert.equal(taken.local.price, 99);
  assert.deepEqual(taken.lost, [{ field: 'seatsRemaining', mine: 20, theirs: 10 }]);
  assert.deepEqual([taken.base.seatsRemaining, taken.base.courseName, taken.base.price], [10, 'Mine', 99], 'the base takes every field the change carries');
  assert.deepEqual(localChanges(taken.base, taken.local), {}, 'nothing left to share');
});

test('takeChange: a field changed here that the team change does not touch stays this desk’s, still to share', () => {
  const base = fieldsOf(state());
  const local = fieldsOf(state({ courseName: 'Mine' }));
  const taken = takeChange(base, local, { seatsRemaining: 3 });
  assert.deepEqual(taken.lost, []);
  assert.deepEqual(localChanges(taken.base, taken.local), { courseName: 'Mine' });
});

test('takeChange: a listing that differs is taken, never reported; a move to the Trash over unshared changes is reported, without them it is not', () => {
  const base = fieldsOf(state());
  const listed = { ...fieldsOf(state()), [LISTING]: { listed: { a: 1 }, via: 'network' } };
  assert.deepEqual(takeChange(base, listed, { [LISTING]: { listed: { a: 2 }, via: 'gateway' } }).lost, []);
  const edited = fieldsOf(state({ courseName: 'Mine' }));
  const trashed = takeChange(base, edited, { [TRASHED]: true });
  assert.deepEqual(trashed.lost, [{ field: TRASHED, mine: false, theirs: true }]);
  assert.equal(trashed.local.courseName, 'Mine', 'the change is kept, in the Trash');
  assert.equal(trashed.local[TRASHED], true);
  assert.deepEqual(takeChange(base, fieldsOf(state()), { [TRASHED]: true }).lost, [], 'nothing changed here: nothing to tell');
});

test('takeChange with no base (the same offering ID made here): every field that differs is reported, and the team’s copy stands', () => {
  const local = fieldsOf(state({ seatsRemaining: 9 }));
  const team = fieldsOf(state({ seatsRemaining: 12 }));
  const taken = takeChange(null, local, team);
  assert.deepEqual(taken.lost, [{ field: 'seatsRemaining', mine: 9, theirs: 12 }]);
  assert.ok(same(taken.local, team));
});
