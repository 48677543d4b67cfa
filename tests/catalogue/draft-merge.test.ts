// The three-way merge of a draft being edited with the catalogue's copy: what
// changed elsewhere comes in field by field, what the user is typing stays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { changedFields, mergeDraft } from '../../shared/draft-merge';
import { validDraft } from '../support/helpers';

test('seats changed in the list come into a form editing the course name; the name typed stays', () => {
  const base = validDraft({ courseName: 'WAH', seatsRemaining: 12 });
  const mine = { ...base, courseName: 'WAH, renamed' };
  const theirs = { ...base, seatsRemaining: 3 };
  const merged = mergeDraft(base, mine, theirs);
  assert.equal(merged.seatsRemaining, 3);
  assert.equal(merged.courseName, 'WAH, renamed');
  assert.deepEqual(changedFields(base, merged).sort(), ['courseName', 'seatsRemaining']);
});

test('a field both changed keeps what the user typed; the address merges part by part; days as one list', () => {
  const base = validDraft({ seatsRemaining: 12 });
  const mine = { ...base, seatsRemaining: 9, address: { ...base.address, city: 'Ottawa' } };
  const theirs = { ...base, seatsRemaining: 3, address: { ...base.address, street: '1 Bay St' }, classDays: [{ date: '2031-05-05', start: '09:00', end: '17:00' }] };
  const merged = mergeDraft(base, mine, theirs);
  assert.equal(merged.seatsRemaining, 9);
  assert.deepEqual(merged.address, { ...base.address, city: 'Ottawa', street: '1 Bay St' });
  assert.deepEqual(merged.classDays, theirs.classDays);
  merged.classDays[0]!.date = '2031-06-06';
  assert.equal(theirs.classDays[0]!.date, '2031-05-05', 'the merge copies, never shares, what it takes');
});

test('an empty offering ID stays empty: the one the catalogue made at a save is not a change', () => {
  const base = validDraft({ offeringId: '' });
  assert.equal(mergeDraft(base, base, { ...base, offeringId: 'wah-e-i-2031-03-10-k7q2' }).offeringId, '');
  const named = validDraft({ offeringId: 'wah-1' });
  assert.equal(mergeDraft(named, named, { ...named, offeringId: 'wah-2' }).offeringId, 'wah-2', 'an ID changed elsewhere comes in');
});

const seats = fc.option(fc.integer({ min: 0, max: 500 }), { nil: null });
const name = fc.string({ maxLength: 10 });
test('property: untouched fields equal theirs, touched fields equal mine, whatever the three hold', () => {
  fc.assert(
    fc.property(seats, seats, seats, name, name, name, (b, m, th, bn, mn, tn) => {
      const base = validDraft({ offeringId: 'x1', seatsRemaining: b, courseName: bn });
      const mine = { ...base, seatsRemaining: m, courseName: mn };
      const theirs = { ...base, seatsRemaining: th, courseName: tn };
      const merged = mergeDraft(base, mine, theirs);
      assert.equal(merged.seatsRemaining, m === b ? th : m);
      assert.equal(merged.courseName, mn === bn ? tn : mn);
      assert.deepEqual(mergeDraft(base, base, theirs), theirs, 'nothing typed: the catalogue’s copy');
      assert.deepEqual(mergeDraft(base, mine, base), mine, 'nothing changed elsewhere: the draft as typed');
    }),
  );
});
