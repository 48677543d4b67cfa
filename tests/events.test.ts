// Main's pushed events: what a window hears after a change, and nothing after main has closed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate as turn } from 'node:timers/promises';
import type { DeskEvent } from '../shared/ipc';
import { validDraft } from './support/helpers';
import { testServices } from './support/services';

test('the changes of one turn reach a window as one event, with the queue as it is then', async (t) => {
  const { services } = testServices(t);
  const heard: DeskEvent[] = [];
  services.events.subscribe((event) => heard.push(event));
  const a = services.catalogue.save(null, validDraft({ courseName: 'A' }));
  const b = services.catalogue.save(null, validDraft({ courseName: 'B' }));
  await turn();
  assert.equal(heard.length, 1);
  assert.deepEqual(heard[0]!.changed!.sort(), [a.id, b.id].sort());
  assert.equal(heard[0]!.queue.waiting, 0);
});

test('a change just before main closes is pushed as it closes, and nothing after: the catalogue is closed by then', async (t) => {
  const { services } = testServices(t);
  const heard: DeskEvent[] = [];
  services.events.subscribe((event) => heard.push(event));
  const saved = services.catalogue.save(null, validDraft());
  await services.close();
  assert.deepEqual(heard.map((e) => e.changed), [[saved.id]]);
  // The turn the event used to be pushed in: reading the queue's state then threw on the closed
  // catalogue, an uncaught exception in main as the app quit.
  services.events.changed(['later']);
  await turn();
  await turn();
  assert.equal(heard.length, 1);
});
