// Nothing silently wrong in the form (#24): a price is kept as typed in either
// language, a change made elsewhere is not written over by the form, and the
// last keystrokes before the page goes are kept — in Chromium, through the
// real bridge, read back from the catalogue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { validDraft, waitFor } from '../support/helpers';
import { startApp, screenshot } from './harness';
import type { OfferingDraft } from '../../shared/offering';
import { DRAFT_LIMITS } from '../../shared/offering-rules';
import en from '../../shared/locales/en.json';
import fr from '../../shared/locales/fr.json';

/** The draft as the catalogue holds it, asked through the same window.api the UI uses. */
function storedDraft(page: Page, name: string): Promise<OfferingDraft> {
  return page.evaluate(async (search) => {
    const list = await window.api.invoke('offerings:page', { search });
    if (!list.ok || !list.value.rows[0]) throw new Error(`no offering named ${search}`);
    const got = await window.api.invoke('offerings:get', { id: list.value.rows[0].id });
    if (!got.ok) throw new Error('offering not found');
    return got.value.draft;
  }, name);
}

/** Waits for the stored draft to pass `check`; fails with the draft last read. */
async function storedWhen(page: Page, name: string, check: (d: OfferingDraft) => boolean): Promise<OfferingDraft> {
  let last: OfferingDraft | null = null;
  await waitFor(async () => check((last = await storedDraft(page, name))), { timeoutMs: 5_000, what: 'the stored draft' }).catch(() => undefined);
  return last!;
}

async function chooseFrench(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Language').selectOption('fr');
  await page.getByRole('button', { name: fr.app.nav.offerings }).click();
}

const validation = (locale: typeof en, code: string) => (locale.validation as Record<string, string>)[code]!;

for (const [lang, locale, shown, preview] of [
  ['en', en, '149.99', '$149.99'],
  ['fr', fr, '149,99', '149,99\u00a0$'],
] as const) {
  test(`Price: 149,99 typed is stored as 149.99 and shown as ${shown}; unreadable or ambiguous text is refused at the field and changes nothing (${lang})`, async (t) => {
    const { page } = await startApp(t, { seed: [validDraft({ courseName: 'Decimal WAH', price: 100 })] });
    if (lang === 'fr') await chooseFrench(page);
    await page.getByRole('button', { name: /Decimal WAH/ }).click();
    const price = page.getByLabel(locale.form.price, { exact: true });
    await price.fill('');
    // Typed key by key, as a person types it.
    await price.pressSequentially('149,99');
    await price.press('Tab');
    const stored = await storedWhen(page, 'Decimal WAH', (d) => d.price !== 100 && d.price !== null);
    assert.equal(stored.price, 149.99, 'the amount typed, not 14999');
    assert.equal(await price.inputValue(), shown);
    assert.match((await page.locator('.preview').textContent()) ?? '', new RegExp(preview.replace('$', '\\$')));

    for (const [typed, code] of [['1.200,5.0', 'number.unreadable'], ['1,200', 'number.ambiguous'], ['12abc', 'number.unreadable']] as const) {
      await price.fill(typed);
      await price.press('Tab');
      await page.locator('#f-price-error').filter({ hasText: validation(locale, code) }).waitFor();
      assert.equal(await price.getAttribute('aria-invalid'), 'true');
      assert.equal(await price.inputValue(), typed, 'the text refused stays in view');
    }
    // Publish is refused too: the field says one thing, the catalogue holds another.
    await page.getByRole('button', { name: locale.form.publish, exact: true }).click();
    await page.locator('#form-summary').waitFor();
    await page.waitForTimeout(1500);
    const after = await storedDraft(page, 'Decimal WAH');
    assert.equal(after.price, 149.99, 'nothing refused reached the catalogue');
    const status = await page.evaluate(async () => {
      const list = await window.api.invoke('offerings:page', { search: 'Decimal WAH' });
      return list.ok ? list.value.rows[0]?.status : null;
    });
    assert.notEqual(status, 'waiting', 'nothing was queued for publishing');

    // Seats: 12,5 is not a whole number, and never 125.
    const seats = page.getByLabel(locale.form.seatsRemaining, { exact: true });
    await seats.fill('12,5');
    await seats.press('Tab');
    await page.locator('#f-seatsRemaining-error').filter({ hasText: validation(locale, 'number.whole') }).waitFor();
    assert.equal((await storedDraft(page, 'Decimal WAH')).seatsRemaining, 12);
  });
}

test('seats changed in the list, then in another window, while the offering is open: the form shows them, and its next edit keeps them', async (t) => {
  const { page } = await startApp(t, { seed: [validDraft({ courseName: 'Open WAH', seatsRemaining: 12 })] });
  await page.getByRole('button', { name: /Open WAH/ }).click();
  const formSeats = page.locator('#f-seatsRemaining');
  assert.equal(await formSeats.inputValue(), '12');

  // The list's own seats field (a number field before #24, a text field now).
  const listSeats = page.locator('[id^="seats-input-"]');
  await listSeats.fill('3');
  await listSeats.press('Enter');
  await page.waitForFunction(() => (document.getElementById('f-seatsRemaining') as HTMLInputElement | null)?.value === '3');
  await page.getByLabel('Course name').fill('Open WAH, renamed');
  await page.getByLabel('Course name').press('Tab');
  let stored = await storedWhen(page, 'Open WAH', (d) => d.courseName === 'Open WAH, renamed');
  assert.deepEqual([stored.courseName, stored.seatsRemaining], ['Open WAH, renamed', 3], 'the list’s seats, not the form’s old 12');

  // Another window on the same desk changes the seats while this one has unsaved typing in another field.
  const other = await page.context().newPage();
  await other.goto(page.url());
  await page.getByLabel('Course name').fill('Open WAH, typed');
  await other.evaluate(async () => {
    const list = await window.api.invoke('offerings:page', { search: 'Open WAH' });
    if (!list.ok || !list.value.rows[0]) throw new Error('no row');
    const set = await window.api.invoke('offerings:setSeats', { id: list.value.rows[0].id, seats: 7 });
    if (!set.ok) throw new Error(set.error.message);
  });
  await page.waitForFunction(() => (document.getElementById('f-seatsRemaining') as HTMLInputElement | null)?.value === '7');
  assert.equal(await page.getByLabel('Course name').inputValue(), 'Open WAH, typed', 'what is being typed stays');
  stored = await storedWhen(page, 'Open WAH', (d) => d.courseName === 'Open WAH, typed');
  assert.deepEqual([stored.courseName, stored.seatsRemaining], ['Open WAH, typed', 7]);
});

test('a word typed less than a second before the page closes is kept', async (t) => {
  const { page } = await startApp(t, { seed: [validDraft({ courseName: 'Closing WAH' })] });
  const url = page.url();
  await page.getByRole('button', { name: /Closing WAH/ }).click();
  const name = page.getByLabel('Course name');
  await name.click();
  await name.press('End');
  const typedAt = Date.now();
  await name.pressSequentially(' late');
  await page.close({ runBeforeUnload: true });
  const closedAfter = Date.now() - typedAt;
  assert.ok(closedAfter < 1000, `closed ${closedAfter} ms after typing: before the autosave's second`);

  const again = await page.context().newPage();
  await again.goto(url);
  const stored = await storedWhen(again, 'Closing WAH', (d) => d.courseName === 'Closing WAH late');
  assert.equal(stored.courseName, 'Closing WAH late');
  await again.getByRole('button', { name: /Closing WAH late/ }).click();
  assert.equal(await again.getByLabel('Course name').inputValue(), 'Closing WAH late');
});

for (const [lang, locale] of [['en', en], ['fr', fr]] as const) {
  test(`a 5,000-character paste into Course name is cut to its limit and the field says so (${lang})`, async (t) => {
    const { page } = await startApp(t, { seed: [validDraft({ courseName: 'Paste WAH' })], context: { permissions: ['clipboard-read', 'clipboard-write'] } });
    if (lang === 'fr') await chooseFrench(page);
    await page.getByRole('button', { name: /Paste WAH/ }).click();
    const name = page.getByLabel(locale.form.courseName, { exact: true });
    await name.fill('');
    await page.evaluate((text) => navigator.clipboard.writeText(text), 'Working at Heights '.repeat(264));
    await name.focus();
    await page.keyboard.press('ControlOrMeta+V');
    const said = locale.validation.cut.replace('{{limit}}', String(DRAFT_LIMITS.courseName));
    await page.getByRole('status').filter({ hasText: said }).waitFor();
    assert.equal((await name.inputValue()).length, DRAFT_LIMITS.courseName);
    assert.match((await name.getAttribute('aria-describedby')) ?? '', /-cut\b/, 'read out with the field');
    await page.setViewportSize({ width: 1024, height: 768 });
    await screenshot(page, `form-paste-cut-${lang}`);
    // A shorter edit within the limit takes the notice away.
    await name.fill('Working at Heights');
    await page.getByRole('status').filter({ hasText: said }).waitFor({ state: 'detached' });
  });
}
