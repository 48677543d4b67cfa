// Turns: each caller's work runs on a turn of the event loop of its own, so a
// timer that falls due during one caller's work runs before the next caller's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTurns } from '../../electron/main/queue/turns';

/** Holds the thread, as a change's work does, until a timer set now is due. */
function busyFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

test('callers take their turns in order, and a timer due in between runs before the next one', async () => {
  const turns = createTurns();
  const order: string[] = [];
  const caller = async (name: string) => {
    await turns.take();
    order.push(name);
    if (name === 'first') {
      setTimeout(() => order.push('timer'), 0);
      busyFor(5);
    }
  };
  await Promise.all([caller('first'), caller('second'), caller('third')]);
  assert.deepEqual(order, ['first', 'timer', 'second', 'third']);
});

// Once every caller had its turn, the next one must start the round again (a lost round would stop the queue).
test('a caller after every earlier one is done still gets a turn', { timeout: 5000 }, async () => {
  const turns = createTurns();
  const order: string[] = [];
  await turns.take().then(() => order.push('first'));
  await new Promise((resolve) => setTimeout(resolve, 10));
  await turns.take().then(() => order.push('later'));
  assert.deepEqual(order, ['first', 'later']);
});
