// `npm run screens [-- --out docs/screens]`: the offerings screen at 1024×768 and
// 1920×1080, light and dark, with a few dozen realistic offerings, for the docs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createServices } from '../electron/main/services';
import { createHandlers } from '../electron/main/handlers';
import { startWebBridge } from '../electron/main/web-bridge';
import type { SecretStore } from '../electron/main/platform/credentials';
import { emptyDraft } from '../shared/offering';
import { TRAINING_STANDARDS } from '../shared/standards';
import { addDays } from '../shared/time';
import { launchBrowser } from '../tests/e2e/harness';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'docs/screens' }, prefix: { type: 'string', default: '' } } });
const memory = new Map<string, string>();
const secretStore: SecretStore = { get: async (a) => memory.get(a) ?? null, set: async (a, s) => void memory.set(a, s), delete: async (a) => memory.delete(a) };
const services = createServices({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'screens-')), secretStore });
services.queue.cancel();
const cities = ['Toronto', 'Ottawa', 'Hamilton', 'Sudbury', 'Trois-Rivières', 'London'];
const start = addDays(new Date().toISOString().slice(0, 10), 10);
for (let i = 0; i < 40; i++) {
  const standard = TRAINING_STANDARDS[i % TRAINING_STANDARDS.length]!;
  services.catalogue.save(null, {
    ...emptyDraft(),
    courseName: `${standard.program === 'WAH' ? 'Working at Heights' : 'JHSC Certification'} — ${cities[i % cities.length]}`,
    trainingStandardKey: standard.key,
    seatsRemaining: (i * 7) % 20,
    price: 149.99,
    address: { street: `${10 + i} King St W`, extended: '', city: cities[i % cities.length]!, province: 'ON', postalCode: 'M5H 2N2' },
    classDays: [{ date: addDays(start, i * 2), start: '08:30', end: '16:30' }],
    registrationUrl: 'https://training.example.ca/register',
    virtualClassUrl: standard.delivery === 'in-person' ? '' : 'https://meet.example.ca/class',
  });
}
const web = await startWebBridge({ handlers: createHandlers(services), events: services.events, rendererDir: path.resolve('out/renderer') });
const browser = await launchBrowser();
fs.mkdirSync(values.out!, { recursive: true });
for (const [width, height] of [[1024, 768], [1920, 1080]] as const) {
  for (const theme of ['light', 'dark'] as const) {
    const page = await browser.newPage({ viewport: { width, height }, colorScheme: theme, locale: 'en-CA' });
    await page.goto(web.url);
    await page.locator('button.row').first().click();
    await page.locator('#f-courseName').waitFor();
    await page.waitForTimeout(400);
    const file = path.join(values.out!, `${values.prefix}offerings-${width}x${height}-${theme}.png`);
    await page.screenshot({ path: file });
    const rows = await page.evaluate(() => {
      const box = document.querySelector('.virtual')?.getBoundingClientRect();
      return [...document.querySelectorAll('.card')].filter((c) => { const r = c.getBoundingClientRect(); return box && r.top >= box.top && r.bottom <= Math.min(box.bottom, innerHeight); }).length;
    });
    console.log(`${file}: ${rows} rows fully visible`);
    await page.close();
  }
}
await browser.close();
await web.close();
await services.close();
