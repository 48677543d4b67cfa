import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox } from '../../electron/main/sandbox/sandbox-server';
import { keytarStore } from '../../electron/main/credentials';
import { tempDir, uniqueKeychainService, futureDate, validDraft } from '../helpers';
import { launchBrowser, startBridgeProcess, screenshot } from './harness';

async function setup(t: TestContext, seed: ReturnType<typeof validDraft>[] = []) {
  const sandbox = await startSandbox();
  const browser = await launchBrowser();
  const keychainService = uniqueKeychainService();
  const bridge = await startBridgeProcess({ OFFERING_DESK_DATA_DIR: tempDir(), OFFERING_DESK_KEYCHAIN_SERVICE: keychainService, OFFERING_DESK_MARKETPLACE_URL: sandbox.baseUrl });
  t.after(async () => {
    await bridge.stop();
    await browser.close();
    await sandbox.close();
    await keytarStore(keychainService).delete('marketplace-network-key');
  });
  const page = await browser.newPage({ locale: 'en-CA' });
  await page.goto(bridge.url);
  for (const draft of seed) await page.evaluate((d) => window.api.invoke('offerings:save', { id: null, draft: d }), draft);
  if (seed.length) await page.reload();
  return page;
}

test('a JHSC Part One in-person class over three days, with "same times as day 1" and a saved location', async (t) => {
  const page = await setup(t, [validDraft({ address: { street: '55 York St', extended: 'Suite 300', city: 'Toronto', province: 'ON', postalCode: 'M5J 1R7' } })]);
  await page.getByRole('button', { name: 'New offering' }).click();
  await page.getByLabel('Course name').fill('JHSC Certification Part One');
  await page.getByLabel('Training standard').selectOption('JHSC-2014-1-E-I');
  await page.getByLabel('Saved location').selectOption({ label: '55 York St, Suite 300, Toronto M5J 1R7' });
  assert.equal(await page.getByLabel('Street address').inputValue(), '55 York St');
  assert.equal(await page.getByLabel('Postal code').inputValue(), 'M5J 1R7');

  const days = [futureDate('05-04'), futureDate('05-05'), futureDate('05-06')];
  await page.getByLabel('Day 1 date').fill(days[0]!);
  await page.getByLabel('Day 1 start time').fill('08:30');
  await page.getByLabel('Day 1 end time').fill('15:00');
  for (const [i, date] of days.slice(1).entries()) {
    await page.getByRole('button', { name: 'Add class day' }).click();
    await page.getByLabel(`Day ${i + 2} date`).fill(date);
    await page.getByLabel(`Day ${i + 2} end time`).fill('12:00');
  }
  await page.getByRole('button', { name: 'Same times as day 1' }).click();
  assert.equal(await page.getByLabel('Day 3 end time').inputValue(), '15:00');
  assert.equal(await page.getByTestId('hours').textContent(), 'Total instruction: 19.5 h');
  assert.equal(await page.getByText(/usually needs at least/).count(), 0, 'three full days meet the standard');
  assert.match((await page.getByRole('region', { name: /Preview/ }).textContent()) ?? '', /JHSC Certification Part One.*JHSC - Part 1.*8:30.*3:00.*55 York St, Toronto, ON, M5J 1R7/s);
  await screenshot(page, 'jhsc-three-days');
});

test('a Working at Heights class that is too short gets a warning but can still be saved', async (t) => {
  const page = await setup(t);
  await page.getByRole('button', { name: 'New offering' }).click();
  await page.getByLabel('Training standard').selectOption('WAH-E-I');
  await page.getByLabel('Day 1 date').fill(futureDate('06-01'));
  await page.getByLabel('Day 1 start time').fill('09:00');
  await page.getByLabel('Day 1 end time').fill('12:00');
  await page.getByText('Only 3 h of instruction; this standard usually needs at least 6.5 h.').waitFor();
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByText('Draft saved.').waitFor();
});

test('Run again and Repeat weekly make new drafts on new dates', async (t) => {
  const page = await setup(t, [validDraft({ courseName: 'WAH Monday', classDays: [{ date: futureDate('03-08'), start: '08:30', end: '16:30' }] })]);
  await page.getByRole('button', { name: /WAH Monday/ }).click();
  await page.getByLabel('First day of the new run').fill(futureDate('04-12'));
  await page.getByRole('button', { name: 'Run again' }).click();
  await page.getByText('1 new draft made.').waitFor();
  await page.getByLabel('Weekly runs').fill('3');
  await page.getByLabel('First day of the new run').fill(futureDate('05-03'));
  await page.getByRole('button', { name: 'Repeat weekly' }).click();
  await page.getByText('3 new drafts made.').waitFor();
  const dates = await page.getByTestId('row-id-line').allTextContents();
  assert.deepEqual(dates.map((d) => d.split(' · ')[0]), [futureDate('03-08'), futureDate('04-12'), futureDate('05-03'), futureDate('05-10'), futureDate('05-17')]);
});
