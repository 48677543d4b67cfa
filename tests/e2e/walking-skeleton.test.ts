import fs from 'node:fs';
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { networkKey, futureDate, filesContaining, waitFor } from '../support/helpers';
import { startApp, screenshot } from './harness';

const setup = (t: TestContext) => startApp(t, { context: { locale: 'en-CA' } });

const DAY1 = futureDate('04-14');
const DAY2 = futureDate('04-15');

async function fillOffering(page: Page, { registrationUrl = 'https://training.example.ca/register/wah-apr' } = {}) {
  await page.getByRole('button', { name: 'New offering', exact: true }).click();
  await page.getByLabel('Course name').fill('Working at Heights — April');
  await page.getByLabel('Training standard').selectOption('WAH-E-I');
  await page.getByLabel('Seats remaining').fill('12');
  await page.getByLabel('Price', { exact: true }).fill('149.50');
  await page.getByLabel('Registration URL').fill(registrationUrl);
  await page.getByLabel('Street address').fill('100 Queen St W');
  await page.getByLabel('City').fill('Toronto');
  await page.getByLabel('Postal code').fill('m5h 2n2');
  await page.getByLabel('Day 1 date').fill(DAY1);
  await page.getByLabel('Day 1 start time').fill('08:30');
  await page.getByLabel('Day 1 end time').fill('16:30');
  await page.getByRole('button', { name: 'Add class day' }).click();
  await page.getByLabel('Day 2 date').fill(DAY2);
  await assertValue(page, 'Day 2 start time', '08:30');
  await page.getByLabel('Day 2 end time').fill('12:00');
}

async function assertValue(page: Page, label: string, value: string) {
  assert.equal(await page.getByLabel(label).inputValue(), value, label);
}

const statusOf = (page: Page, name: string) => page.getByRole('button', { name: new RegExp(name) }).getByTestId('status');

async function waitForStatus(page: Page, name: string, status: string) {
  await statusOf(page, name).filter({ hasText: new RegExp(`^${status}$`) }).waitFor({ timeout: 10_000 });
}

test('draft offline, restart, set the key, publish, patch only the seats, delete', async (t) => {
  const { sandbox, page, dataDir, restartBridge } = await setup(t);

  await fillOffering(page);
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByText('Saved.', { exact: true }).first().waitFor();
  await assertValue(page, 'Postal code', 'M5H 2N2');
  await waitForStatus(page, 'Working at Heights — April', 'Draft');
  const offeringId = await page.getByLabel('Offering ID').inputValue();
  assert.match(offeringId, new RegExp(`^wah-e-i-${DAY1}-[a-z0-9x]{4}$`));
  await screenshot(page, 'offering-form');

  await restartBridge();
  await waitForStatus(page, 'Working at Heights — April', 'Draft');
  await page.getByRole('button', { name: /Working at Heights — April/ }).click();
  await assertValue(page, 'Course name', 'Working at Heights — April');
  await assertValue(page, 'Day 2 date', DAY2);
  await assertValue(page, 'Day 2 end time', '12:00');

  const key = networkKey();
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Network key').fill(key);
  await page.getByLabel('Marketplace URL').waitFor();
  assert.equal(await page.getByRole('note').filter({ hasText: 'Sandbox — nothing is published for real' }).count(), 0, 'a configured Marketplace is not called the sandbox');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByText(`A key ending in ${key.slice(-4)} is saved.`).waitFor();
  assert.equal(await page.getByLabel('Network key').inputValue(), '', 'the key is not kept in the page');
  await screenshot(page, 'settings');

  await page.getByRole('button', { name: 'Offerings' }).click();
  await page.getByRole('button', { name: /Working at Heights — April/ }).click();
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await waitForStatus(page, 'Working at Heights — April', 'Published');
  await screenshot(page, 'offering-list');

  const listed = sandbox.listings(key);
  assert.equal(listed.length, 1);
  assert.deepEqual(
    { ...listed[0], events: listed[0]!.events.length },
    {
      offeringId,
      trainingStandardKey: 'WAH-E-I',
      deliveryMethod: 'in-person',
      courseName: 'Working at Heights — April',
      seatsRemaining: 12,
      contactForPricing: false,
      price: 149.5,
      address: { 'street-address': '100 Queen St W', locality: 'Toronto', region: 'ON', 'postal-code': 'M5H 2N2', 'country-name': 'Canada' },
      events: 2,
      externalRegistrationUrl: 'https://training.example.ca/register/wah-apr',
    },
  );

  await page.getByLabel('Seats remaining').fill('7');
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  // The status was already Published: wait for the PATCH itself, then for the list to say so again.
  const patch = await waitFor(() => sandbox.requests().find((r) => r.method === 'PATCH'), { what: 'the PATCH' });
  await waitForStatus(page, 'Working at Heights — April', 'Published');
  assert.deepEqual({ method: patch.method, body: patch.body }, { method: 'PATCH', body: { seatsRemaining: 7 } });

  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('button', { name: 'Yes, delete' }).click();
  await page.getByText('No offerings yet.', { exact: false }).waitFor({ timeout: 10_000 });
  assert.deepEqual(sandbox.listings(key), []);
  assert.deepEqual(sandbox.requests().map((r) => r.method), ['POST', 'PATCH', 'DELETE']);

  await page.getByRole('button', { name: 'Marketplace activity' }).click();
  await page.getByRole('cell', { name: 'Removed' }).waitFor();
  const rows = await page.getByRole('row').evaluateAll((trs) => trs.slice(1).map((tr) => [...tr.querySelectorAll('td')].slice(1).map((td) => td.innerText.replace(/\s+/g, ' ').trim())));
  assert.deepEqual(
    rows.map(([offering, action, result]) => [offering!.startsWith('Working at Heights — April'), action, result]),
    [[true, 'Delete', 'Removed'], [true, 'Update Seats remaining: 12 → 7', 'Updated'], [true, 'Add', 'Listed']],
    'one row per call, with its course, what an update changed and a plain result',
  );
  await screenshot(page, 'activity');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  const csv = fs.readFileSync((await download.path())!, 'utf8');
  assert.match(download.suggestedFilename(), /^marketplace-activity-\d{4}-\d{2}-\d{2}\.csv$/);
  assert.equal(csv.trim().split(/\r?\n/).length, 4, 'a header and three calls');
  assert.match(csv, /^\ufeffTime,Offering ID,Course,Action,Details,Result\r\n/);
  assert.match(csv, /Working at Heights — April,Add,,Listed/);
  assert.match(csv, /Working at Heights — April,Update,Seats remaining: 12 → 7,Updated/);
  await page.getByLabel('Show failures only').check();
  await page.getByText('No failures: every change was sent.').waitFor();

  assert.deepEqual(filesContaining(dataDir, key), [], 'the network key is in no file the app owns');
});

test('publishing without a registration URL shows the error beside that field and sends nothing', async (t) => {
  const { sandbox, page } = await setup(t);
  await fillOffering(page, { registrationUrl: '' });
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  const field = page.getByLabel('Registration URL');
  await page.getByText('This field is required.').first().waitFor();
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  const describedBy = await field.getAttribute('aria-describedby');
  assert.equal(await page.locator(`#${describedBy}`).textContent(), 'This field is required.');
  assert.match((await page.getByRole('alert').textContent()) ?? '', /1 field needs attention before publishing\.\s*Registration URL: This field is required\./);
  await screenshot(page, 'publish-refused');
  assert.deepEqual(sandbox.requests(), []);
  // Nothing was sent, and nothing typed was lost: the offering is kept, marked as not ready.
  await waitForStatus(page, 'Working at Heights — April', 'Incomplete');
  assert.deepEqual(sandbox.requests(), []);
});

test('with nothing configured the app publishes to its embedded sandbox, and says so', async (t) => {
  const { page } = await startApp(t, { embedded: true });
  const banner = page.getByRole('note').filter({ hasText: 'Sandbox — nothing is published for real' });
  await banner.waitFor();
  // The banner says how to connect for real: its button, from the keyboard, lands on Settings → Connection.
  await banner.getByRole('button', { name: 'Connect to the real Marketplace in Settings' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('group', { name: 'Connection', exact: true }).waitFor();
  await waitFor(async () => (await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)) === 'connection', { what: 'the keyboard on the Connection choice' });
  await page.getByLabel('Network key').fill(networkKey());
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByText(/A key ending in .{4} is saved\./).waitFor();
  await page.getByRole('button', { name: 'Offerings' }).click();
  await fillOffering(page);
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await waitForStatus(page, 'Working at Heights — April', 'Published');
  await screenshot(page, 'sandbox-banner');
});

test('Back up catalogue… then Restore from backup… brings back the catalogue of that moment', async (t) => {
  const { page, restartBridge } = await setup(t);
  await fillOffering(page);
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByText('Saved.', { exact: true }).first().waitFor();
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Back up catalogue…' }).click();
  await page.getByText(/Backup saved \(.* — made by you\)\./).waitFor();

  await page.getByRole('button', { name: 'Offerings' }).click();
  await page.getByRole('button', { name: 'New offering', exact: true }).click();
  await page.getByLabel('Course name').fill('Made after the backup');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByText('Saved.', { exact: true }).first().waitFor();

  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Backup to restore').waitFor();
  await page.getByRole('button', { name: 'Restore from backup…' }).click();
  await page.getByRole('button', { name: 'Yes, restore and restart' }).click();
  await page.getByText(/Restoring: Offering Desk restarts to finish/).waitFor();
  await screenshot(page, 'settings-backups');
  await restartBridge();
  await waitForStatus(page, 'Working at Heights — April', 'Draft');
  assert.equal(await page.getByRole('button', { name: /Made after the backup/ }).count(), 0);
});

test('fr: the sandbox banner leads to Paramètres → Connexion', async (t) => {
  const { page } = await startApp(t, { embedded: true, context: { locale: 'fr-CA' } });
  const banner = page.getByRole('note').filter({ hasText: 'Bac à sable — rien n’est publié pour de vrai' });
  await banner.getByRole('button', { name: 'Se connecter au vrai Marketplace dans les paramètres' }).click();
  await page.getByRole('group', { name: 'Connexion', exact: true }).waitFor();
  await waitFor(async () => (await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)) === 'connection', { what: 'the keyboard on the Connection choice' });
  await page.setViewportSize({ width: 1024, height: 768 });
  await screenshot(page, 'sandbox-banner-settings-fr');
});
