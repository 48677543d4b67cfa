// A spreadsheet row bomb picked in the window, in both languages: the refusal
// is shown at the file picker in the user's language, and the app goes on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startApp } from './harness';
import { HEADER, text, workbook } from '../support/xlsx';

const WORDS = {
  en: { button: 'Import schedule…', file: 'Schedule file (CSV or Excel)', refused: 'This spreadsheet reaches too far to be a schedule' },
  fr: { button: 'Importer un horaire…', file: 'Fichier de l’horaire (CSV ou Excel)', refused: 'Ce classeur s’étend trop loin pour être un calendrier' },
} as const;

for (const lang of ['en', 'fr'] as const) {
  test(`${lang}: a 1.6 KB .xlsx whose last row is 30,000,000 is refused at the picker, and the desk keeps answering`, { timeout: 120_000 }, async (t) => {
    const w = WORDS[lang];
    const { page } = await startApp(t, { context: { locale: lang === 'en' ? 'en-CA' : 'fr-CA' } });
    await page.getByRole('button', { name: w.button }).click();
    const buffer = Buffer.from(workbook(`${HEADER}<row r="30000000">${text('A30000000', 'wah-1')}</row>`), 'base64');
    await page.getByLabel(w.file).setInputFiles({ name: 'horaire.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
    await page.getByText(w.refused).waitFor({ timeout: 10_000 });
    const counts = await page.evaluate(() => window.api.invoke('offerings:counts', {}));
    assert.equal((counts as { ok: boolean }).ok, true, 'the main process still answers');
  });
}
