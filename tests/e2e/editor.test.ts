// The editor never loses a keystroke and says what happened where the user is
// looking: autosave, Undo, limits in plain words, duplicates flagged, a paused
// queue said beside Publish — in Chromium, through the real bridge.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { futureDate, validDraft } from '../support/helpers';
import { expectListedDates, startApp } from './harness';
import { DRAFT_LIMITS } from '../../shared/offering';
import en from '../../shared/locales/en.json';
import fr from '../../shared/locales/fr.json';

const rowStatus = (page: Page, name: RegExp) => page.getByRole('button', { name }).getByTestId('status');

test('edits are kept without Save: leaving for another offering, New offering, or the page dying', async (t) => {
  const { page } = await startApp(t, { seed: [validDraft({ courseName: 'Monday WAH' })] });
  await page.getByRole('button', { name: 'New offering', exact: true }).click();
  await page.getByLabel('Course name').fill('Typed, never saved');
  // Straight to another offering: no Save pressed, nothing lost.
  await page.getByRole('button', { name: /Monday WAH/ }).click();
  await page.getByRole('button', { name: /Typed, never saved/ }).waitFor();
  await rowStatus(page, /Typed, never saved/).filter({ hasText: /^Incomplete$/ }).waitFor();

  await page.getByLabel('Course name').fill('Monday WAH, renamed');
  await page.getByRole('button', { name: 'New offering', exact: true }).click();
  await page.getByRole('button', { name: /Monday WAH, renamed/ }).waitFor();

  // Typing, then nothing for a second: written without leaving the field, so a crash keeps it.
  await page.getByRole('button', { name: /Monday WAH, renamed/ }).click();
  await page.getByLabel('Seats remaining').fill('7');
  await page.getByTestId('autosave').filter({ hasText: 'All changes kept' }).waitFor();
  await page.reload();
  await page.getByRole('button', { name: /Monday WAH, renamed/ }).click();
  assert.equal(await page.getByLabel('Seats remaining').inputValue(), '7');
});

test('a published offering edited is "Changed — not published yet" until Publish; autosave never publishes', async (t) => {
  const { page, sandbox } = await startApp(t, { seed: [validDraft({ courseName: 'Listed WAH', seatsRemaining: 12 })] });
  await page.evaluate(() => window.api.invoke('settings:save', { networkKey: 'NK-editor-test' }));
  await page.getByRole('button', { name: /Listed WAH/ }).click();
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await rowStatus(page, /Listed WAH/).filter({ hasText: /^Published$/ }).waitFor();
  const calls = sandbox.requests().length;
  await page.getByLabel('Seats remaining').fill('5');
  await page.getByLabel('Price').focus();
  await rowStatus(page, /Listed WAH/).filter({ hasText: /^Changed — not published yet$/ }).waitFor();
  assert.equal(await page.getByTestId('form-status').textContent(), 'Changed — not published yet');
  await page.waitForTimeout(1500);
  assert.equal(sandbox.requests().length, calls, 'saving sent nothing to the Marketplace');
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await rowStatus(page, /Listed WAH/).filter({ hasText: /^Published$/ }).waitFor();
  assert.deepEqual(sandbox.requests().at(-1)?.body, { seatsRemaining: 5 });
});

test('Undo: a deleted offering and a list seats change come back from the toast', async (t) => {
  const { page } = await startApp(t, { seed: [validDraft({ courseName: 'Oops WAH', seatsRemaining: 12 })] });
  await page.getByRole('button', { name: /Oops WAH/ }).click();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('button', { name: 'Yes, delete' }).click();
  await page.getByRole('status').filter({ hasText: 'Deleted.' }).getByRole('button', { name: 'Undo' }).click();
  await page.getByText('Undone.').waitFor();
  await page.getByRole('button', { name: /Oops WAH/ }).waitFor();

  const seats = page.getByRole('textbox', { name: /Oops WAH.*Seats/ });
  await seats.fill('3');
  await seats.press('Enter');
  await page.getByRole('status').filter({ hasText: 'Saved.' }).getByRole('button', { name: 'Undo' }).click();
  await page.getByText('Undone.').waitFor();
  await page.waitForFunction(() => (document.querySelector('[id^="seats-input-"]') as HTMLInputElement | null)?.value === '12');
});

test('a seats number being typed in the list survives a refresh pushed by the main process', async (t) => {
  const { page } = await startApp(t, { seed: [validDraft({ courseName: 'Busy WAH', seatsRemaining: 12 }), validDraft({ courseName: 'Other WAH' })] });
  const seats = page.getByRole('textbox', { name: /Busy WAH.*Seats/ });
  await seats.fill('4');
  // Another change arrives while the user is still in the field.
  await page.evaluate(async () => {
    const page = await window.api.invoke('offerings:page', { search: 'Other' });
    if (!page.ok) throw new Error('no page');
    await window.api.invoke('offerings:setSeats', { id: page.value.rows[0]!.id, seats: 2 });
  });
  await page.waitForFunction(() => [...document.querySelectorAll('input[id^="seats-input-"]')].some((e) => (e as HTMLInputElement).value === '2'));
  assert.equal(await seats.inputValue(), '4', 'what the user typed is still there');
});

for (const [lang, locale] of [['en', en], ['fr', fr]] as const) {
  test(`every limit of the contract has a field message in plain words (${lang}), never a channel or "malformed"`, async (t) => {
    const { page } = await startApp(t);
    if (lang === 'fr') {
      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByLabel('Language').selectOption('fr');
      await page.getByRole('button', { name: locale.app.nav.offerings }).click();
    }
    await page.getByRole('button', { name: locale.list.new, exact: true }).click();
    await page.getByLabel(locale.form.courseName).fill('Limits');
    // Blended: the form shows both the address and the virtual class URL.
    await page.getByLabel(locale.form.trainingStandard).selectOption('WAH-E-B');
    const texts = Object.entries(DRAFT_LIMITS).filter(([path]) => path !== 'classDays');
    for (const [path, max] of texts) {
      const id = `f-${path.replaceAll('.', '-')}`;
      // Past maxlength as a paste or a script would be: the input's limit alone is not the check.
      await page.evaluate(
        ({ id, value }) => {
          const input = document.getElementById(id) as HTMLInputElement;
          input.value = value;
          input.dispatchEvent(new Event('input', { bubbles: true }));
        },
        { id, value: 'x'.repeat(max + 1) },
      );
      const expected = locale.validation.tooLong.replace('{{limit}}', String(max));
      await page.locator(`#${id}-error`).filter({ hasText: expected }).waitFor();
      assert.equal(await page.locator(`#${id}`).getAttribute('maxlength'), String(max), `${path} carries the same limit`);
    }
    await page.getByRole('button', { name: locale.form.saveDraft }).click();
    await page.locator('#form-summary').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'form-summary', 'focus moves to the summary');
    const body = (await page.locator('body').textContent()) ?? '';
    assert.doesNotMatch(body, /malformed|offerings:|settings:|queue:/i);
  });
}

test('Repeat weekly: next free week prefilled, dates listed before, every N weeks, and a second click is flagged as a likely duplicate', async (t) => {
  const { page } = await startApp(t, { seed: [validDraft({ courseName: 'Weekly WAH', classDays: [{ date: futureDate('03-08'), start: '08:30', end: '16:30' }] })] });
  await page.getByRole('button', { name: /Weekly WAH/ }).click();
  const first = page.getByLabel('First day of the new run');
  await page.waitForFunction(() => ((document.getElementById('c-firstDate') as HTMLInputElement | null)?.value ?? '') !== '');
  assert.equal(await first.inputValue(), futureDate('03-15'), 'the week after, which is free');
  await page.getByLabel('Weekly runs').fill('3');
  await page.getByLabel('Weeks between runs').fill('2');
  assert.equal(await page.getByTestId('copy-dates').getByRole('listitem').count(), 3);
  await page.getByRole('button', { name: 'Repeat weekly' }).click();
  await page.getByText('3 new drafts made.').waitFor();
  // The same again would double them: said before the click, on the dates and the button.
  await page.getByText('3 of these dates already have a class with the same standard, first day and city.').waitFor();
  await page.getByRole('button', { name: 'Repeat anyway' }).waitFor();
  // Chosen weekdays: Tuesdays and Thursdays of two weeks from that Monday.
  await page.getByLabel('Weeks between runs').fill('1');
  await page.getByLabel('Weekly runs').fill('2');
  await page.getByLabel('Tuesday').check();
  await page.getByLabel('Thursday').check();
  const listed = await page.getByTestId('copy-dates').getByRole('listitem').allTextContents();
  assert.deepEqual(listed.map((d) => d.slice(0, 3)), ['Tue', 'Thu', 'Tue', 'Thu']);
  assert.deepEqual(listed.map((d) => /\b(16|18|23|25)\b/.exec(d)?.[1]), ['16', '18', '23', '25']);
  await expectListedDates(page, [futureDate('03-08'), futureDate('03-15'), futureDate('03-29'), futureDate('04-12')]);
});

test('Publish while publishing is cancelled says so beside the button, with Resume, which sends it', async (t) => {
  const { page, sandbox } = await startApp(t, { seed: [validDraft({ courseName: 'Paused WAH' })] });
  await page.evaluate(() => window.api.invoke('settings:save', { networkKey: 'NK-paused-test' }));
  await page.evaluate(() => window.api.invoke('queue:cancel', {}));
  await page.getByRole('button', { name: /Paused WAH/ }).click();
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await page.getByTestId('paused-note').filter({ hasText: 'Publishing is paused' }).waitFor();
  assert.equal(sandbox.listings('NK-paused-test').length, 0);
  await page.getByTestId('paused-note').getByRole('button', { name: 'Resume publishing' }).click();
  await rowStatus(page, /Paused WAH/).filter({ hasText: /^Published$/ }).waitFor();
  assert.equal(sandbox.listings('NK-paused-test').length, 1);
});

test('French screens show no English: every screen, its form and its messages', async (t) => {
  const { page } = await startApp(t, { seed: [validDraft({ courseName: 'Cours du lundi' })] });
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Language').selectOption('fr');
  const texts = (node: unknown): string[] => (typeof node === 'string' ? [node] : Object.values(node as Record<string, unknown>).flatMap(texts));
  const frTexts = new Set(texts(fr));
  // English sentences (their longest piece between placeholders), unless French uses the same words (names such as "Marketplace").
  const english = texts(en)
    .filter((s) => !frTexts.has(s))
    .map((s) => s.split(/\{\{[^}]+\}\}/).sort((a, b) => b.length - a.length)[0]!.trim())
    .filter((s) => s.length >= 12 && s.includes(' '));
  const screens: [string, () => Promise<void>][] = [
    ['paramètres', async () => {}],
    ['offres', () => page.getByRole('button', { name: 'Offres' }).click()],
    ['formulaire', () => page.getByRole('button', { name: /Cours du lundi/ }).click()],
    ['nouvelle offre', () => page.getByRole('button', { name: 'Nouvelle offre', exact: true }).click()],
    ['calendrier', () => page.getByRole('button', { name: 'Calendrier', exact: true }).click()],
    ['corbeille', () => page.getByRole('button', { name: 'Corbeille' }).click()],
    ['activité', () => page.getByRole('button', { name: 'Activité du Marketplace' }).click()],
  ];
  for (const [name, open] of screens) {
    await open();
    await page.waitForTimeout(300);
    const body = (await page.locator('body').innerText()).replace(/\s+/g, ' ');
    const left = english.filter((s) => body.includes(s));
    assert.deepEqual(left, [], `English left on the French ${name} screen`);
  }
  // French typography: a week heading in sentence case (the months were capitalised), "8 h 30", "Ctrl+Entrée".
  await page.getByRole('button', { name: 'Calendrier', exact: true }).click();
  await page.getByLabel('Afficher').selectOption('week');
  assert.match(await page.locator('.calendar-head h2').innerText(), /^Semaine du \d{1,2} [a-zéû]+ \d{4}$/);
  await page.getByRole('button', { name: 'Offres' }).click();
  await page.getByRole('button', { name: /Cours du lundi/ }).click();
  assert.match((await page.getByRole('region', { name: /Aperçu/ }).innerText()).replace(/\s/g, ' '), /8 h 30 – 16 h 30/);
  await page.getByRole('button', { name: 'Raccourcis clavier' }).click();
  assert.match(await page.getByRole('region', { name: 'Raccourcis clavier' }).innerText(), /Ctrl\+Entrée/);
});

test('Forget network key and Restore from backup say what they will do, with counts, before doing it', async (t) => {
  const { page } = await startApp(t, { seed: [validDraft({ courseName: 'Counted WAH' })] });
  await page.evaluate(async () => {
    await window.api.invoke('settings:save', { networkKey: 'NK-confirm-1234' });
    await window.api.invoke('queue:cancel', {});
    await window.api.invoke('offerings:publishAll', {});
  });
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Forget network key' }).click();
  assert.match((await page.getByRole('alertdialog').textContent()) ?? '', /ending in 1234\? 1 change waiting to be published will wait/);
  await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();
  const view = await page.evaluate(() => window.api.invoke('settings:get', {}));
  assert.ok(view.ok && view.value.keySet, 'Cancel keeps the key');

  await page.getByRole('button', { name: 'Back up catalogue…' }).click();
  await page.getByText(/^Backup saved/).waitFor();
  await page.getByRole('button', { name: 'Restore from backup…' }).click();
  assert.match((await page.getByRole('alertdialog').textContent()) ?? '', /Replace the catalogue \(1 offering now\) with the backup of/);
});

test('prices with cents publish as typed: 19.99 and 4.35 reach the Marketplace', async (t) => {
  const { page, sandbox } = await startApp(t, { seed: [validDraft({ courseName: 'Cents WAH', offeringId: 'cents-1' }), validDraft({ courseName: 'Small WAH', offeringId: 'cents-2' })] });
  await page.evaluate(() => window.api.invoke('settings:save', { networkKey: 'NK-cents-test' }));
  for (const [name, price] of [['Cents WAH', '19.99'], ['Small WAH', '4.35']] as const) {
    await page.getByRole('button', { name: new RegExp(name) }).click();
    await page.getByLabel('Price', { exact: true }).fill(price);
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await rowStatus(page, new RegExp(name)).filter({ hasText: /^Published$/ }).waitFor();
  }
  assert.deepEqual(sandbox.listings('NK-cents-test').map((l) => l.price).sort(), [19.99, 4.35].sort());
});

test('an offering typed by hand with the same standard, first day and city as another is flagged as a likely duplicate', async (t) => {
  const { page } = await startApp(t, { seed: [validDraft({ courseName: 'Original WAH' })] });
  const original = validDraft();
  await page.getByRole('button', { name: 'New offering', exact: true }).click();
  await page.getByLabel('Course name').fill('Typed again');
  await page.getByLabel('Training standard').selectOption(original.trainingStandardKey);
  await page.getByLabel('Street address').fill(original.address.street);
  await page.getByLabel('City').fill(original.address.city);
  assert.equal(await page.getByTestId('twin').count(), 0, 'no class day yet, no warning');
  await page.getByLabel('Day 1 date').fill(original.classDays[0]!.date);
  await page.getByLabel('Day 1 start time').focus();
  await page.getByTestId('twin').filter({ hasText: 'Is this one a duplicate?' }).waitFor();
  await page.getByLabel('Day 1 date').fill(futureDate('09-09'));
  await page.getByLabel('Day 1 start time').focus();
  await page.getByTestId('twin').waitFor({ state: 'detached' });
});
