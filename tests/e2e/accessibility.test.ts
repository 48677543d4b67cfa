// axe-core on every screen, light and dark, in English and French: no serious or critical
// violations. The page's strict CSP forbids injected scripts, so this one
// browser context bypasses it to load axe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validDraft, futureDate } from '../support/helpers';
import { startApp, screenshot, axeProblems } from './harness';

test('every screen passes axe-core with no serious or critical violations, in both themes and both languages', { timeout: 240_000 }, async (t) => {
  const { page } = await startApp(t, { embedded: true, context: { bypassCSP: true, locale: 'en-CA' } });
  await page.evaluate(async (drafts) => {
    for (const draft of drafts) await window.api.invoke('offerings:save', { id: null, draft });
    const found = await window.api.invoke('offerings:page', { search: 'To the trash' });
    const trash = found.ok ? found.value.rows[0] : undefined;
    if (trash) await window.api.invoke('offerings:delete', { id: trash.id });
    // A learner on WAH April's roster, and a person to tick for its day.
    const wah = await window.api.invoke('offerings:page', { search: 'WAH April' });
    const row = wah.ok ? wah.value.rows[0] : undefined;
    const learner = { firstName: 'Sam', lastName: 'Lee', email: 'sam.lee@example.com', birthYear: 1990, mobilePhone: '', homePhone: '', learnerId: '', employerName: '', employerContact: '', address: { street: '', extended: '', city: '', province: 'ON', postalCode: '' } };
    if (row) await window.api.invoke('learners:save', { offeringRowId: row.id, id: null, details: learner });
    await window.api.invoke('people:save', { id: null, name: 'Jordan Smith' });
  }, [validDraft({ courseName: 'To the trash' }), validDraft({ courseName: 'WAH April', classDays: [{ date: futureDate('04-14'), start: '08:30', end: '16:30' }] })]);
  await page.reload();

  const found: string[] = [];
  for (const theme of ['light', 'dark'] as const) {
    // The dark theme follows the system setting: emulated here as the OS would report it.
    await page.emulateMedia({ colorScheme: theme });
    for (const language of ['en', 'fr'] as const) {
      await page.locator('header nav button').last().click();
      await page.locator('#s-language').selectOption(language);
      const nav = language === 'en' ? ['Offerings', 'Calendar', 'Trash', 'Marketplace activity', 'Settings'] : ['Offres', 'Calendrier', 'Corbeille', 'Activité du Marketplace', 'Paramètres'];
      const where = `${theme} ${language}`;
      await page.getByRole('button', { name: nav[0], exact: true }).click();
      await page.getByRole('button', { name: /WAH April/ }).click();
      await page.locator('#f-courseName').waitFor();
      found.push(...(await axeProblems(page, `${where} offering form`)));
      await page.getByRole('tab', { name: language === 'en' ? 'Roster' : 'Liste de classe' }).click();
      await page.getByRole('row', { name: /Sam Lee/ }).waitFor();
      await page.getByRole('button', { name: language === 'en' ? 'Add learner' : 'Ajouter un participant' }).click();
      await page.locator('#le-firstName').waitFor();
      found.push(...(await axeProblems(page, `${where} roster`)));
      await page.getByRole('tab', { name: language === 'en' ? 'Details' : 'Détails' }).click();
      await page.getByRole('button', { name: language === 'en' ? 'New offering' : 'Nouvelle offre', exact: true }).click();
      // The new, empty form has replaced WAH April's before Publish is pressed.
      await page.waitForFunction(() => (document.getElementById('f-courseName') as HTMLInputElement | null)?.value === '');
      await page.getByRole('button', { name: language === 'en' ? 'Publish' : 'Publier', exact: true }).click();
      await page.locator('#form-summary').waitFor();
      found.push(...(await axeProblems(page, `${where} form with errors`)));
      await page.getByRole('button', { name: language === 'en' ? 'Keyboard shortcuts' : 'Raccourcis clavier' }).click();
      found.push(...(await axeProblems(page, `${where} shortcuts panel`)));
      await page.getByRole('button', { name: language === 'en' ? 'Keyboard shortcuts' : 'Raccourcis clavier' }).click();
      for (const screen of nav.slice(1)) {
        await page.getByRole('button', { name: screen, exact: true }).click();
        await page.waitForTimeout(300);
        found.push(...(await axeProblems(page, `${where} ${screen}`)));
      }
    }
  }
  assert.deepEqual(found, []);
});

for (const lang of ['en', 'fr'] as const) {
  test(`${lang}: at 1024×768 nothing is wider than the window and the header's status is read whole`, async (t) => {
    const { page } = await startApp(t, { seed: [validDraft({ courseName: 'WAH at 1024' })], context: { locale: lang === 'en' ? 'en-CA' : 'fr-CA', viewport: { width: 1024, height: 768 } } });
    await page.getByRole('button', { name: /WAH at 1024/ }).click();
    await page.locator('header.top .queue').filter({ hasText: /\S/ }).waitFor();
    const sizes = await page.evaluate(() => {
      const status = document.querySelector('header.top .queue') as HTMLElement;
      return { page: document.documentElement.scrollWidth, status: status.scrollWidth, shown: status.clientWidth, right: Math.max(...[...document.querySelectorAll('header.top > *')].map((e) => e.getBoundingClientRect().right)) };
    });
    assert.ok(sizes.page <= 1024, `the page is ${sizes.page} px wide`);
    assert.ok(sizes.right <= 1024, `the header reaches ${sizes.right} px`);
    assert.ok(sizes.status <= sizes.shown, `the status needs ${sizes.status} px and shows ${sizes.shown}`);
    await screenshot(page, `small-window-${lang}`);
  });
}

for (const lang of ['en', 'fr'] as const) {
  test(`${lang}: a message after Save draft covers neither Save draft nor Publish, at 1024×768`, async (t) => {
    const { page } = await startApp(t, { seed: [validDraft({ courseName: 'WAH toast' })], context: { locale: lang === 'en' ? 'en-CA' : 'fr-CA', viewport: { width: 1024, height: 768 } } });
    await page.getByRole('button', { name: /WAH toast/ }).click();
    const save = page.getByRole('button', { name: lang === 'en' ? 'Save draft' : 'Enregistrer le brouillon', exact: true });
    const publish = page.getByRole('button', { name: lang === 'en' ? 'Publish' : 'Publier', exact: true });
    // The buttons at the foot of the window, where a staff member scrolls to reach them.
    const toFoot = () => save.evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await toFoot();
    await save.click();
    const toast = page.locator('.toast').first();
    await toast.waitFor();
    await toFoot();
    const toastBox = (await toast.boundingBox())!;
    for (const button of [save, publish]) {
      const box = (await button.boundingBox())!;
      const apart = box.y + box.height <= toastBox.y || toastBox.y + toastBox.height <= box.y || box.x + box.width <= toastBox.x || toastBox.x + toastBox.width <= box.x;
      assert.ok(apart, `the message at ${JSON.stringify(toastBox)} covers a button at ${JSON.stringify(box)}`);
      // What a click at the button's middle reaches is the button itself.
      assert.ok(await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('button')?.textContent?.trim() ?? null, { x: box.x + box.width / 2, y: box.y + box.height / 2 }), 'the button is clickable');
    }
    await screenshot(page, `toast-after-save-${lang}`);
  });
}
