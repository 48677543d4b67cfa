// Course templates through the IPC handlers, on a real catalogue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testServices } from '../support/services';
import { ipcFor } from '../support/roster';
import { validDraft, validOnlineDraft, futureDate } from '../support/helpers';

test('Save as template keeps the course, price, seats, location and day times; New from template leaves only the dates', async (t) => {
  const { services } = testServices(t);
  const { ipc, refused } = ipcFor(services);
  const source = await ipc('offerings:save', {
    id: null,
    draft: validDraft({ courseName: 'JHSC Part Two', trainingStandardKey: 'JHSC-2014-2-E-I', classDays: [{ date: futureDate('05-04'), start: '08:30', end: '15:00' }, { date: futureDate('05-05'), start: '09:00', end: '16:00' }] }),
  });
  const [template] = await ipc('templates:fromOffering', { offeringRowId: source.id, name: '  JHSC Two — Toronto ' });
  assert.equal(template!.name, 'JHSC Two — Toronto');
  assert.deepEqual(template!.body.dayTimes, [{ start: '08:30', end: '15:00' }, { start: '09:00', end: '16:00' }]);
  assert.equal(template!.body.price, 149.5);

  const fresh = await ipc('templates:start', { id: template!.id });
  assert.notEqual(fresh.id, source.id);
  assert.notEqual(fresh.draft.offeringId, source.draft.offeringId, 'a new offering ID');
  assert.deepEqual(fresh.draft.classDays, [{ date: '', start: '08:30', end: '15:00' }, { date: '', start: '09:00', end: '16:00' }]);
  assert.deepEqual(
    { course: fresh.draft.courseName, standard: fresh.draft.trainingStandardKey, seats: fresh.draft.seatsRemaining, price: fresh.draft.price, address: fresh.draft.address, url: fresh.draft.registrationUrl },
    { course: 'JHSC Part Two', standard: 'JHSC-2014-2-E-I', seats: 12, price: 149.5, address: source.draft.address, url: source.draft.registrationUrl },
  );
  assert.equal(fresh.status, 'incomplete', 'saved at once, waiting for its dates');

  // The same name (any case) replaces it, under the name as typed now; another name makes a second template.
  const online = await ipc('offerings:save', { id: null, draft: validOnlineDraft() });
  assert.equal((await ipc('templates:fromOffering', { offeringRowId: source.id, name: 'jhsc two — toronto' })).length, 1);
  const both = await ipc('templates:fromOffering', { offeringRowId: online.id, name: 'Online JHSC' });
  assert.deepEqual(both.map((x) => x.name), ['jhsc two — toronto', 'Online JHSC']);
  assert.deepEqual(both[1]!.body.dayTimes, [], 'an online course has no days');

  // Editable in Settings: a name another template has is refused at the field, and nothing changes.
  const taken = await refused('templates:save', { id: both[1]!.id, name: 'JHSC TWO — TORONTO', body: both[1]!.body });
  assert.deepEqual(taken.fields?.map((f) => f.code), ['template.taken']);
  assert.equal((await refused('templates:fromOffering', { offeringRowId: source.id, name: '   ' })).fields?.[0]?.code, 'required');
  const edited = await ipc('templates:save', { id: both[1]!.id, name: 'Online JHSC Part One', body: { ...both[1]!.body, price: 179 } });
  assert.deepEqual(edited.map((x) => [x.name, x.body.price]), [['jhsc two — toronto', 149.5], ['Online JHSC Part One', 179]]);
  assert.equal((await ipc('templates:delete', { id: both[0]!.id })).length, 1);
  assert.equal((await refused('templates:delete', { id: both[0]!.id })).code, 'not-found');
  assert.equal((await refused('templates:start', { id: both[0]!.id })).code, 'not-found');
});
