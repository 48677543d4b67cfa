// The same schedule imported twice, in Chromium, in both languages: the
// second time the desk asks about the offerings it already holds, and leaves
// them out or copies them only as the user answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { futureDate, tempDir } from '../support/helpers';
import { startApp, screenshot } from './harness';

const year = futureDate('01-01').slice(0, 4);
const CSV = [
  'Course name,Training standard,Delivery,Date,Start,End,Seats remaining,Price,Street address,City,Postal code,Registration URL',
  `WAH Toronto,Working at Heights - Full course,In person,${year}-05-04,8:30 AM,4:30 PM,15,149.50,100 Queen St W,Toronto,M5H 2N2,https://training.example.ca/r/wah`,
  `WAH Ottawa,Working at Heights - Full course,In person,${year}-05-04,8:30 AM,4:30 PM,15,149.50,1 Elgin St,Ottawa,K1P 5W1,https://training.example.ca/r/wah`,
].join('\r\n');

const WORDS = {
  en: { button: 'Import schedule…', file: 'Schedule file (CSV or Excel)', report: 'What each row will do', importN: 'Import 2 offerings', done: /Imported: 2 created/, question: '2 offerings in this file look like ones already in the catalogue (same standard, first day and city). Import them?', skip: 'No, leave them out (they are already in the catalogue)', create: 'Yes, import them as new offerings', leftOut: 'Left out', summary: '0 to create · 0 to update · 0 rows refused · 2 rows left out', atCell: /An offering of this standard already starts on this day in this city/ },
  fr: { button: 'Importer un horaire…', file: 'Fichier de l’horaire (CSV ou Excel)', report: 'Ce que fera chaque ligne', importN: /^Importer 2 /, done: /Importation terminée\s:\s2 créées/, question: '2 offres de ce fichier ressemblent à des offres déjà au catalogue (même norme, même premier jour, même ville). Les importer\u202f?', skip: 'Non, les laisser de côté (elles sont déjà au catalogue)', create: 'Oui, les importer comme nouvelles offres', leftOut: 'Laissée de côté', summary: '0 à créer · 0 à mettre à jour · 0 ligne refusée · 2 lignes laissées de côté', atCell: /Une offre de cette norme commence déjà ce jour-là dans cette ville/ },
} as const;

for (const lang of ['en', 'fr'] as const) {
  test(`${lang}: importing the same schedule again asks before copying any class`, { timeout: 120_000 }, async (t) => {
    const w = WORDS[lang];
    const file = path.join(tempDir(), 'schedule.csv');
    fs.writeFileSync(file, CSV);
    const { page } = await startApp(t, { context: { locale: lang === 'en' ? 'en-CA' : 'fr-CA' } });
    const importFile = async () => {
      await page.getByRole('button', { name: w.button }).click();
      await page.getByLabel(w.file).setInputFiles(file);
      await page.getByRole('region', { name: w.report }).waitFor();
    };
    await importFile();
    await page.getByRole('button', { name: w.importN }).click();
    await page.getByText(w.done).waitFor();

    await importFile();
    const report = page.getByRole('region', { name: w.report });
    await page.getByRole('group', { name: w.question }).waitFor();
    assert.equal(await report.getByText(w.atCell).count(), 2, 'each row says why, at its cell');
    await page.getByRole('group', { name: w.question }).scrollIntoViewIfNeeded();
    await screenshot(page, `schedule-reimport-${lang}`);
    await page.getByLabel(w.skip).check();
    await report.getByRole('cell', { name: new RegExp(`^${w.leftOut} · `) }).nth(1).waitFor();
    await report.getByRole('status').filter({ hasText: w.summary }).waitFor();
    assert.equal(await page.getByRole('button', { name: lang === 'en' ? 'Import 0 offerings' : /^Importer 0 / }).isDisabled(), true, 'nothing left to import');
    await page.getByLabel(w.create).check();
    await page.getByRole('button', { name: w.importN }).click();
    await page.getByText(w.done).waitFor();
    const total = await page.evaluate(async () => (await window.api.invoke('offerings:counts', {})) as unknown);
    assert.equal((total as { ok: boolean; value: { total: number } }).value.total, 4, 'copied only once the user said so');
  });
}
