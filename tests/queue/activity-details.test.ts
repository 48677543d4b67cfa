// Activity says what each call was about: an update's fields with their values
// before and after, and a learning record's learner, whose name is read from
// the sealed roster when shown and is never written into the call log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { filesContaining } from '../support/helpers';
import { taughtClass, readyToReport, learner } from '../support/roster';

test('an update lists the fields it changed with their values before and after; an add and a delete list none', async (t) => {
  const { services, ipc, offering, draft } = await taughtClass(t);
  await ipc('offerings:publish', { id: offering.id, draft: { ...draft, seatsRemaining: 7, price: 129, courseName: 'Working at Heights — evening' }, base: draft });
  await services.queue.drain();
  const [update, add] = await ipc('activity:list', { failuresOnly: false, limit: 10 });
  assert.equal(update!.action, 'patch');
  assert.deepEqual(
    [...update!.changes].sort((a, b) => a.field.localeCompare(b.field)),
    [
      { field: 'courseName', from: 'Working at Heights — full day', to: 'Working at Heights — evening' },
      { field: 'price', from: 149.5, to: 129 },
      { field: 'seatsRemaining', from: 12, to: 7 },
    ],
  );
  assert.equal(update!.learner, null);
  assert.equal(add!.action, 'add');
  assert.deepEqual(add!.changes, [], 'an add is the whole offering: nothing changed from');
});

test('a learning record names its learner from the sealed roster; the call log holds only the row id, and an erased learner shows no name', async (t) => {
  const { services, ipc, offering, classOver } = await taughtClass(t);
  const id = await readyToReport(ipc, offering.id, classOver);
  await ipc('records:report', { offeringRowId: offering.id, ids: [id] });
  await services.queue.drain();
  const [record] = await ipc('activity:list', { failuresOnly: false, limit: 10 });
  assert.equal(record!.action, 'report');
  assert.equal(record!.phase, 'done');
  assert.equal(record!.learner, `${learner().firstName} ${learner().lastName}`);
  const stored = services.db.prepare("SELECT detail FROM call_log WHERE action = 'report'").all() as { detail: string }[];
  assert.deepEqual(new Set(stored.map((r) => r.detail)), new Set([JSON.stringify({ learnerRow: id })]), 'the row id, on each of the call’s lines');
  // Checkpointed into the file, then searched as bytes: the name is in no file of the data folder.
  services.db.pragma('wal_checkpoint(TRUNCATE)');
  assert.deepEqual(filesContaining(path.join(services.dataDir), learner().lastName), []);

  // An erased learner's row is gone: the call stays, without a name.
  services.learners.remove(id);
  const [after] = await ipc('activity:list', { failuresOnly: false, limit: 10 });
  assert.equal(after!.learner, null);
});
