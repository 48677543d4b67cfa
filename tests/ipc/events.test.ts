// Main's pushed events: what a window hears after a change, and nothing after main has closed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate as turn } from 'node:timers/promises';
import type { DeskEvent } from '../../shared/ipc';
import { validDraft } from '../support/helpers';
import { testServices } from '../support/services';
import { createEventHub } from '../../electron/main/ipc/events';

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

test('while changes keep coming, windows hear at most one event per interval, with every change in it; a change after a quiet spell goes at once', (t) => {
  // The hub's timers and clock are the test's: the times below are exact, whatever the machine's load.
  t.mock.timers.enable({ apis: ['setTimeout', 'setImmediate', 'Date'], now: 0 });
  let waiting = 0;
  const hub = createEventHub(() => ({ waiting, failed: 0, offline: false, paused: null, cancelled: false, batch: { total: 0, done: 0, waiting: 0, failed: 0 } }), { minIntervalMs: 100, now: () => Date.now() });
  const heard: { at: number; event: DeskEvent }[] = [];
  hub.subscribe((event) => heard.push({ at: Date.now(), event }));
  // The queue answering every 10 ms for 350 ms, the clock moving a millisecond at a time.
  for (let ms = 0; ms < 500; ms++) {
    if (ms % 10 === 0 && ms < 350) {
      waiting = 35 - ms / 10;
      hub.changed([`o${ms / 10}`]);
    }
    t.mock.timers.tick(1);
  }
  // Quiet since 401 ms: a change at 500 goes in the next turn, not 100 ms after it.
  hub.changed(['late']);
  t.mock.timers.tick(1);
  hub.close();
  assert.deepEqual(heard.map((h) => h.at), [1, 101, 201, 301, 401, 501], 'the first change in the next turn, then one event per 100 ms, then at once after a quiet spell');
  assert.deepEqual(heard.at(-1)!.event.changed, ['late']);
  heard.pop();
  assert.deepEqual(heard.flatMap((h) => h.event.changed!).sort(), Array.from({ length: 35 }, (_, i) => `o${i}`).sort(), 'no change left out');
  assert.equal(heard.at(-1)!.event.queue.waiting, 1, 'the last event of the busy spell has the queue as it was last');
});
