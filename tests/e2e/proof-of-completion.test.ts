// Proofs of completion in Chromium, in both languages, by keyboard: the
// roster says what the first one still needs and takes the user to it in
// Settings; the provider profile is filled in there; the roster then saves one
// learner's PDF and the whole class's, and says who received one and when.
// A page of each language's PDF is rendered by pdf.js on a canvas into
// docs/screens/proof-of-completion-<lang>.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { networkKey, validDraft, waitFor } from '../support/helpers';
import { DAY_ONE, DAY_TWO, learner } from '../support/roster';
import { readPdf } from '../support/pdf-text';
import { startApp, screenshot } from './harness';

const WORDS = {
  en: {
    roster: 'Roster',
    all: 'Proofs of completion for 2 completed learners',
    notReady: /^Before the first proof of completion, fill in: Legal name of the training provider, Training provider ID, Street address, City, Postal code, Telephone, Name of the person who signs, Their title, the approved program ID for Working at Heights – full course \(WAH-E-I\)/,
    openSettings: 'Open Settings',
    ready: 'Complete: proofs of completion can be made.',
    saved: 'Provider profile saved.',
    offerings: 'Offerings',
    one: 'Make the proof of completion of Marie-Ève Côté-Bélanger',
    made: /^Made /,
    never: 'Not made yet',
    savedOne: /^Proof of completion saved as proof-of-completion-.*-marie-eve-cote-belanger\.pdf\.$/,
    savedAll: /^2 proofs of completion saved in proofs-of-completion-.*\.pdf, one page each\.$/,
    title: 'Proof of Completion',
    standard: 'WAH-E-I',
    course: 'Working at Heights — April',
  },
  fr: {
    roster: 'Liste de classe',
    all: 'Preuves de réussite pour 2 participants ayant réussi',
    notReady: /^Avant la première preuve de réussite, remplissez\u00a0: Dénomination sociale du fournisseur de formation, Numéro du fournisseur de formation, Adresse, Ville, Code postal, Téléphone, Nom de la personne qui signe, Son titre, le numéro du programme approuvé pour Travail en hauteur – cours complet \(WAH-F-I\)/,
    openSettings: 'Ouvrir les paramètres',
    ready: 'Complet\u00a0: les preuves de réussite peuvent être produites.',
    saved: 'Profil du fournisseur enregistré.',
    offerings: 'Offres',
    one: 'Produire la preuve de réussite de Marie-Ève Côté-Bélanger',
    made: /^Produite le /,
    never: 'Pas encore produite',
    savedOne: /^Preuve de réussite enregistrée sous preuve-de-reussite-.*-marie-eve-cote-belanger\.pdf\.$/,
    savedAll: /^2 preuves de réussite enregistrées dans preuves-de-reussite-.*\.pdf, une page chacune\.$/,
    title: 'Preuve de réussite',
    standard: 'WAH-F-I',
    course: 'Travail en hauteur — avril',
  },
} as const;

const LOGO = path.join(import.meta.dirname, '..', 'fixtures', 'images', 'logo.png');
const PDFJS = path.join(import.meta.dirname, '..', '..', 'node_modules', 'pdfjs-dist', 'build');

/** The keyboard's element: its id, or its text. */
const focused = (page: Page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent?.trim() || '');

/** Presses Tab until the focused element is `name` (a button's text or aria-label): fails after 60 presses. */
async function tabTo(page: Page, name: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    const at = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') || document.activeElement?.textContent?.trim() || '');
    if (at === name) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached “${name}”`);
}

/** Saves the download the key press starts once the desk has said so (its message stays 8 s), and reads it back. */
async function downloaded(page: Page, said: RegExp) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter'), page.getByText(said).waitFor()]);
  const saved = path.join(fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'proof-')), file.suggestedFilename());
  await file.saveAs(saved);
  const bytes = new Uint8Array(fs.readFileSync(saved));
  return { name: file.suggestedFilename(), bytes, pdf: await readPdf(bytes) };
}

/** The PDF's first page drawn by pdf.js on a canvas in Chromium, 1024 px wide, saved as PNG. */
async function renderFirstPage(page: Page, bytes: Uint8Array, file: string): Promise<void> {
  const origin = new URL(page.url()).origin;
  const context = page.context();
  await context.route(`${origin}/__pdfjs/**`, async (route) => {
    const name = path.basename(new URL(route.request().url()).pathname);
    if (name === 'render.html') return route.fulfill({ contentType: 'text/html', body: '<!doctype html><meta charset="utf-8"><body style="margin:0;background:#fff"><canvas id="page"></canvas></body>' });
    return route.fulfill({ contentType: 'text/javascript', body: fs.readFileSync(path.join(PDFJS, name)) });
  });
  const viewer = await context.newPage();
  await viewer.setViewportSize({ width: 1024, height: 768 });
  await viewer.goto(`${origin}/__pdfjs/render.html`);
  await viewer.evaluate(async (data) => {
    const pdfjs = await import(`${location.origin}/__pdfjs/pdf.mjs`);
    pdfjs.GlobalWorkerOptions.workerSrc = `${location.origin}/__pdfjs/pdf.worker.mjs`;
    const pdf = await pdfjs.getDocument({ data: Uint8Array.from(atob(data), (c) => c.charCodeAt(0)) }).promise;
    const first = await pdf.getPage(1);
    const viewport = first.getViewport({ scale: 1024 / first.getViewport({ scale: 1 }).width });
    const canvas = document.getElementById('page') as HTMLCanvasElement;
    canvas.width = viewport.width;
    canvas.height = viewport.height;
    await first.render({ canvas, viewport }).promise;
  }, Buffer.from(bytes).toString('base64'));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await viewer.locator('#page').screenshot({ path: file });
  await viewer.close();
}

for (const lang of ['en', 'fr'] as const) {
  test(`${lang}: the roster names what the first proof of completion needs, Settings takes it, the roster saves one learner's PDF and the class's`, { timeout: 180_000 }, async (t) => {
    const w = WORDS[lang];
    const { page, sandbox, restartBridge } = await startApp(t, { context: { locale: lang === 'en' ? 'en-CA' : 'fr-CA', viewport: { width: 1024, height: 768 } } });
    const key = networkKey();
    // A class listed, taught and marked through the same window.api the roster uses (its own screens are roster.test's).
    await page.evaluate(
      async ({ key, draft, people, dayOne, dayTwo }) => {
        // (No helper function here: the page gets this code as text, without the build's helpers.)
        const answers: { ok: boolean; error?: unknown }[] = [];
        answers.push(await window.api.invoke('settings:save', { networkKey: key }));
        const offering = await window.api.invoke('offerings:publish', { id: null, draft });
        if (!offering.ok) throw new Error(JSON.stringify(offering.error));
        for (const details of people) answers.push(await window.api.invoke('learners:save', { offeringRowId: offering.value.id, id: null, details }));
        const saved = await window.api.invoke('people:save', { id: null, name: 'Gaëtan Lévesque' });
        const roster = await window.api.invoke('roster:get', { offeringRowId: offering.value.id });
        if (!saved.ok || !roster.ok) throw new Error('people or roster');
        for (const day of [dayOne, dayTwo]) {
          answers.push(await window.api.invoke('roster:setDayStaff', { offeringRowId: offering.value.id, day, instructors: [saved.value[0]!.id], evaluators: [saved.value[0]!.id] }));
          for (const l of roster.value.learners) answers.push(await window.api.invoke('roster:setAttendance', { id: l.id, day, present: true }));
        }
        for (const l of roster.value.learners) answers.push(await window.api.invoke('roster:setResult', { id: l.id, result: 'completed', score: 95 }));
        const refused = answers.find((a) => !a.ok);
        if (refused) throw new Error(JSON.stringify(refused.error));
      },
      {
        key,
        draft: validDraft({ trainingStandardKey: w.standard, courseName: w.course, classDays: [{ date: DAY_ONE, start: '08:30', end: '16:30' }, { date: DAY_TWO, start: '08:30', end: '12:00' }] }),
        people: [learner({ firstName: 'Marie-Ève', lastName: 'Côté-Bélanger', email: 'marie-eve@example.ca', learnerId: 'MEC-1' }), learner({ firstName: 'Zoë', lastName: 'O’Brien', email: 'zoe@example.ca', learnerId: 'ZOB-1' })],
        dayOne: DAY_ONE,
        dayTwo: DAY_TWO,
      },
    );
    await waitFor(() => sandbox.listings(key).length === 1, { what: 'the class listed' });
    // The afternoon of the last day.
    await restartBridge({ now: `${DAY_TWO}T18:00:00.000Z` });

    const openRoster = async () => {
      await page.getByRole('button', { name: new RegExp(w.course) }).click();
      await page.getByRole('tab', { name: w.roster }).click();
    };
    await openRoster();
    const all = page.getByRole('button', { name: w.all });
    await all.focus();
    await page.keyboard.press('Enter');
    const notReady = page.getByRole('alert').filter({ hasText: w.notReady });
    await notReady.waitFor();
    assert.equal(await page.getByText(w.never).count(), 2, 'nothing was made');
    await screenshot(page, `proof-not-ready-${lang}`);

    // Open Settings puts the keyboard on the first missing field; the profile is typed field after field.
    await notReady.getByRole('button', { name: w.openSettings }).focus();
    await page.keyboard.press('Enter');
    await waitFor(async () => (await focused(page)) === 'pp-legalName', { what: 'the keyboard on the legal name' });
    for (const value of ['Formations Sécurité Hauteur inc.', 'TP-40917', '250 rue Élisabeth', 'bureau 3', 'Ottawa']) {
      await page.keyboard.type(value);
      await page.keyboard.press('Tab');
    }
    assert.equal(await focused(page), 'pp-province');
    await page.keyboard.press('Tab');
    for (const value of ['k1n5a1', '613-555-0199', 'Hélène Bérubé', 'Directrice de la formation']) {
      await page.keyboard.type(value);
      await page.keyboard.press('Tab');
    }
    assert.equal(await focused(page), 'pp-logo');
    await page.locator('#pp-logo').setInputFiles(LOGO);
    await tabTo(page, lang === 'en' ? 'Save provider profile' : 'Enregistrer le profil du fournisseur');
    await page.keyboard.press('Enter');
    await page.getByText(w.saved).waitFor();
    await page.getByRole('status').filter({ hasText: w.ready }).waitFor();
    await page.locator('#provider-profile-heading').scrollIntoViewIfNeeded();
    await screenshot(page, `provider-profile-${lang}`);
    // The program ID of the class's standard, in the same Settings (its form saves with Enter).
    const programId = page.locator(`#pid-${w.standard}`);
    await programId.focus();
    await page.keyboard.type('WAH-10083');
    await page.keyboard.press('Enter');
    await waitFor(() => page.evaluate(async (k) => {
      const s = await window.api.invoke('settings:get', {});
      return s.ok && (s.value.programIds as Record<string, string>)[k] === 'WAH-10083';
    }, w.standard), { what: 'the program ID saved' });

    await page.getByRole('button', { name: w.offerings, exact: true }).click();
    await openRoster();
    const one = page.getByRole('button', { name: w.one });
    await one.focus();
    const single = await downloaded(page, w.savedOne);
    assert.match(single.name, /marie-eve-cote-belanger\.pdf$/);
    assert.equal(single.pdf.pages.length, 1);
    assert.match(single.pdf.pages[0]!.text, new RegExp(`${w.title}.*Marie-Ève Côté-Bélanger.*WAH-10083`));
    await page.getByRole('row', { name: /Marie-Ève/ }).getByText(w.made).waitFor();
    assert.equal(await page.getByRole('row', { name: /Zoë/ }).getByText(w.never).count(), 1);

    await all.focus();
    const both = await downloaded(page, w.savedAll);
    assert.equal(both.pdf.pages.length, 2);
    assert.match(both.pdf.pages[1]!.text, /Zoë O’Brien/);
    await page.getByRole('row', { name: /Zoë/ }).getByText(w.made).waitFor();
    await screenshot(page, `proof-made-${lang}`);

    await renderFirstPage(page, single.bytes, path.join('docs', 'screens', `proof-of-completion-${lang}.png`));
  });
}
