// The list's learner count beside the seats (#27 item 4), through the IPC
// handler on a real catalogue: each class on the page carries its roster's
// size, read by the roster's owner for the page's rows only; a class with
// nobody on it says 0, and the count follows an added and an erased learner.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validDraft } from '../support/helpers';
import { learner, taughtClass } from '../support/roster';

test('each class on a list page carries the number of learners on its roster, kept up to date', async (t) => {
  const { ipc, offering } = await taughtClass(t);
  const empty = await ipc('offerings:save', { id: null, draft: validDraft({ courseName: 'Nobody yet' }) });
  const sizes = async () => Object.fromEntries((await ipc('offerings:page', { limit: 50 })).rows.map((r) => [r.id, r.learners]));

  assert.deepEqual(await sizes(), { [offering.id]: 0, [empty.id]: 0 });
  await ipc('learners:save', { offeringRowId: offering.id, id: null, details: learner({ firstName: 'Ana', lastName: 'Ruiz', email: 'a@example.ca', learnerId: 'A-1' }) });
  const roster = await ipc('learners:save', { offeringRowId: offering.id, id: null, details: learner({ firstName: 'Béa', lastName: 'Roy', email: 'b@example.ca', learnerId: 'B-1' }) });
  assert.deepEqual(await sizes(), { [offering.id]: 2, [empty.id]: 0 });

  await ipc('learners:erase', { id: roster.learners[0]!.id });
  assert.deepEqual(await sizes(), { [offering.id]: 1, [empty.id]: 0 });
});
