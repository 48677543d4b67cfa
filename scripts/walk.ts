// `npm run screens:walk [-- --out docs/screens/walk --prefix after-]`: a
// newcomer's walk through the whole desk at 1024×768, in English and French —
// first start, the list and an open offering, a new one with its problems,
// a schedule import, a roster, the report review, the calendar, Activity,
// Settings and the Trash — one screenshot a step, for docs/screens/.
// Each step finds its controls by what they say, as a user would; a step
// that cannot be taken is reported and the walk goes on.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { createServices } from '../electron/main/services';
import { createHandlers } from '../electron/main/handlers';
import { startWebBridge } from '../electron/main/web-bridge';
import { emptyDraft } from '../shared/offering';
import { addDays } from '../shared/time';
import { launchBrowser } from '../tests/e2e/harness';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'docs/screens/walk' }, prefix: { type: 'string', default: '' } } });
const memory = new Map<string, string>();
const secretStore = { get: async (a: string) => memory.get(a) ?? null, set: async (a: string, s: string) => void memory.set(a, s), delete: async (a: string) => memory.delete(a) };
const services = createServices({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'walk-')), secretStore });
const today = new Date().toISOString().slice(0, 10);
const cities = ['Toronto', 'Ottawa', 'Hamilton', 'Sudbury', 'Trois-Rivières', 'London'];
for (let i = 0; i < 12; i++) {
  const past = i < 2;
  const start = addDays(today, past ? -3 - i : 7 + i * 3);
  services.catalogue.save(null, {
    ...emptyDraft(),
    courseName: `${i % 2 ? 'JHSC Part One' : 'Working at Heights'} — ${cities[i % cities.length]}`,
    trainingStandardKey: i % 2 ? 'JHSC-2014-1-E-I' : 'WAH-E-I',
    seatsRemaining: (i * 7) % 20,
    price: 149.99,
    address: { street: `${10 + i} King St W`, extended: i === 0 ? 'Suite 400' : '', city: cities[i % cities.length]!, province: 'ON', postalCode: 'M5H 2N2' },
    classDays: i % 2 ? [0, 1, 2].map((d) => ({ date: addDays(start, d), start: '08:30', end: '15:00' })) : [{ date: start, start: '08:30', end: '16:30' }],
    registrationUrl: 'https://training.example.ca/register',
  });
}
const web = await startWebBridge({ handlers: createHandlers(services), events: services.events, rendererDir: path.resolve('out/renderer') });
const browser = await launchBrowser();
fs.mkdirSync(values.out!, { recursive: true });

const WORDS = {
  en: { nav: ['Offerings', 'Calendar', 'Trash', 'Marketplace activity', 'Settings'], new: 'New offering', publish: 'Publish', import: 'Import schedule…', file: 'Schedule file (CSV or Excel)', roster: 'Roster', rosterImport: 'Import roster from CSV', rosterFile: 'Roster file (CSV)', report: 'Report completions' },
  fr: { nav: ['Offres', 'Calendrier', 'Corbeille', 'Activité du Marketplace', 'Paramètres'], new: 'Nouvelle offre', publish: 'Publier', import: 'Importer un horaire…', file: 'Fichier de l’horaire (CSV ou Excel)', roster: 'Liste de classe', rosterImport: 'Importer la liste (CSV)', rosterFile: 'Fichier de la liste (CSV)', report: 'Déclarer les réussites' },
} as const;

const shots: string[] = [];
for (const lang of ['en', 'fr'] as const) {
  const w = WORDS[lang];
  const page = await browser.newPage({ viewport: { width: 1024, height: 768 }, locale: lang === 'en' ? 'en-CA' : 'fr-CA' });
  await page.goto(web.url);
  let n = 0;
  const step = async (name: string, act: (p: Page) => Promise<unknown>) => {
    const file = path.join(values.out!, `${values.prefix}${lang}-${String(++n).padStart(2, '0')}-${name}.png`);
    try {
      await act(page);
      await page.waitForTimeout(300);
      await page.screenshot({ path: file });
      shots.push(file);
    } catch (e) {
      console.log(`${lang} ${name}: could not be taken (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
    }
  };
  const nav = (i: number) => page.getByRole('button', { name: w.nav[i], exact: true }).click();
  await step('offerings', () => page.locator('button.row').first().waitFor());
  await step('offering-open', () => page.locator('button.row').nth(2).click().then(() => page.locator('#f-courseName').waitFor()));
  await step('new-offering-problems', async () => {
    await page.getByRole('button', { name: w.new, exact: true }).click();
    await page.getByRole('button', { name: w.publish, exact: true }).click();
  });
  await step('import-mapping', async () => {
    await nav(0);
    await page.getByRole('button', { name: w.import }).click();
    await page.getByLabel(w.file).setInputFiles(path.resolve('tests/fixtures/schedules', lang === 'en' ? 'schedule-en-bom.csv' : 'schedule-fr-windows1252.csv'));
    await page.locator('fieldset.mapping').waitFor();
  });
  await step('import-report', () => page.locator('fieldset.mapping ~ *').last().scrollIntoViewIfNeeded());
  await step('roster', async () => {
    await page.goto(web.url);
    await page.locator('button.row').first().click();
    await page.getByRole('tab', { name: w.roster }).click();
    await page.getByRole('button', { name: w.rosterImport }).click();
    await page.getByLabel(w.rosterFile).setInputFiles(path.resolve('tests/fixtures/rosters', lang === 'en' ? 'registration-en-bom.csv' : 'registration-fr-windows1252.csv'));
    await page.getByRole('button', { name: new RegExp(`^${lang === 'en' ? 'Import' : 'Importer'} \\d`) }).click();
    await page.locator('table.roster tbody tr').first().waitFor();
  });
  await step('report-review', () => page.getByRole('button', { name: w.report }).click());
  for (const [i, name] of [[1, 'calendar'], [3, 'activity'], [4, 'settings'], [2, 'trash']] as const) await step(name, () => nav(i));
  await page.close();
}
fs.writeFileSync(
  path.join(values.out!, `${values.prefix}index.md`),
  `# A newcomer's walk${values.prefix ? ` (${values.prefix.replace(/-$/, '')})` : ''}\n\nMade with \`npm run screens:walk${values.prefix ? ` -- --prefix ${values.prefix}` : ''}\` at 1024×768.\n\n${shots.map((f) => `![${path.basename(f, '.png')}](${path.basename(f)})`).join('\n')}\n`,
);
console.log(`${shots.length} screenshots in ${values.out}`);
await browser.close();
await web.close();
await services.close();
