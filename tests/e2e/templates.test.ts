// Course templates in Chromium: Save as template from the form, New from
// template from the list, edit and delete in Settings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { futureDate, validDraft } from '../support/helpers';
import { startApp } from './harness';

test('Save as template, then New from template opens a draft with only the dates to fill; Settings edits and deletes it', async (t) => {
  const { page } = await startApp(t, {
    context: { locale: 'en-CA' },
    seed: [validDraft({ courseName: 'JHSC Part Two — Toronto', trainingStandardKey: 'JHSC-2014-2-E-I', classDays: [{ date: futureDate('05-04'), start: '08:30', end: '15:00' }, { date: futureDate('05-05'), start: '09:00', end: '16:00' }] })],
  });
  await page.getByRole('button', { name: /JHSC Part Two — Toronto/ }).click();
  await page.getByRole('button', { name: 'Save as template' }).click();
  assert.equal(await page.getByLabel('Template name').inputValue(), 'JHSC Part Two — Toronto', 'named after the course at first');
  await page.getByLabel('Template name').fill('JHSC Two');
  await page.getByRole('button', { name: 'Save template' }).click();
  await page.getByText('Template “JHSC Two” saved.').waitFor();

  await page.getByRole('button', { name: 'New from template' }).click();
  await page.getByLabel('Template', { exact: true }).selectOption({ label: 'JHSC Two' });
  await page.getByRole('button', { name: 'Start the new offering' }).click();
  await page.getByText('New offering from the template: fill in its dates.').waitFor();
  await page.waitForFunction(() => (document.getElementById('f-courseName') as HTMLInputElement | null)?.value === 'JHSC Part Two — Toronto');
  assert.equal(await page.getByLabel('Day 1 date').inputValue(), '');
  assert.equal(await page.getByLabel('Day 2 start time').inputValue(), '09:00');
  assert.equal(await page.getByLabel('Day 2 end time').inputValue(), '16:00');
  await page.getByLabel('Day 1 date').fill(futureDate('06-01'));
  await page.getByLabel('Day 2 date').fill(futureDate('06-02'));
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByText('Saved.', { exact: true }).first().waitFor();
  assert.equal(await page.getByRole('button', { name: /JHSC Part Two — Toronto/ }).count(), 2, 'the source and the new one');

  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const form = page.getByRole('form', { name: 'JHSC Two' });
  await form.getByLabel('Price').fill('425');
  await form.getByRole('button', { name: 'Save template' }).click();
  await page.getByText('Template “JHSC Two” saved.').waitFor();
  await form.getByRole('button', { name: 'Delete template' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete template' }).click();
  await page.getByText('Template “JHSC Two” deleted.').waitFor();
  await page.getByText('No templates yet: open an offering and choose Save as template.').first().waitFor();
});
