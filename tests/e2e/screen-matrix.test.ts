// The screens a new office user works in, at 1024×768 and 1920×1080, light and
// dark, English and French: axe-core finds no serious or critical violation,
// and no screen is wider than its window. The page's strict CSP forbids
// injected scripts, so this browser context bypasses it to load axe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { validDraft, futureDate } from '../support/helpers';
import { startApp, axeProblems } from './harness';

/** What is wrong on this screen: serious or critical axe violations, and a page wider than the window. */
async function problems(page: Page, screen: string, width: number): Promise<string[]> {
  const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  return [...(await axeProblems(page, screen)), ...(pageWidth > width ? [`${screen}: the page is ${pageWidth} px wide`] : [])];
}

const WORDS = {
  en: { nav: ['Offerings', 'Marketplace activity', 'Settings'], roster: 'Roster', import: 'Import schedule…', file: 'Schedule file (CSV or Excel)', cancel: 'Cancel' },
  fr: { nav: ['Offres', 'Activité du Marketplace', 'Paramètres'], roster: 'Liste de classe', import: 'Importer un horaire…', file: 'Fichier de l’horaire (CSV ou Excel)', cancel: 'Annuler' },
} as const;

test('list, form, roster, import mapping, Activity and Settings at 1024×768 and 1920×1080, both themes, both languages: axe-clean and no wider than the window', { timeout: 300_000 }, async (t) => {
  const days = ['03-10', '03-11', '03-12'].map((d) => ({ date: futureDate(d), start: '08:30', end: '16:30' }));
  const { page } = await startApp(t, { embedded: true, seed: [validDraft({ courseName: 'JHSC matrix', trainingStandardKey: 'JHSC-2014-1-E-I', classDays: days }), validDraft({ courseName: 'WAH matrix' })], context: { bypassCSP: true, locale: 'en-CA' } });
  await page.evaluate(async () => {
    const found = await window.api.invoke('offerings:page', { search: 'JHSC matrix' });
    const row = found.ok ? found.value.rows[0] : undefined;
    const address = { street: '', extended: '', city: '', province: 'ON', postalCode: '' };
    if (row) await window.api.invoke('learners:save', { offeringRowId: row.id, id: null, details: { firstName: 'Zoë', lastName: 'Côté-Bélanger', email: 'zoe.cote@example.ca', birthYear: 1990, mobilePhone: '', homePhone: '', learnerId: '', employerName: '', employerContact: '', address } });
  });
  const found: string[] = [];
  for (const [width, height] of [[1024, 768], [1920, 1080]] as const) {
    await page.setViewportSize({ width, height });
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      for (const lang of ['en', 'fr'] as const) {
        const w = WORDS[lang];
        const where = `${width}×${height} ${theme} ${lang}`;
        await page.getByRole('button', { name: WORDS.en.nav[2], exact: true }).or(page.getByRole('button', { name: WORDS.fr.nav[2], exact: true })).click();
        await page.locator('#s-language').selectOption(lang);
        await page.getByRole('button', { name: w.nav[0], exact: true }).click();
        await page.getByRole('button', { name: /JHSC matrix/ }).click();
        await page.locator('#f-courseName').waitFor();
        found.push(...(await problems(page, `${where} list and form`, width)));
        await page.getByRole('tab', { name: w.roster }).click();
        await page.getByRole('rowheader', { name: /Zoë Côté-Bélanger/ }).waitFor();
        found.push(...(await problems(page, `${where} roster`, width)));
        await page.getByRole('button', { name: w.import }).click();
        await page.getByLabel(w.file).setInputFiles(path.join(import.meta.dirname, '..', 'fixtures', 'schedules', 'schedule-en-bom.csv'));
        await page.locator('fieldset.mapping').waitFor();
        found.push(...(await problems(page, `${where} import mapping`, width)));
        await page.getByRole('button', { name: w.cancel, exact: true }).last().click();
        for (const screen of w.nav.slice(1)) {
          await page.getByRole('button', { name: screen, exact: true }).click();
          await page.waitForTimeout(200);
          found.push(...(await problems(page, `${where} ${screen}`, width)));
        }
      }
    }
  }
  assert.deepEqual(found, []);
});
