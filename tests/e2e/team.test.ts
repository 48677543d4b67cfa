// Settings → Team in Chromium, against a real PostgreSQL cluster: the desk
// preset by OFFERING_DESK_TEAM_URL (as an office's IT rolls it out) shows its
// team in the header, refuses plain TCP to another computer at the field,
// and shares its catalogue after a preview, by keyboard alone; axe-clean in
// both languages; screenshots at 1024×768.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validDraft, filesContaining } from '../support/helpers';
import { postgresMissing, startPostgres } from '../support/postgres';
import { startApp, screenshot, axeProblems } from './harness';

test('Settings → Team: preset from OFFERING_DESK_TEAM_URL, refused plain TCP at its field, Share by keyboard after its preview, both languages, axe-clean', { skip: postgresMissing, timeout: 180_000 }, async (t) => {
  const cluster = await startPostgres(t);
  const db = await cluster.createDatabase();
  const { page, dataDir } = await startApp(t, {
    embedded: true,
    seed: [validDraft({ courseName: 'WAH for the team' }), validDraft({ courseName: 'Second offering' })],
    env: { OFFERING_DESK_TEAM_URL: `${cluster.url(db)}?sslmode=disable` },
    context: { bypassCSP: true, locale: 'en-CA', viewport: { width: 1024, height: 768 } },
  });
  const found: string[] = [];

  await page.getByText('Team: connected').waitFor();
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.locator('#team-host').waitFor();
  assert.equal(await page.locator('#team-host').inputValue(), '127.0.0.1');
  assert.equal(await page.locator('#team-database').inputValue(), db);
  assert.equal(await page.locator('#team-password').inputValue(), '', 'the password is never shown');
  await page.getByText('A password is saved in the system keychain').waitFor();

  // Plain TCP to another computer: refused at the field, nothing saved.
  await page.locator('#team-host').fill('10.0.0.5');
  await page.getByRole('button', { name: 'Save team settings' }).click();
  await page.getByText('Plain TCP is allowed only to this computer').waitFor();
  await screenshot(page, 'team-settings-refused-en');
  await page.locator('#team-host').fill('127.0.0.1');

  // Share by keyboard: focus the button, Enter, read the preview, Enter on its confirm.
  await page.getByRole('button', { name: 'Share this catalogue with my team' }).focus();
  await page.keyboard.press('Enter');
  await page.getByText('2 offerings go up from this desk.').waitFor();
  found.push(...(await axeProblems(page, 'en team preview')));
  await screenshot(page, 'team-share-preview-en');
  await page.getByRole('button', { name: 'Share now' }).focus();
  await page.keyboard.press('Enter');
  await page.getByText('Shared: 2 offerings are in the team catalogue.').waitFor();
  await page.getByText('This desk shares its changes with the team as you work').waitFor();
  await page.getByText('Team: up to date').waitFor();
  assert.deepEqual((await cluster.admin<{ n: number }>('SELECT count(*)::int AS n FROM offering_desk.offerings', db))[0], { n: 2 });
  found.push(...(await axeProblems(page, 'en team member')));

  await page.locator('#s-language').selectOption('fr');
  await page.getByRole('heading', { name: 'Équipe', exact: true }).waitFor();
  await page.getByText('Équipe\u00a0: à jour').waitFor();
  await page.locator('#team-host').fill('10.0.0.5');
  await page.getByRole('button', { name: 'Enregistrer la connexion d’équipe' }).click();
  await page.getByText('Le TCP simple est permis seulement vers cet ordinateur').waitFor();
  found.push(...(await axeProblems(page, 'fr team settings')));
  await page.locator('#team-heading').scrollIntoViewIfNeeded();
  await screenshot(page, 'team-settings-fr');

  assert.deepEqual(found, []);
  assert.deepEqual(filesContaining(dataDir, cluster.password), [], 'the preset password is in no file of the data folder');
});
