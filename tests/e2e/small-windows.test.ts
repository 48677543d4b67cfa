// Every screen at 1024×768, in both languages: the list keeps enough rows in
// view beside an open form, a wide spreadsheet's column mapping stays inside
// the window, the roster keeps each learner's name in view when scrolled to the
// score boxes, and the preview shows the whole address.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir, validDraft, futureDate } from '../support/helpers';
import { startApp, screenshot } from './harness';

const SMALL = { width: 1024, height: 768 };
const locale = (lang: 'en' | 'fr') => (lang === 'en' ? 'en-CA' : 'fr-CA');

/** Offerings of the list that are wholly inside both the list's scroll box and the window. */
const rowsInView = (page: import('playwright-core').Page) =>
  page.evaluate(() => {
    const box = document.querySelector('.virtual')!.getBoundingClientRect();
    return [...document.querySelectorAll('.card')].filter((c) => {
      const r = c.getBoundingClientRect();
      return r.top >= box.top && r.bottom <= Math.min(box.bottom, innerHeight);
    }).length;
  });

for (const lang of ['en', 'fr'] as const) {
  test(`${lang}: at 1024×768 the list shows at least five offerings beside an open form`, async (t) => {
    const seed = Array.from({ length: 20 }, (_, i) => validDraft({ courseName: `WAH small ${i}`, classDays: [{ date: futureDate('03-10'), start: '08:30', end: '16:30' }] }));
    const { page } = await startApp(t, { seed, context: { locale: locale(lang), viewport: SMALL } });
    await page.getByRole('button', { name: /WAH small 0\b/ }).click();
    await page.locator('#f-courseName').waitFor();
    const rows = await rowsInView(page);
    await screenshot(page, `small-list-${lang}`);
    assert.ok(rows >= 5, `${rows} offerings in view`);
  });

  test(`${lang}: a schedule with 18 columns maps inside a 1024-pixel window`, async (t) => {
    const { page } = await startApp(t, { context: { locale: locale(lang), viewport: SMALL } });
    const headers = ['Offering ID', 'Course name', 'Standard', 'Date', 'Start', 'End', 'Street', 'Suite', 'City', 'Province', 'Postal code', 'Seats', 'Price', 'Registration URL', 'Virtual class URL', 'Language', 'Notes for the office', 'Trainer assigned'];
    const row = ['wah-wide-1', 'Working at Heights — a long course name for the sample table', 'WAH-E-I', futureDate('03-10'), '08:30', '16:30', '100 Queen St W', 'Suite 400', 'Toronto', 'ON', 'M5H 2N2', '12', '149.50', 'https://training.example.ca/register/wah', '', 'English', 'Bring boots, a hard hat and a lunch', 'Jordan Smith'];
    const file = path.join(tempDir(), 'wide-schedule.csv');
    fs.writeFileSync(file, `${headers.join(',')}\n${row.map((c) => `"${c}"`).join(',')}\n`);
    await page.getByRole('button', { name: lang === 'en' ? 'Import schedule…' : 'Importer un horaire…' }).click();
    await page.getByLabel(lang === 'en' ? 'Schedule file (CSV or Excel)' : 'Fichier de l’horaire (CSV ou Excel)').setInputFiles(file);
    await page.locator('fieldset.mapping table').waitFor();
    const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, mapping: document.querySelector('fieldset.mapping')!.getBoundingClientRect().right }));
    await screenshot(page, `small-import-mapping-${lang}`);
    assert.ok(widths.page <= 1024, `the page is ${widths.page} px wide`);
    assert.ok(widths.mapping <= 1024, `the mapping reaches ${widths.mapping} px`);
  });

  test(`${lang}: scrolled to the score boxes, the roster still shows whose row it is`, async (t) => {
    const days = ['03-10', '03-11', '03-12', '03-13', '03-16', '03-17'].map((d) => ({ date: futureDate(d), start: '08:30', end: '16:30' }));
    const { page } = await startApp(t, { seed: [validDraft({ courseName: 'JHSC six days', trainingStandardKey: 'JHSC-2014-1-E-I', classDays: days })], context: { locale: locale(lang), viewport: SMALL } });
    await page.evaluate(async () => {
      const found = await window.api.invoke('offerings:page', { search: 'JHSC six days' });
      const offering = found.ok ? found.value.rows[0]! : null;
      const address = { street: '', extended: '', city: '', province: 'ON', postalCode: '' };
      const learner = { firstName: 'Marie-Ève', lastName: 'Tremblay-Gagnon', email: 'marie-eve.tremblay@example.ca', birthYear: 1988, mobilePhone: '', homePhone: '', learnerId: '', employerName: '', employerContact: '', address };
      if (offering) await window.api.invoke('learners:save', { offeringRowId: offering.id, id: null, details: learner });
    });
    await page.getByRole('button', { name: /JHSC six days/ }).click();
    await page.getByRole('tab', { name: lang === 'en' ? 'Roster' : 'Liste de classe' }).click();
    const name = page.getByRole('rowheader', { name: /Marie-Ève Tremblay-Gagnon/ });
    await name.waitFor();
    const seen = await page.evaluate(() => {
      const wrap = document.querySelector('.table-wrap') as HTMLElement;
      const input = document.querySelector('table.roster input[id^="score-input-"]') as HTMLInputElement;
      input.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      const cell = document.querySelector('table.roster th[scope="row"]')!.getBoundingClientRect();
      const score = input.getBoundingClientRect();
      const hit = document.elementFromPoint(cell.left + 10, cell.top + cell.height / 2);
      return { scoreHit: document.elementFromPoint(score.left + score.width / 2, score.top + score.height / 2) === input, page: document.documentElement.scrollWidth, nameWidth: cell.width, scrolled: wrap.scrollLeft > 0, wrapLeft: wrap.getBoundingClientRect().left, cellLeft: cell.left, scoreRight: score.right, nameHit: hit?.closest('th[scope="row"]') !== null };
    });
    await screenshot(page, `small-roster-scrolled-${lang}`);
    assert.ok(seen.page <= 1024, `the page is ${seen.page} px wide: the table scrolls in its own box`);
    assert.ok(seen.scrolled, 'six days and the score make the table wider than its box');
    assert.ok(seen.nameWidth >= 140, `the name column is ${seen.nameWidth} px wide`);
    assert.ok(seen.cellLeft >= seen.wrapLeft - 1, `the name column starts at ${seen.cellLeft}, the table at ${seen.wrapLeft}`);
    assert.ok(seen.nameHit, 'what shows at the name column is the name, not a cell scrolled under it');
    assert.ok(seen.scoreRight <= 1024 && seen.scoreHit, 'the score box is in the window, not under the name column');
  });

  test(`${lang}: the preview shows the suite or room with the street`, async (t) => {
    const draft = validDraft({ courseName: 'WAH with a suite', address: { street: '100 Queen St W', extended: 'Suite 400', city: 'Toronto', province: 'ON', postalCode: 'M5H 2N2' } });
    const { page } = await startApp(t, { seed: [draft], context: { locale: locale(lang), viewport: SMALL } });
    await page.getByRole('button', { name: /WAH with a suite/ }).click();
    const preview = page.getByRole('region', { name: lang === 'en' ? 'Preview: the listing as learners see it' : 'Aperçu\u00a0: l’annonce telle que la voient les apprenants' });
    await preview.getByText('100 Queen St W, Suite 400, Toronto, ON, M5H 2N2').waitFor();
  });
}
