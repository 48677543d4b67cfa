// The window's start: what it asks main for before the app is built, and the
// changes main makes meanwhile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validDraft } from '../support/helpers';
import { startApp } from './harness';

test('a change made while the window starts reaches its list: main\'s events are listened to before anything is asked', async (t) => {
  const { page } = await startApp(t, { seed: [validDraft({ courseName: 'Alpha class' })] });
  const other = await page.context().newPage();
  await other.goto(page.url());

  // The window's settings are held, so the app is not built yet when the first page has answered.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/settings%3Aget', async (route) => {
    await held;
    await route.continue();
  });
  const listening = page.waitForResponse((r) => r.url().includes('/api/events'));
  const firstPage = page.waitForResponse((r) => r.url().includes('/api/offerings%3Apage'));
  await page.reload({ waitUntil: 'commit' });
  await listening;
  const answered = (await (await firstPage).json()) as { ok: true; value: { rows: { courseName: string }[] } };
  assert.deepEqual(
    answered.value.rows.map((r) => r.courseName),
    ['Alpha class'],
  );

  // Another window adds an offering after that answer and before this window's app listens.
  const saved = await other.evaluate((draft) => window.api.invoke('offerings:save', { id: null, draft }), validDraft({ courseName: 'Beta class' }));
  assert.equal(saved.ok, true);
  release();

  const names = page.locator('button.row .name');
  await names.filter({ hasText: 'Beta class' }).waitFor({ timeout: 10_000 });
  assert.deepEqual((await names.allTextContents()).sort(), ['Alpha class', 'Beta class']);
});
