// Import schedule in Chromium, in both languages: pick a messy French Excel
// export, answer the question the file leaves open, read the report, import,
// then publish what can be published.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { networkKey } from '../support/helpers';
import { startApp, screenshot } from './harness';

const WORDS = {
  en: { button: 'Import schedule…', file: 'Schedule file (CSV or Excel)', which: 'Which standard is “CMSS - partie 1”?', dayFirst: 'Day first (5 April 2027)', importN: 'Import 2 offerings', created: 'Will be created', refused: 'Refused', done: /Imported: 2 created, 0 updated, 4 rows refused/, publishAll: 'Publish all', conflict: 'Another row gives this offering ID to a different class.', saveRefused: 'Save refused rows as CSV', problem: 'Problem' },
  fr: { button: 'Importer un horaire…', file: 'Fichier de l’horaire (CSV ou Excel)', which: 'Quelle norme est « CMSS - partie 1 » ?', dayFirst: 'Le jour d’abord (5 avril 2027)', importN: 'Importer 2 offres', created: 'Sera créée', refused: 'Refusée', done: /Importation terminée\s:\s2 créées, 0 mise à jour, 4 lignes refusées/, publishAll: 'Tout publier', conflict: 'Une autre ligne donne cet identifiant à un cours différent.', saveRefused: 'Enregistrer les lignes refusées en CSV', problem: 'Problème' },
} as const;

for (const lang of ['en', 'fr'] as const) {
  test(`${lang}: Import schedule… reports every row, imports the good ones, and they publish`, { timeout: 120_000 }, async (t) => {
    const w = WORDS[lang];
    const { page, sandbox } = await startApp(t, { context: { locale: lang === 'en' ? 'en-CA' : 'fr-CA' } });
    const key = networkKey();
    await page.evaluate(async (k) => void (await window.api.invoke('settings:save', { networkKey: k })), key);

    await page.getByRole('button', { name: w.button }).click();
    await page.getByLabel(w.file).setInputFiles(path.join(import.meta.dirname, '..', 'fixtures', 'schedules', 'schedule-fr-windows1252.csv'));
    const report = page.getByRole('region', { name: lang === 'en' ? 'What each row will do' : 'Ce que fera chaque ligne' });
    await report.waitFor();
    assert.equal(await page.getByLabel(w.dayFirst).isChecked(), true, 'the order the file proves is offered');
    await page.getByLabel(w.which).selectOption('JHSC-2014-1-F-I');
    await report.getByText(w.created).nth(1).waitFor();
    assert.equal(await report.getByRole('cell', { name: w.refused, exact: true }).count(), 4);
    assert.equal(await report.getByText(w.conflict).count(), 2, 'both rows that share th-0413, each at its cell');
    await screenshot(page, `schedule-import-${lang}`);
    // The refused rows as they were, with the reason last: to fix in the spreadsheet and import again.
    const [saved] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: w.saveRefused }).click()]);
    const [header, ...refusedRows] = parse(fs.readFileSync((await saved.path())!, 'utf8').replace(/^\ufeff/, '')) as string[][];
    assert.equal(header!.at(-1), w.problem);
    assert.equal(header![0], 'Identifiant');
    assert.deepEqual(refusedRows.map((r) => r[0]), ['th-0413', 'th-0413', '', 'th-0420']);
    assert.equal(refusedRows[0]![8], '200, boul. Saint-Joseph\nLocal 3', 'a cell with a line break comes back whole');
    await page.getByRole('button', { name: w.importN }).click();
    await page.getByText(w.done).waitFor();

    await page.getByRole('button', { name: /Travail en hauteur — avril/ }).waitFor();
    await page.getByRole('button', { name: w.publishAll }).click();
    await page.getByRole('button', { name: /Travail en hauteur — avril/ }).getByTestId('status').filter({ hasText: lang === 'en' ? /^Published$/ : /^Publiée$/ }).waitFor({ timeout: 15_000 });
    const listed = sandbox.listings(key);
    assert.deepEqual(listed.map((l) => l.offeringId), ['th-0412'], 'the incomplete one waits for its fixes');
    assert.equal(listed[0]!.courseName, 'Travail en hauteur — avril');
  });
}
