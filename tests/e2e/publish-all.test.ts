import { test } from 'node:test';
import assert from 'node:assert/strict';
import { networkKey, validDraft } from '../support/helpers';
import { startApp, screenshot } from './harness';

test('Publish all of 50 offerings moves the progress bar to 50/50; the one the Marketplace refuses shows its field error', { timeout: 120_000 }, async (t) => {
  const { page, sandbox } = await startApp(t, { faults: { latencyMs: 120 } });

  const key = networkKey();
  const drafts = Array.from({ length: 50 }, (_, i) => validDraft({ offeringId: `wah-bulk-${String(i).padStart(2, '0')}`, courseName: `Bulk class ${i}` }));
  const refused = drafts[17]!;
  sandbox.setFaults({ rejectOfferingIds: [refused.offeringId] });
  // Seed the catalogue through the same window.api the UI uses.
  await page.evaluate(
    async ({ drafts, key }) => {
      await window.api.invoke('settings:save', { networkKey: key });
      for (const draft of drafts) await window.api.invoke('offerings:save', { id: null, draft });
    },
    { drafts, key },
  );
  await page.reload();
  await page.getByText('50 offerings', { exact: true }).waitFor();

  await page.getByRole('button', { name: 'Publish all' }).click();
  const progress = page.getByRole('progressbar', { name: 'Publishing' });
  await progress.waitFor();
  const seen = new Set<string>();
  for (;;) {
    const text = (await page.getByTestId('progress-counts').textContent())!.trim();
    seen.add(text);
    if (text.startsWith('49 / 50 published') && text.endsWith('0 waiting · 1 failed')) break;
    await page.waitForTimeout(50);
  }
  assert.equal(await progress.getAttribute('value'), '50');
  assert.equal(await progress.getAttribute('max'), '50');
  const midway = [...seen].filter((s) => !s.startsWith('0 /') && !s.startsWith('49 /'));
  assert.ok(midway.length >= 2, `the bar moved through intermediate counts: ${[...seen].join(' | ')}`);
  await screenshot(page, 'publish-all');

  assert.equal(sandbox.listings(key).length, 49);
  // Only the rows in view are in the page: find it the way staff would.
  await page.getByLabel('Search offerings').fill('Bulk class 17');
  await page.getByRole('button', { name: /Bulk class 17/ }).click();
  const field = page.getByLabel('Course name');
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator(`#${await field.getAttribute('aria-describedby')}`).textContent(), 'rejected by the sandbox (injected fault)');
});
