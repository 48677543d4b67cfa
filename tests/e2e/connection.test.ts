// Settings → Connection in Chromium, in English and French: the ministry
// gateway with Test connection, then an online offering published through it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { startSandbox, type GatewayAccount } from '../../electron/main/sandbox/sandbox-server';
import { startApp, screenshot } from './harness';

function account(): GatewayAccount {
  return {
    clientId: `provider-${randomBytes(3).toString('hex')}`,
    clientSecret: `cs-${randomBytes(16).toString('hex')}`,
    subscriptionKey: randomBytes(16).toString('hex'),
    programIds: { 'JHSC-2014-1-10097': 'JHSC-2014-1-E-O', 'WAH-10083': 'WAH-E-I' },
  };
}

const L = {
  en: { settings: 'Settings', connection: 'Connection', gateway: 'Ontario ministry gateway', network: 'Marketplace network API', baseUrl: 'Gateway URL', tokenUrl: 'Token URL', clientId: 'Client ID', secret: 'Client secret', key: 'Subscription key', test: 'Test connection', ok: 'Connected: the ministry gateway accepted the client ID and secret and issued a token.', refused: 'The ministry gateway refused the client ID or secret — check Settings.', programIds: 'Your approved program IDs', saved: 'Settings saved.' },
  fr: { settings: 'Paramètres', connection: 'Connexion', gateway: 'Passerelle du ministère de l’Ontario', network: 'API réseau du Marketplace', baseUrl: 'URL de la passerelle', tokenUrl: 'URL du jeton', clientId: 'ID client', secret: 'Secret client', key: 'Clé d’abonnement', test: 'Tester la connexion', ok: 'Connecté\u00a0: la passerelle du ministère a accepté l’ID client et le secret, et a émis un jeton.', refused: 'La passerelle du ministère a refusé l’ID client ou le secret — vérifiez les Paramètres.', programIds: 'Vos numéros de programme approuvés', saved: 'Paramètres enregistrés.' },
};

async function connectGateway(page: Page, lang: 'en' | 'fr', acct: GatewayAccount, urls: { baseUrl: string; tokenUrl: string }, secret = acct.clientSecret) {
  const l = L[lang];
  await page.getByRole('button', { name: l.settings, exact: true }).click();
  const fieldset = page.getByRole('group', { name: l.connection, exact: true });
  await fieldset.getByLabel(l.gateway).check();
  await page.getByLabel(l.baseUrl).fill(urls.baseUrl);
  await page.getByLabel(l.tokenUrl).fill(urls.tokenUrl);
  await page.getByLabel(l.clientId, { exact: true }).fill(acct.clientId);
  await page.getByLabel(l.secret, { exact: true }).fill(secret);
  await page.getByLabel(l.key, { exact: true }).fill(acct.subscriptionKey);
  await page.getByRole('table', { name: l.programIds }).getByLabel(/JHSC-2014-1-E-O/).fill('JHSC-2014-1-10097');
  await page.getByRole('button', { name: l.test }).click();
}

for (const lang of ['en', 'fr'] as const) {
  test(`Settings → Connection in ${lang === 'en' ? 'English' : 'French'}: the gateway, Test connection, and an online offering listed through it`, async (t) => {
    const acct = account();
    const gateway = await startSandbox({ dialect: 'gateway', gateway: acct });
    t.after(() => gateway.close());
    const { page } = await startApp(t, { context: { locale: lang === 'en' ? 'en-CA' : 'fr-CA' } });
    const l = L[lang];

    await connectGateway(page, lang, acct, gateway, 'wrong-secret');
    await page.getByRole('alert').filter({ hasText: l.refused }).waitFor();
    assert.equal(gateway.tokenRequests(), 1);

    await page.getByLabel(l.secret, { exact: true }).fill(acct.clientSecret);
    await page.getByRole('button', { name: l.test }).click();
    await page.getByRole('status').filter({ hasText: l.ok }).waitFor();
    assert.deepEqual(gateway.requests(), [], 'Test connection lists nothing');
    assert.equal(await page.getByLabel(l.secret, { exact: true }).inputValue(), '', 'the secret is not kept in the page');
    await page.getByText(new RegExp(acct.subscriptionKey.slice(-4))).first().waitFor();
    await screenshot(page, `settings-connection-${lang}`);

    if (lang === 'en') {
      await page.getByRole('button', { name: 'Offerings' }).click();
      await page.getByRole('button', { name: 'New offering', exact: true }).click();
      await page.getByLabel('Online offering').check();
      await page.getByLabel('Course name').fill('JHSC Part One — e-learning');
      await page.getByLabel('Training standard').selectOption('JHSC-2014-1-E-O');
      assert.equal(await page.getByLabel('Day 1 date').count(), 0, 'no class days for an online course');
      assert.equal(await page.getByLabel('Street address').count(), 0, 'no address');
      await page.getByLabel('Course duration (hours)').fill('2.5');
      await page.getByLabel('Price', { exact: true }).fill('199.99');
      await page.getByLabel('Registration URL').fill('https://training.example.ca/jhsc-online');
      await page.getByRole('button', { name: 'Publish', exact: true }).click();
      const row = page.getByRole('button', { name: /JHSC Part One — e-learning/ });
      await row.getByTestId('status').filter({ hasText: /^(Published|Failed|Needs attention)$/ }).waitFor({ timeout: 30_000 });
      assert.equal(await row.getByTestId('status').textContent(), 'Published', (await page.locator('.form').textContent()) ?? '');
      await row.getByTestId('online-badge').filter({ hasText: 'Online' }).waitFor();
      const [listed] = gateway.onlineListings(acct.clientId);
      assert.deepEqual({ ...listed, offeringId: undefined }, {
        offeringId: undefined,
        trainingStandardKey: 'JHSC-2014-1-10097',
        courseName: 'JHSC Part One — e-learning',
        courseDuration: 2.5,
        contactForPricing: false,
        price: 199.99,
        externalRegistrationUrl: 'https://training.example.ca/jhsc-online',
      });
      await page.locator('details.more-filters > summary').click();
      await page.getByLabel('Kind').selectOption('class');
      assert.equal(await row.count(), 0, 'the Online filter leaves it out of Classes');
      await page.getByLabel('Kind').selectOption('online');
      await row.waitFor();
      await screenshot(page, 'offering-online');
    }
  });
}

for (const lang of ['en', 'fr'] as const) {
  test(`${lang}: the ministry's list of program IDs pasted into one box fills every standard it names, and the boxes show the longest IDs whole`, async (t) => {
    const { page } = await startApp(t, { context: { locale: lang === 'en' ? 'en-CA' : 'fr-CA', permissions: ['clipboard-read', 'clipboard-write'], viewport: { width: 1024, height: 768 } } });
    const l = L[lang];
    await page.getByRole('button', { name: l.settings, exact: true }).click();
    await page.getByRole('group', { name: l.connection, exact: true }).getByLabel(l.gateway).check();
    const table = page.getByRole('table', { name: l.programIds });
    await page.evaluate((text) => navigator.clipboard.writeText(text), 'Standard\tProgram ID\r\nWAH-E-I\tWAH-10083\r\nJHSC-2014-Refr-E-V\tJHSC-2014-Refr-10016\r\nJHSC-2014-2-E-I\tJHSC-2014-2-10096\r\n');
    await table.getByLabel(/\(WAH-E-I\)/).focus();
    await page.keyboard.press('ControlOrMeta+V');
    const said = lang === 'en' ? '3 standards filled from the pasted list. Save the settings to keep them.' : '3 normes remplies à partir de la liste collée. Enregistrez les paramètres pour les garder.';
    await page.getByRole('status').filter({ hasText: said }).waitFor();
    await page.getByRole('status').filter({ hasText: /Standard\tProgram ID|Standard Program ID/ }).waitFor();
    assert.deepEqual(
      await Promise.all(['WAH-E-I', 'JHSC-2014-Refr-E-V', 'JHSC-2014-2-E-I', 'WAH-F-I'].map((k) => table.getByLabel(new RegExp(`\\(${k}\\)`)).inputValue())),
      ['WAH-10083', 'JHSC-2014-Refr-10016', 'JHSC-2014-2-10096', ''],
    );
    // The longest ID is shown whole: the box's text does not scroll.
    const refresher = table.getByLabel(/\(JHSC-2014-Refr-E-V\)/);
    const { scroll, client } = await refresher.evaluate((el: HTMLInputElement) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    assert.ok(scroll <= client, `${scroll} px of text in a ${client} px box`);
    await page.getByRole('button', { name: lang === 'en' ? 'Save settings' : 'Enregistrer les paramètres' }).click();
    await page.getByText(l.saved).first().waitFor();
    await table.scrollIntoViewIfNeeded();
    await screenshot(page, `program-ids-pasted-${lang}`);
  });
}
