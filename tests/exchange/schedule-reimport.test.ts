// Importing a schedule the catalogue already holds: rows with a known offering
// ID update it and say so; rows without one that look like an offering already
// there (same standard, first day and city) are asked about, never silently
// copied. Through the IPC handlers, on real SQLite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testServices } from '../support/services';
import { ipcFor } from '../support/roster';
import { futureDate } from '../support/helpers';
import type { ImportPreview } from '../../shared/schedule-import';

const year = futureDate('01-01').slice(0, 4);
const HEADER = 'Course name,Training standard,Delivery,Date,Start,End,Seats remaining,Price,Street address,City,Postal code,Registration URL';
const ROWS = [
  `WAH Toronto,Working at Heights - Full course,In person,${year}-05-04,8:30 AM,4:30 PM,15,149.50,100 Queen St W,Toronto,M5H 2N2,https://training.example.ca/r/wah`,
  `WAH Ottawa,Working at Heights - Full course,In person,${year}-05-04,8:30 AM,4:30 PM,15,149.50,1 Elgin St,Ottawa,K1P 5W1,https://training.example.ca/r/wah`,
];
const file = (rows: string[], header = HEADER) => Buffer.from([header, ...rows].join('\r\n'), 'utf8').toString('base64');

test('a schedule without offering IDs imported twice: the second time every row is asked about, and nothing is copied until the user says so', async (t) => {
  const { services } = testServices(t);
  const { ipc } = ipcFor(services);
  const first = await ipc('schedule:import', { file: file(ROWS), choices: {} });
  assert.equal(first.created, 2);

  const again = (await ipc('schedule:preview', { file: file(ROWS), choices: {} })) as ImportPreview;
  assert.deepEqual(again.questions.similar, { needed: true, count: 2 });
  assert.deepEqual(again.rows.map((r) => [r.action, r.problems.map((p) => p.code)]), [['refused', ['import.similar']], ['refused', ['import.similar']]]);
  assert.deepEqual(again.offerings, { create: 0, update: 0 });
  const unanswered = await ipc('schedule:import', { file: file(ROWS), choices: {} });
  assert.deepEqual([unanswered.created, unanswered.refused], [0, 2]);
  assert.equal(services.catalogue.list().length, 2, 'nothing copied while unanswered');

  const skipped = await ipc('schedule:import', { file: file(ROWS), choices: { similar: 'skip' } });
  assert.deepEqual([skipped.created, skipped.skipped, skipped.refused], [0, 2, 0]);
  assert.equal(services.catalogue.list().length, 2, 'left out');

  // A new class in the same file is still created; the known ones are left out.
  const more = [...ROWS, `WAH Toronto,Working at Heights - Full course,In person,${year}-05-11,8:30 AM,4:30 PM,15,149.50,100 Queen St W,Toronto,M5H 2N2,https://training.example.ca/r/wah`];
  const mixed = (await ipc('schedule:preview', { file: file(more), choices: { similar: 'skip' } })) as ImportPreview;
  assert.deepEqual(mixed.rows.map((r) => [r.action, r.similar]), [['skip', true], ['skip', true], ['create', false]]);

  const copies = await ipc('schedule:import', { file: file(ROWS), choices: { similar: 'create' } });
  assert.deepEqual([copies.created, copies.skipped], [2, 0]);
  assert.equal(services.catalogue.list().length, 4, 'copies only when asked for');
});

test('a schedule with offering IDs imported twice updates each offering and says so', async (t) => {
  const { services } = testServices(t);
  const { ipc } = ipcFor(services);
  const header = `Offering ID,${HEADER}`;
  const rows = ROWS.map((r, i) => `wah-${i + 1},${r}`);
  assert.equal((await ipc('schedule:import', { file: file(rows, header), choices: {} })).created, 2);
  const changed = [rows[0]!.replace(',15,', ',9,'), rows[1]!];
  const again = (await ipc('schedule:preview', { file: file(changed, header), choices: {} })) as ImportPreview;
  assert.deepEqual(again.questions.similar, { needed: false, count: 0 }, 'a known ID is no question');
  assert.deepEqual(again.rows.map((r) => r.action), ['update', 'update']);
  const result = await ipc('schedule:import', { file: file(changed, header), choices: {} });
  assert.deepEqual([result.created, result.updated], [0, 2]);
  const seats = services.catalogue.list().map((r) => [r.draft.offeringId, r.draft.kind === 'class' ? r.draft.seatsRemaining : null]);
  assert.deepEqual(seats, [['wah-1', 9], ['wah-2', 15]]);
});

test('the question is refused when it is not one of its answers, and nothing is written', async (t) => {
  const { services } = testServices(t);
  const { refused } = ipcFor(services);
  const error = await refused('schedule:import', { file: file(ROWS), choices: { similar: 'maybe' } as never });
  assert.equal(error.code, 'bad-request');
  assert.equal(services.catalogue.list().length, 0);
});
