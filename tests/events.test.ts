// Main's pushed events: what a window hears after a change, and nothing after main has closed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate as turn } from 'node:timers/promises';
import type { DeskEvent } from '../shared/ipc';
import { validDraft } from './support/helpers';
import { testServices } from './support/services';
import { createEventHub } from '../electron/main/events';

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

test('while changes keep coming, windows hear at most one event per interval, with every change in it; a change after a quiet spell goes at once', async () => {
  let waiting = 0;
  const hub = createEventHub(() => ({ waiting, failed: 0, offline: false, paused: null, cancelled: false, batch: { total: 0, done: 0, waiting: 0, failed: 0 } }), { minIntervalMs: 100 });
  const heard: { at: number; event: DeskEvent }[] = [];
  const started = performance.now();
  hub.subscribe((event) => heard.push({ at: performance.now() - started, event }));
  // The queue answering every 10 ms for 350 ms.
  for (let i = 0; i < 35; i++) {
    waiting = 35 - i;
    hub.changed([`o${i}`]);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await new Promise((resolve) => setTimeout(resolve, 150));
  hub.close();
  assert.ok(heard.length >= 3 && heard.length <= 10, `${heard.length} events for 35 changes`);
  // A timer may fire a fraction of a millisecond early.
  for (let i = 1; i < heard.length; i++) assert.ok(heard[i]!.at - heard[i - 1]!.at >= 98, `event ${i} came ${(heard[i]!.at - heard[i - 1]!.at).toFixed(0)} ms after the one before`);
  assert.deepEqual(heard.flatMap((h) => h.event.changed!).sort(), Array.from({ length: 35 }, (_, i) => `o${i}`).sort(), 'no change left out');
  assert.equal(heard.at(-1)!.event.queue.waiting, 1, 'the last event has the queue as it was last');
  assert.ok(heard[0]!.at < 20, 'the first change went in the next turn');
});
