import fs from 'node:fs';
import { test, type TestContext } from 'node:test';
import path from 'node:path';
import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { futureDate, validDraft, waitFor } from '../support/helpers';
import { expectListedDates, startApp, screenshot } from './harness';

const setupWithSandbox = (t: TestContext, seed: ReturnType<typeof validDraft>[] = []) => startApp(t, { seed });
const setup = async (t: TestContext, seed: ReturnType<typeof validDraft>[] = []) => (await setupWithSandbox(t, seed)).page;

test('a JHSC Part One in-person class over three days, with "same times as day 1" and a saved location', async (t) => {
  const page = await setup(t, [validDraft({ address: { street: '55 York St', extended: 'Suite 300', city: 'Toronto', province: 'ON', postalCode: 'M5J 1R7' } })]);
  await page.getByRole('button', { name: 'New offering', exact: true }).click();
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
  assert.equal(await page.getByTestId('hours-short').count(), 0, 'three full days meet the standard');
  assert.match((await page.getByRole('region', { name: /Preview/ }).textContent()) ?? '', /JHSC Certification Part One.*JHSC certification – Part One.*8:30.*3:00.*55 York St, Suite 300, Toronto, ON, M5J 1R7/s);
  await screenshot(page, 'jhsc-three-days');
});

test('a Working at Heights class that is too short gets a warning but can still be saved', async (t) => {
  const page = await setup(t);
  await page.getByRole('button', { name: 'New offering', exact: true }).click();
  await page.getByLabel('Training standard').selectOption('WAH-E-I');
  await page.getByLabel('Day 1 date').fill(futureDate('06-01'));
  await page.getByLabel('Day 1 start time').fill('09:00');
  await page.getByLabel('Day 1 end time').fill('12:00');
  await page.getByText('Only 3 h of instruction; this program needs at least 6.5 h.').waitFor();
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByText('Saved.', { exact: true }).first().waitFor();
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
  await expectListedDates(page, [futureDate('03-08'), futureDate('04-12'), futureDate('05-03'), futureDate('05-10'), futureDate('05-17')]);
});

const seedThree = () => [
  validDraft({ courseName: 'WAH Toronto', classDays: [{ date: futureDate('05-03'), start: '08:30', end: '16:30' }] }),
  validDraft({ courseName: 'JHSC Ottawa', trainingStandardKey: 'JHSC-2014-1-E-I', address: { street: '1 Sparks St', extended: '', city: 'Ottawa', province: 'ON', postalCode: 'K1P 5B7' }, classDays: [{ date: futureDate('04-01'), start: '08:30', end: '15:00' }] }),
  validDraft({ courseName: 'Travail en hauteur', trainingStandardKey: 'WAH-F-I', classDays: [{ date: futureDate('06-01'), start: '08:30', end: '16:30' }] }),
];

test('search, filters and sort', async (t) => {
  const page = await setup(t, seedThree());
  const names = () => page.locator('button.row .name').allTextContents();
  /** The list answers from the catalogue: wait until it shows `expected`, then check it exactly. */
  const shows = async (expected: string[]) => {
    await page.waitForFunction((want) => JSON.stringify([...document.querySelectorAll('button.row .name')].map((e) => e.textContent)) === JSON.stringify(want), expected).catch(() => {});
    assert.deepEqual(await names(), expected);
  };
  await page.getByRole('button', { name: /Travail en hauteur/ }).waitFor();
  await shows(['JHSC Ottawa', 'WAH Toronto', 'Travail en hauteur']);
  await page.getByLabel('Search offerings').fill('ottawa');
  await shows(['JHSC Ottawa']);
  await page.getByLabel('Search offerings').fill('TRAV HAU');
  await shows(['Travail en hauteur']);
  await page.getByLabel('Search offerings').fill('');
  // Filters, sort and view fold away so the list has the room; the summary opens them.
  await page.getByText('Filters, sort and view').click();
  await page.getByLabel('Program').selectOption('JHSC-2014');
  await page.getByText('Filters, sort and view (1 filter on)').waitFor();
  await shows(['JHSC Ottawa']);
  await page.getByLabel('Program').selectOption('all');
  await page.getByLabel('Language', { exact: true }).selectOption('fr');
  await shows(['Travail en hauteur']);
  await page.getByLabel('Language', { exact: true }).selectOption('all');
  await page.getByLabel('Status').selectOption('published');
  await page.getByText('No offerings match these filters.').waitFor();
  await page.getByLabel('Status').selectOption('all');
  await page.getByLabel('Order').selectOption('desc');
  await shows(['Travail en hauteur', 'WAH Toronto', 'JHSC Ottawa']);
  await page.getByLabel('Sort by').selectOption('course');
  await shows(['WAH Toronto', 'Travail en hauteur', 'JHSC Ottawa']);
  await screenshot(page, 'list-filtered');

  // The compact table: sortable columns, the choice remembered.
  await page.getByLabel('Table').check();
  const header = page.getByRole('columnheader', { name: /City/ });
  await header.getByRole('button').click();
  assert.equal(await header.getAttribute('aria-sort'), 'ascending');
  await page.reload();
  assert.equal(await page.getByLabel('Table').isChecked(), true, 'the table view is remembered');
  await page.getByRole('table').getByRole('button', { name: 'JHSC Ottawa' }).waitFor();
  await screenshot(page, 'list-table');
});

test('the seats stepper in the list queues a patch that reaches the sandbox', async (t) => {
  const key = 'NK-stepper-test-key';
  const { page, sandbox } = await setupWithSandbox(t, [validDraft({ courseName: 'WAH Toronto' })]);
  await page.evaluate(async (k) => {
    await window.api.invoke('settings:save', { networkKey: k });
    const page = await window.api.invoke('offerings:page', {});
    if (page.ok) await window.api.invoke('offerings:publishMany', { ids: page.value.rows.map((o) => o.id) });
  }, key);
  await page.getByRole('button', { name: /WAH Toronto/ }).getByTestId('status').filter({ hasText: /^Published$/ }).waitFor();
  const seats = page.getByRole('textbox', { name: 'WAH Toronto Seats' });
  await seats.fill('5');
  await seats.press('Enter');
  await page.getByText('Seats set to 5; the change is on its way to the Marketplace.').waitFor();
  // "Published" may still be the status from before the change: wait for the patch itself.
  const patch = await waitFor(() => sandbox.requests().find((r) => r.method === 'PATCH'), { what: 'the seats patch' });
  assert.deepEqual({ method: patch.method, body: patch.body, status: patch.status }, { method: 'PATCH', body: { seatsRemaining: 5 }, status: 204 });
  await page.getByRole('button', { name: /WAH Toronto/ }).getByTestId('status').filter({ hasText: /^Published$/ }).waitFor();
  assert.equal(sandbox.requests().filter((r) => r.method === 'PATCH').length, 1);
});

test('the calendar shows class days on the right dates across a daylight-saving change, and opens the offering', async (t) => {
  const year = new Date().getFullYear() + 1;
  // The second Sunday of March, when Ontario springs forward.
  const march = new Date(Date.UTC(year, 2, 1));
  const dstDay = 1 + ((7 - march.getUTCDay()) % 7) + 7;
  const iso = (d: number) => `${year}-03-${String(d).padStart(2, '0')}`;
  const page = await setup(t, [
    validDraft({ courseName: 'JHSC across DST', trainingStandardKey: 'JHSC-2014-1-E-I', classDays: [dstDay - 1, dstDay, dstDay + 1].map((d) => ({ date: iso(d), start: '08:30', end: '15:00' })) }),
  ]);
  await page.getByRole('button', { name: 'Calendar', exact: true }).click();
  await page.getByLabel('Go to date').fill(iso(dstDay));
  for (const d of [dstDay - 1, dstDay, dstDay + 1]) {
    // The month's class days are read from the catalogue for just that range.
    await page.locator(`td[data-date="${iso(d)}"]`).getByRole('button').first().waitFor();
    assert.match((await page.locator(`td[data-date="${iso(d)}"]`).textContent()) ?? '', /8:30\u00a0a\.m\. JHSC across DST · Draft/, iso(d));
  }
  assert.doesNotMatch((await page.locator(`td[data-date="${iso(dstDay + 2)}"]`).textContent()) ?? '', /JHSC/);
  await screenshot(page, 'calendar-month');
  await page.getByLabel('Show').selectOption('week');
  assert.equal(await page.locator('table.grid td').count(), 7);
  await screenshot(page, 'calendar-week');
  await page.locator(`td[data-date="${iso(dstDay)}"]`).getByRole('button').click();
  assert.equal(await page.getByLabel('Course name').inputValue(), 'JHSC across DST');
});

test('Trash and restore', async (t) => {
  const page = await setup(t, [validDraft({ courseName: 'Deleted by mistake' })]);
  await page.getByRole('button', { name: /Deleted by mistake/ }).click();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('button', { name: 'Yes, delete' }).click();
  await page.getByText('No offerings yet.', { exact: false }).waitFor();
  await page.getByRole('button', { name: 'Trash' }).click();
  await page.getByText(/deleted .*, 30 days left/).waitFor();
  await screenshot(page, 'trash');
  await page.getByRole('button', { name: 'Restore Deleted by mistake' }).click();
  await page.getByText('Deleted by mistake is back in your offerings.').waitFor();
  await page.getByRole('button', { name: 'Offerings' }).click();
  await page.getByRole('button', { name: /Deleted by mistake/ }).waitFor();
});

test('in French: the form, dates and prices', async (t) => {
  const page = await setup(t, [validDraft({ courseName: 'Travail en hauteur', trainingStandardKey: 'WAH-F-I', price: 149.5, classDays: [{ date: futureDate('03-10'), start: '08:30', end: '16:30' }] })]);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Language').selectOption('fr');
  await page.getByRole('button', { name: 'Offres' }).click();
  await page.getByRole('button', { name: /Travail en hauteur/ }).click();
  await page.getByLabel('Nom du cours').waitFor();
  await page.getByLabel('Jour 1 date').waitFor();
  const preview = (await page.getByRole('region', { name: /Aperçu/ }).textContent()) ?? '';
  assert.match(preview, /mars/);
  assert.match(preview, /8\u00a0h\u00a030 – 16\u00a0h\u00a030/);
  assert.match(preview, /149,50\s\$/);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
  assert.match((await page.getByLabel('Norme de formation').locator('option:checked').textContent()) ?? '', /^Travail en hauteur – cours complet — français, en personne/);
  await screenshot(page, 'form-french');
  // The first words the window ever shows are French: the settings are read before anything is built (the system language is English).
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      const nav = document.querySelector('nav button');
      if (!nav) return;
      (window as unknown as { firstNavText: string | null }).firstNavText = nav.textContent;
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  await page.reload();
  await page.getByRole('button', { name: 'Offres' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr', 'the choice is remembered');
  assert.equal(await page.evaluate(() => (window as unknown as { firstNavText: string | null }).firstNavText), 'Offres', 'the window never shows English first');
});

test('keyboard only: create, save and publish', async (t) => {
  const { page, sandbox } = await setupWithSandbox(t, []);
  await page.evaluate(() => window.api.invoke('settings:save', { networkKey: 'NK-keyboard-only' }));
  await page.keyboard.press('Control+n');
  const focused = () => page.evaluate(() => document.activeElement?.id);
  await page.waitForFunction(() => document.activeElement?.id === 'f-courseName');
  await page.keyboard.type('Keyboard WAH');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'f-trainingStandardKey');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.getByLabel('Training standard').inputValue(), 'WAH-E-I');
  const typeInto = async (id: string, text: string) => {
    for (let i = 0; i < 30 && (await focused()) !== id; i++) await page.keyboard.press('Tab');
    assert.equal(await focused(), id);
    await page.keyboard.type(text);
  };
  await typeInto('f-seatsRemaining', '10');
  await typeInto('f-price', '120');
  await typeInto('f-registrationUrl', 'https://training.example.ca/k');
  await typeInto('f-address-street', '1 Keyboard Way');
  await typeInto('f-address-city', 'Hamilton');
  await typeInto('f-address-postalCode', 'L8P 4R5');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  assert.notEqual(outline, 'none', 'focus is visible');
  const [y, m, d] = futureDate('07-07').split('-');
  await typeInto('f-classDays-0-date', `${m}${d}${y}`);
  await typeInto('f-classDays-0-start', '0830AM');
  await typeInto('f-classDays-0-end', '0430PM');
  await page.keyboard.press('Control+s');
  await page.getByText('Saved.', { exact: true }).first().waitFor();
  await page.keyboard.press('Control+Enter');
  await page.getByRole('button', { name: /Keyboard WAH/ }).getByTestId('status').filter({ hasText: /^Published$/ }).waitFor();
  assert.equal(sandbox.listings('NK-keyboard-only')[0]?.courseName, 'Keyboard WAH');
  await page.keyboard.press('Control+f');
  assert.equal(await focused(), 'l-search', 'Ctrl+F jumps to search');
  await page.keyboard.press('F1');
  await page.getByRole('region', { name: 'Keyboard shortcuts' }).waitFor();
  assert.match((await page.getByRole('region', { name: 'Keyboard shortcuts' }).textContent()) ?? '', /Ctrl\+N New offering.*Ctrl\+S Save draft.*Ctrl\+Enter Publish.*Ctrl\+F Search offerings/);
});

test('problems show beside a field once it is left, and go as the user fixes them', async (t) => {
  const page = await setup(t);
  await page.getByRole('button', { name: 'New offering', exact: true }).click();
  await page.getByLabel('Training standard').selectOption('WAH-E-I');
  const url = page.getByLabel('Registration URL');
  await url.fill('http://not-secure.example');
  assert.equal(await page.getByText('Use a full https:// address.').count(), 0, 'not while typing a field for the first time');
  await url.press('Tab');
  await page.getByText('Use a full https:// address.').waitFor();
  assert.equal(await url.getAttribute('aria-invalid'), 'true');
  await url.fill('https://secure.example/register');
  await page.getByText('Use a full https:// address.').waitFor({ state: 'detached' });
  assert.equal(await url.getAttribute('aria-invalid'), 'false');
  await page.getByLabel('Postal code').fill('12345');
  await page.getByLabel('Postal code').blur();
  await page.getByText('Enter a Canadian postal code such as K1A 0B1.').waitFor();
  assert.equal(await page.getByRole('alert').count(), 0, 'no summary until Publish is refused');
});

test('bulk actions on a selection: copy to a date shift, publish, delete', async (t) => {
  const { page, sandbox } = await setupWithSandbox(t, seedThree().slice(0, 2));
  await page.evaluate(() => window.api.invoke('settings:save', { networkKey: 'NK-bulk-test' }));
  await page.getByLabel('Select WAH Toronto').check();
  await page.getByLabel('Select JHSC Ottawa').check();
  await page.getByText('2 selected', { exact: true }).waitFor();
  await page.getByLabel('Shift by days').fill('14');
  await page.getByRole('button', { name: 'Copy to new dates' }).click();
  await page.getByText('2 new drafts made.').waitFor();
  await expectListedDates(page, [futureDate('04-01'), futureDate('04-15'), futureDate('05-03'), futureDate('05-17')]);

  // The originals come first: they are the sooner of each pair.
  await page.getByLabel('Select WAH Toronto').first().check();
  await page.getByLabel('Select JHSC Ottawa').first().check();
  await page.getByRole('button', { name: 'Publish selected' }).click();
  await page.getByText('2 offerings queued for publishing.').waitFor();
  for (const name of ['WAH Toronto', 'JHSC Ottawa']) await page.getByRole('button', { name: new RegExp(`^${name}`) }).first().getByTestId('status').filter({ hasText: /^Published$/ }).waitFor();
  assert.equal(sandbox.listings('NK-bulk-test').length, 2);

  await page.getByLabel('Select WAH Toronto').first().check();
  await page.getByRole('button', { name: 'Delete selected' }).click();
  // Destructive: it asks first, with the count.
  assert.match((await page.getByRole('alertdialog').textContent()) ?? '', /Delete 1 offering\?/);
  await page.getByRole('button', { name: 'Delete 1 offering' }).click();
  await page.getByText('1 offering deleted (see Trash).').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('button.row').length === 3);
});

test('past offerings still listed are flagged, and one action removes them all from the Marketplace', async (t) => {
  const { page, sandbox, dataDir } = await setupWithSandbox(t, [validDraft({ courseName: 'Last winter' }), validDraft({ courseName: 'Next spring' })]);
  await page.evaluate(async () => {
    await window.api.invoke('settings:save', { networkKey: 'NK-past-test' });
    await window.api.invoke('offerings:publishAll', {});
  });
  for (const name of ['Last winter', 'Next spring']) await page.getByRole('button', { name: new RegExp(name) }).getByTestId('status').filter({ hasText: /^Published$/ }).waitFor();
  // Time passes: the class is over (written straight into the catalogue file, as a year going by would).
  const db = new Database(path.join(dataDir, 'catalogue.sqlite'));
  const row = db.prepare("SELECT id, draft FROM offering_drafts WHERE draft LIKE '%Last winter%'").get() as { id: string; draft: string };
  const draft = JSON.parse(row.draft);
  draft.classDays = [{ date: '2025-02-03', start: '08:30', end: '16:30' }];
  db.prepare('UPDATE offering_drafts SET draft = ? WHERE id = ?').run(JSON.stringify(draft), row.id);
  db.prepare("UPDATE offerings SET first_date = '2025-02-03', last_end_utc = '2025-02-03T21:30:00.000Z', earliest_end_utc = '2025-02-03T21:30:00.000Z' WHERE id = ?").run(row.id);
  db.close();
  // The next morning the app is opened again.
  await page.reload();
  await page.getByText('1 past offering is still listed on the Marketplace.').waitFor();
  assert.equal(await page.getByRole('button', { name: /Last winter/ }).getByText('Past — still listed').count(), 1);
  await page.getByRole('button', { name: 'Remove past offerings from the Marketplace' }).click();
  await page.getByRole('button', { name: 'Remove 1 listing' }).click();
  await page.getByText('Removing 1 past offering from the Marketplace.').waitFor();
  await page.getByRole('button', { name: /Last winter/ }).waitFor({ state: 'detached' });
  assert.deepEqual(sandbox.listings('NK-past-test').map((o) => o.courseName), ['Next spring']);
});

test('Export CSV and Export calendar download the offerings the filters show, or the ones selected', async (t) => {
  const page = await setup(t, [validDraft({ courseName: 'WAH Toronto' }), validDraft({ courseName: 'WAH Ottawa', address: { street: '1 Elgin St', extended: '', city: 'Ottawa', province: 'ON', postalCode: 'K1P 5W1' } })]);
  // Folded beside the count until opened; opened once, it stays open.
  await page.getByText('Export or print', { exact: true }).click();
  await page.getByLabel('Search offerings').fill('Ottawa');
  await page.getByText('Exports the 1 offering shown (with the filters above).').waitFor();
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  assert.match(csv.suggestedFilename(), /^offerings-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = fs.readFileSync((await csv.path())!, 'utf8');
  assert.match(text, /WAH Ottawa/);
  assert.doesNotMatch(text, /WAH Toronto/, 'only the offerings the search shows');
  await page.getByLabel('Search offerings').fill('');
  await page.getByText('Exports the 2 offerings shown (with the filters above).').waitFor();
  await page.getByRole('checkbox').first().check();
  await page.getByText('Exports the 1 selected offering.').waitFor();
  const [ics] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export calendar' }).click()]);
  const calendar = fs.readFileSync((await ics.path())!, 'utf8');
  assert.equal(calendar.match(/BEGIN:VEVENT/g)?.length, 1);
  assert.match(calendar, /DTSTART;TZID=America\/Toronto:\d{8}T083000/);
  await page.getByText('1 class day saved as').waitFor();
});

test('Print schedule puts only the filtered offerings on paper, on A4 and on Letter, in English and in French', async (t) => {
  const page = await setup(t, [validDraft({ courseName: 'WAH Toronto' }), validDraft({ courseName: 'WAH Ottawa', contactForPricing: true, price: null, address: { street: '1 Elgin St', extended: '', city: 'Ottawa', province: 'ON', postalCode: 'K1P 5W1' } })]);
  // Folded beside the count until opened; opened once, it stays open.
  await page.getByText('Export or print', { exact: true }).click();
  await page.getByLabel('Search offerings').fill('Ottawa');
  await page.getByText('Exports the 1 offering shown (with the filters above).').waitFor();
  // The system's print dialog cannot open in headless Chromium: count the calls, and print to PDF below instead.
  await page.evaluate(() => {
    const w = window as unknown as { print: () => void; printed: number };
    w.printed = 0;
    w.print = () => void w.printed++;
  });
  await page.getByRole('button', { name: 'Print schedule' }).click();
  await page.waitForFunction(() => (window as unknown as { printed: number }).printed === 1);
  await page.emulateMedia({ media: 'print' });
  const paper = page.locator('.print-schedule');
  await paper.waitFor();
  assert.match(await paper.innerText(), /Schedule of offerings[\s\S]*WAH Ottawa[\s\S]*1 Elgin St, Ottawa[\s\S]*Contact for pricing/);
  assert.doesNotMatch(await paper.innerText(), /WAH Toronto/);
  assert.equal(await page.getByRole('button', { name: 'Publish all' }).isVisible(), false, 'the app around it is not printed');
  for (const format of ['A4', 'Letter'] as const) {
    const pdf = (await page.pdf({ format })).toString('latin1');
    assert.equal(pdf.match(/\/Type\s*\/Page\b/g)?.length, 1, `${format}: one page`);
  }
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.locator('#s-language').selectOption('fr');
  await page.getByRole('button', { name: 'Offres', exact: true }).click();
  await page.getByRole('button', { name: 'Imprimer l’horaire' }).click();
  await page.emulateMedia({ media: 'print' });
  assert.match(await page.locator('.print-schedule').innerText(), /Horaire des offres[\s\S]*WAH Ottawa[\s\S]*Prix sur demande/);
});
