// Settings → Reports (#27 item 5) in Chromium at 1024×768, in both languages,
// from the keyboard: the year and the program chosen, the numbers of a WAH
// class and a JHSC class under 6 read off the screen, the CSV file saved and
// read back, only the report on paper; axe-clean in both themes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { networkKey, validDraft, waitFor } from '../support/helpers';
import { DAY_ONE, DAY_TWO, learner } from '../support/roster';
import { startApp, screenshot, axeProblems } from './harness';

const YEAR = Number(DAY_TWO.slice(0, 4));

const WORDS = {
  en: {
    settings: 'Settings',
    heading: 'Reports',
    wahCourse: 'Working at Heights – full course',
    jhscCourse: 'JHSC certification – Part One',
    total: 'All courses',
    jhsc: 'JHSC (2014 standard)',
    caption: `Working at Heights — ${YEAR}`,
    header: 'Course,Classes held,Learners,Completed,Records reported,Records refused,Records not reported',
    under: 'Classes under 6 learners',
    exportCsv: 'Export as CSV',
    print: 'Print',
    printed: /^Printed .*\d{4}, \d/m,
    staff: `Instructors and evaluators in ${YEAR}`,
  },
  fr: {
    settings: 'Paramètres',
    heading: 'Rapports',
    wahCourse: 'Travail en hauteur – cours complet',
    jhscCourse: 'Certification des membres du CMSS – partie 1',
    total: 'Tous les cours',
    jhsc: 'CMSS (norme 2014)',
    caption: `Travail en hauteur — ${YEAR}`,
    header: 'Cours,Cours donnés,Participants,Réussites,Dossiers déclarés,Dossiers refusés,Dossiers non déclarés',
    under: 'Cours de moins de 6 participants',
    exportCsv: 'Exporter en CSV',
    print: 'Imprimer',
    printed: /^Imprimé le .*\d{4}, \d/m,
    staff: `Instructeurs et évaluateurs en ${YEAR}`,
  },
} as const;

/** A row of a table, its cells' text (the row's header first). */
const rowOf = (page: Page, table: number, name: string) =>
  page.locator('.year-report table').nth(table).getByRole('row', { name: new RegExp(`^${name}`) }).locator('th, td').allInnerTexts();

for (const lang of ['en', 'fr'] as const) {
  test(`${lang}: Settings → Reports counts the year's classes of a program, saves them as CSV and prints only them`, { timeout: 180_000 }, async (t) => {
    const w = WORDS[lang];
    const { page, sandbox, restartBridge } = await startApp(t, { context: { bypassCSP: true, locale: lang === 'en' ? 'en-CA' : 'fr-CA', viewport: { width: 1024, height: 768 } } });
    const key = networkKey();
    const days = [{ date: DAY_ONE, start: '08:00', end: '18:00' }, { date: DAY_TWO, start: '08:00', end: '18:00' }];
    // Two classes listed, taught and marked through the same window.api the roster uses (its screens are roster.test's).
    await page.evaluate(
      async ({ key, classes, dayOne, dayTwo }) => {
        const answers: { ok: boolean; error?: unknown }[] = [];
        answers.push(await window.api.invoke('settings:save', { networkKey: key }));
        const saved = await window.api.invoke('people:save', { id: null, name: 'Gaëtan Lévesque' });
        if (!saved.ok) throw new Error(JSON.stringify(saved.error));
        for (const { draft, people, completed } of classes) {
          const offering = await window.api.invoke('offerings:publish', { id: null, draft });
          if (!offering.ok) throw new Error(JSON.stringify(offering.error));
          for (const details of people) answers.push(await window.api.invoke('learners:save', { offeringRowId: offering.value.id, id: null, details }));
          const roster = await window.api.invoke('roster:get', { offeringRowId: offering.value.id });
          if (!roster.ok) throw new Error(JSON.stringify(roster.error));
          for (const day of [dayOne, dayTwo]) {
            answers.push(await window.api.invoke('roster:setDayStaff', { offeringRowId: offering.value.id, day, instructors: [saved.value[0]!.id], evaluators: day === dayTwo ? [saved.value[0]!.id] : [] }));
            for (const l of roster.value.learners) answers.push(await window.api.invoke('roster:setAttendance', { id: l.id, day, present: true }));
          }
          for (const l of roster.value.learners.slice(0, completed)) answers.push(await window.api.invoke('roster:setResult', { id: l.id, result: 'completed', score: 90 }));
        }
        const refused = answers.find((a) => !a.ok);
        if (refused) throw new Error(JSON.stringify(refused.error));
      },
      {
        key,
        classes: [
          { draft: validDraft({ trainingStandardKey: 'WAH-E-I', courseName: 'WAH spring', classDays: days }), people: [learner({ firstName: 'Zoë', lastName: 'O’Brien', email: 'zoe@example.ca', learnerId: 'Z-1' }), learner({ firstName: 'Léa', lastName: 'Côté', email: 'lea@example.ca', learnerId: 'L-1' }), learner({ firstName: 'Ana', lastName: 'Ruiz', email: 'ana@example.ca', learnerId: 'A-1' })], completed: 2 },
          { draft: validDraft({ trainingStandardKey: 'JHSC-2014-1-E-I', courseName: 'JHSC spring', classDays: days }), people: [learner({ firstName: 'Émile', lastName: 'Roy', learnerId: 'E-1' })], completed: 1 },
        ],
        dayOne: DAY_ONE,
        dayTwo: DAY_TWO,
      },
    );
    await waitFor(() => sandbox.listings(key).length === 2, { what: 'both classes listed' });
    // The evening after the last day: both classes are held.
    await restartBridge({ now: `${DAY_TWO}T23:30:00.000Z` });

    await page.getByRole('button', { name: w.settings, exact: true }).click();
    await page.locator('#report-heading').filter({ hasText: w.heading }).scrollIntoViewIfNeeded();
    // The year from the keyboard: typed on the focused list, as staff pick an item.
    await page.locator('#r-year').focus();
    await page.keyboard.type(String(YEAR));
    await waitFor(async () => (await page.locator('#r-year').inputValue()) === String(YEAR), { what: 'the year chosen' });
    await page.locator('.year-report caption').filter({ hasText: w.caption }).waitFor();
    await waitFor(async () => (await rowOf(page, 0, w.wahCourse))[1] === '1', { what: 'the WAH class counted' });
    assert.deepEqual(await rowOf(page, 0, w.wahCourse), [w.wahCourse, '1', '3', '2', '0', '0', '2']);
    assert.deepEqual(await rowOf(page, 0, w.total), [w.total, '1', '3', '2', '0', '0', '2']);
    assert.equal(await page.getByRole('columnheader', { name: w.under }).count(), 0, 'Working at Heights sets no class size');
    assert.deepEqual(await rowOf(page, 1, 'Gaëtan'), ['Gaëtan Lévesque', '2', '1', '1']);
    assert.equal(await page.getByRole('heading', { name: w.staff, exact: true }).count(), 1);
    await screenshot(page, `year-report-${lang}`);

    // The CSV file, through the desk's CSV rules, read back.
    await page.getByRole('button', { name: w.exportCsv }).focus();
    const [file] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    assert.equal(file.suggestedFilename(), `year-numbers-WAH-${YEAR}.csv`);
    const csv = fs.readFileSync(await file.path(), 'utf8');
    assert.ok(csv.startsWith('\uFEFF'), 'a byte-order mark: Excel on Windows reads the accents');
    const lines = csv.slice(1).split('\r\n');
    assert.equal(lines[0], w.caption);
    assert.equal(lines[1], w.header);
    assert.ok(lines.includes(`${w.wahCourse},1,3,2,0,0,2`), csv);
    assert.ok(lines.includes('Gaëtan Lévesque,2,1,1'), csv);

    // Only the report on paper (the system's print dialog cannot open in headless Chromium: the call is counted).
    await page.evaluate(() => {
      const win = window as unknown as { print: () => void; printed: number };
      win.printed = 0;
      win.print = () => void win.printed++;
    });
    await page.getByRole('button', { name: w.print, exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (window as unknown as { printed: number }).printed === 1);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.year-report').isVisible(), true);
    assert.match(await page.locator('.year-report').innerText(), w.printed);
    assert.equal(await page.locator('#r-year').isVisible(), false, 'the controls are not printed');
    assert.equal(await page.locator('#settings-heading').isVisible(), false, 'the rest of Settings is not printed');
    await page.emulateMedia({ media: 'screen' });

    // JHSC: the class of 1 is under the standard's 6.
    await page.locator('#r-program').focus();
    await page.keyboard.type(w.jhsc.slice(0, 6));
    await page.getByRole('columnheader', { name: w.under }).waitFor();
    assert.deepEqual(await rowOf(page, 0, w.jhscCourse), [w.jhscCourse, '1', '1', '1', '0', '0', '1', '1']);

    const problems: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      problems.push(...(await axeProblems(page, `reports ${colorScheme}`)));
    }
    assert.deepEqual(problems, []);
    await screenshot(page, `year-report-jhsc-${lang}`);
  });
}
