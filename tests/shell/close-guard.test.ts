// Closing the window waits for the page's pending save, then closes; a page
// that never answers does not keep the window open. Electron does not run
// here: the guard is driven through the part of BrowserWindow it uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { guardClose, FLUSH_WAIT_MS } from '../../electron/main/shell/close-guard';

/** BrowserWindow's close as Electron runs it: 'close' listeners may prevent it; otherwise the window is gone. */
class Window extends EventEmitter {
  destroyed = false;
  close(): void {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) this.destroyed = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

test('the first close waits for the flush, then the window closes; clicking close again meanwhile asks once', async () => {
  const win = new Window();
  let asked = 0;
  let answer!: () => void;
  guardClose(win, () => {
    asked += 1;
    return new Promise<void>((resolve) => (answer = resolve));
  });
  win.close();
  win.close();
  assert.equal(win.isDestroyed(), false, 'held while the page saves');
  assert.equal(asked, 1);
  answer();
  await new Promise((r) => setImmediate(r));
  assert.equal(win.isDestroyed(), true);
});

test('a page that fails or never answers does not keep the window open', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const hung = new Window();
  guardClose(hung, () => new Promise(() => undefined));
  hung.close();
  t.mock.timers.tick(FLUSH_WAIT_MS - 1);
  assert.equal(hung.isDestroyed(), false);
  t.mock.timers.tick(1);
  assert.equal(hung.isDestroyed(), true);

  const failing = new Window();
  guardClose(failing, () => Promise.reject(new Error('page gone')));
  failing.close();
  await Promise.resolve();
  await Promise.resolve();
  assert.equal(failing.isDestroyed(), true);
});
