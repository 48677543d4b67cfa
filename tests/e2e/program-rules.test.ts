// The program standards' rules where staff work, and the roster's bulk
// actions (#27 items 3 and 4), in Chromium at 1024×768, in both languages:
// each WAH class day's module (chosen from the keyboard) and its hours, the
// learner count beside the seats, the ratio by module, a JHSC class too small,
// a refresher learner's previous training too old; Mark all present and Mark
// all completed from the keyboard, with Undo; axe-clean in both themes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { futureDate, validDraft } from '../support/helpers';
import { startApp, screenshot, axeProblems } from './harness';
import type { LearnerDetails } from '../../shared/learner';

const DAY_ONE = futureDate('04-14');
const DAY_TWO = futureDate('04-15');
const YEAR = Number(DAY_TWO.slice(0, 4));

const WORDS = {
  en: {
    roster: 'Roster',
    details: 'Details',
    module: (n: number) => `Day ${n} module`,
    theory: 'Basic Theory',
    practical: 'Practical',
    practicalShort: 'Only 3 h of Practical; the module needs at least 3.5 h.',
    count: '13 learners on the roster',
    listCounts: ['13 learners', '5 learners', '2 learners'],
    rosterCount: '13 learners on the roster · 12 seats left',
    ratio: 'More than 12 learners per instructor on this day: the Working at Heights Practical module allows at most 12 per instructor.',
    markPresent: /^Mark all present on /,
    markCompleted: 'Mark all completed',
    present: 'Present',
    completed: 'Completed',
    markedPresent: /12 learners marked present on .+\. 1 learner marked absent stays absent\./,
    markedCompleted: '11 learners marked Completed. 2 learners not present every day were left unmarked.',
    undo: 'Undo',
    undone: 'Undone.',
    classSize: 'Only 5 learners on this roster: the JHSC standard sets a class size of 6 to 25. A class under 6 is reported in your annual report to the ministry.',
    prior: /^Previous training on .+: more than three years before this class \(it was valid until .+\)\.$/,
    edit: 'Edit',
    priorLabel: 'Previous training completed on',
    nav: ['Offerings'],
  },
  fr: {
    roster: 'Liste de classe',
    details: 'Détails',
    module: (n: number) => `Jour ${n} module`,
    theory: 'Théorie de base',
    practical: 'Pratique',
    practicalShort: 'Seulement 3 h de module pratique\u00a0; ce module demande au moins 3,5 h.',
    count: '13 participants dans la liste',
    listCounts: ['13 participants', '5 participants', '2 participants'],
    rosterCount: '13 participants dans la liste · 12 places restantes',
    ratio: 'Plus de 12 participants par instructeur ce jour-là\u00a0: le module pratique du travail en hauteur en permet au plus 12 par instructeur.',
    markPresent: /^Marquer tous présents le /,
    markCompleted: 'Marquer tous réussis',
    present: 'Présent',
    completed: 'Réussi',
    markedPresent: /12 participants marqués présents le .+\. 1 participant marqué absent le reste\./,
    markedCompleted: '11 participants marqués Réussi. 2 participants absents au moins un jour n’ont pas été marqués.',
    undo: 'Annuler',
    undone: 'Annulé.',
    classSize: 'Seulement 5 participants dans cette liste\u00a0: la norme du CMSS fixe la taille d’une classe de 6 à 25. Une classe de moins de 6 est signalée dans votre rapport annuel au ministère.',
    prior: /^Formation précédente le .+\u00a0: plus de trois ans avant ce cours \(elle était valide jusqu’au .+\)\.$/,
    edit: 'Modifier',
    priorLabel: 'Formation précédente réussie le',
    nav: ['Offres'],
  },
} as const;

const person = (i: number, extra: Partial<LearnerDetails> = {}): LearnerDetails => ({
  firstName: `Learner${String(i).padStart(2, '0')}`,
  lastName: 'Côté',
  email: `learner${i}@example.ca`,
  birthYear: 1990,
  mobilePhone: '',
  homePhone: '',
  address: { street: '', extended: '', city: '', province: 'ON', postalCode: '' },
  learnerId: '',
  employerName: '',
  employerContact: '',
  previousTrainingDate: '',
  ...extra,
});

/** Offerings saved and learners put on their rosters through the same window.api the UI uses. */
async function seed(page: Page): Promise<void> {
  const classes = [
    { draft: validDraft({ courseName: 'WAH modules', classDays: [{ date: DAY_ONE, start: '09:00', end: '12:00' }, { date: DAY_TWO, start: '09:00', end: '12:00' }] }), learners: Array.from({ length: 13 }, (_, i) => person(i)) },
    { draft: validDraft({ courseName: 'JHSC small', trainingStandardKey: 'JHSC-2014-2-E-I', classDays: [{ date: DAY_ONE, start: '08:30', end: '15:00' }, { date: DAY_TWO, start: '08:30', end: '15:00' }] }), learners: Array.from({ length: 5 }, (_, i) => person(i)) },
    { draft: validDraft({ courseName: 'WAH refresher', trainingStandardKey: 'WAH-Refr-E-I', classDays: [{ date: DAY_TWO, start: '08:30', end: '12:00' }] }), learners: [person(1, { previousTrainingDate: `${YEAR - 4}-01-20` }), person(2, { previousTrainingDate: `${YEAR - 1}-01-20` })] },
  ];
  await page.evaluate(async (classes) => {
    for (const { draft, learners } of classes) {
      const saved = await window.api.invoke('offerings:save', { id: null, draft });
      if (!saved.ok) throw new Error(JSON.stringify(saved.error));
      for (const details of learners) await window.api.invoke('learners:save', { offeringRowId: saved.value.id, id: null, details });
    }
  }, classes);
  await page.reload();
}

for (const lang of ['en', 'fr'] as const) {
  test(`${lang}: modules and hours in the form, the standards' warnings on the roster, Mark all present and Mark all completed from the keyboard, axe-clean`, { timeout: 180_000 }, async (t) => {
    const w = WORDS[lang];
    const { page } = await startApp(t, { embedded: true, context: { bypassCSP: true, locale: lang === 'en' ? 'en-CA' : 'fr-CA', viewport: { width: 1024, height: 768 } } });
    await seed(page);
    const found: string[] = [];

    // The list: each class's learners beside its seats.
    const listed = await Promise.all(['WAH modules', 'JHSC small', 'WAH refresher'].map((name) => page.getByRole('listitem').filter({ hasText: name }).getByTestId('roster-size').innerText()));
    assert.deepEqual(listed, w.listCounts);
    await screenshot(page, `program-rules-list-${lang}`);

    // The form: each WAH day's module, chosen from the keyboard; the Practical day alone is short of its 3.5 h.
    await page.getByRole('button', { name: /WAH modules/ }).click();
    const moduleOne = page.getByLabel(w.module(1));
    await moduleOne.focus();
    await page.keyboard.press('ArrowDown');
    assert.equal(await moduleOne.inputValue(), 'theory');
    const moduleTwo = page.getByLabel(w.module(2));
    await moduleTwo.selectOption({ label: w.practical });
    await page.getByTestId('hours-short').filter({ hasText: w.practicalShort }).waitFor();
    assert.equal(await page.getByTestId('hours-short').count(), 1, 'Basic Theory has its 3 h');
    // The learners beside the seats.
    await page.locator('#f-seatsRemaining-hint').filter({ hasText: w.count }).waitFor();
    await screenshot(page, `program-rules-form-${lang}`);

    // The roster: 13 learners for one instructor on the Practical day is one too many; on the Basic Theory day, fine.
    await page.getByRole('tab', { name: w.roster }).click();
    await page.getByTestId('roster-count').filter({ hasText: w.rosterCount }).waitFor();
    const days = page.locator('fieldset.day');
    await days.nth(1).getByTestId('ratio-warning').filter({ hasText: w.ratio }).waitFor();
    assert.match((await days.nth(0).locator('legend').first().innerText()) ?? '', new RegExp(w.theory));
    assert.equal(await days.nth(0).getByTestId('ratio-warning').count(), 0);

    // Mark all present on day one, from the keyboard: one learner marked absent first stays absent.
    const rowOf = (name: string) => page.getByRole('row', { name: new RegExp(name) });
    await rowOf('Learner00').getByRole('checkbox', { name: w.present }).first().check();
    await rowOf('Learner00').getByRole('checkbox', { name: w.present }).first().uncheck();
    await page.waitForFunction(() => !(document.querySelector('tbody tr input[type="checkbox"]') as HTMLInputElement | null)?.checked);
    const markDayOne = page.getByRole('button', { name: w.markPresent }).first();
    await markDayOne.focus();
    await page.keyboard.press('Enter');
    const toast = page.locator('.toast').filter({ hasText: w.markedPresent });
    await toast.waitFor();
    const presentOne = (name: string) => rowOf(name).getByRole('checkbox', { name: w.present }).first();
    await page.waitForFunction(() => [...document.querySelectorAll('tbody tr')].filter((r) => (r.querySelector('input[type="checkbox"]') as HTMLInputElement | null)?.checked).length === 12);
    assert.equal(await presentOne('Learner00').isChecked(), false);
    assert.equal(await presentOne('Learner12').isChecked(), true);
    await screenshot(page, `program-rules-marked-present-${lang}`);
    found.push(...(await axeProblems(page, `${lang} roster after Mark all present`)));
    // Undo, from the keyboard: day one is as it was.
    await toast.getByRole('button', { name: w.undo }).focus();
    await page.keyboard.press('Enter');
    await page.getByText(w.undone).waitFor();
    await page.waitForFunction(() => [...document.querySelectorAll('tbody tr')].every((r) => !(r.querySelector('input[type="checkbox"]') as HTMLInputElement | null)?.checked));
    // Both days marked (Learner00 stays absent on day one), then Learner05 absent on day two: Mark all completed (Space on the focused button) leaves those two.
    for (const i of [0, 1]) {
      await page.getByRole('button', { name: w.markPresent }).nth(i).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('status').filter({ hasText: lang === 'en' ? /marked present/ : /présents/ }).waitFor();
    }
    await rowOf('Learner05').getByRole('checkbox', { name: w.present }).nth(1).uncheck();
    await page.waitForFunction(() => {
      const row = [...document.querySelectorAll('tbody tr')].find((r) => r.textContent?.includes('Learner05'));
      return row && !(row.querySelectorAll('input[type="checkbox"]')[1] as HTMLInputElement).checked;
    });
    await page.getByRole('button', { name: w.markCompleted }).focus();
    await page.keyboard.press('Space');
    await page.locator('.toast').filter({ hasText: w.markedCompleted }).waitFor();
    await page.waitForFunction((el) => (el as HTMLInputElement).checked, await rowOf('Learner06').getByRole('checkbox', { name: w.completed }).elementHandle());
    assert.equal(await rowOf('Learner05').getByRole('checkbox', { name: w.completed }).isChecked(), false);
    assert.equal(await rowOf('Learner06').getByRole('checkbox', { name: w.completed }).isChecked(), true);
    await screenshot(page, `program-rules-marked-completed-${lang}`);

    // A JHSC Part Two of 5 learners, and a refresher learner whose previous training is four years old.
    await page.getByRole('tab', { name: w.details }).click();
    await page.getByRole('button', { name: /JHSC small/ }).click();
    await page.getByRole('tab', { name: w.roster }).click();
    await page.getByTestId('class-size-warning').filter({ hasText: w.classSize }).waitFor();
    await page.getByRole('tab', { name: w.details }).click();
    await page.getByRole('button', { name: /WAH refresher/ }).click();
    await page.getByRole('tab', { name: w.roster }).click();
    await rowOf('Learner01').getByTestId('prior-warning').filter({ hasText: w.prior }).waitFor();
    assert.equal(await rowOf('Learner02').getByTestId('prior-warning').count(), 0, 'a year ago is inside the window');
    await screenshot(page, `program-rules-refresher-roster-${lang}`);
    await rowOf('Learner01').getByRole('button', { name: w.edit }).click();
    assert.equal(await page.getByLabel(w.priorLabel).inputValue(), `${YEAR - 4}-01-20`);

    // axe on the roster with its warnings and the form with its modules, light and dark.
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      found.push(...(await axeProblems(page, `${lang} ${theme} refresher roster, learner form open`)));
      await page.getByLabel(w.priorLabel).scrollIntoViewIfNeeded();
      await screenshot(page, `program-rules-refresher-${theme}-${lang}`);
      await page.getByRole('tab', { name: w.details }).click();
      await page.getByRole('button', { name: /JHSC small/ }).click();
      await page.getByRole('tab', { name: w.roster }).click();
      await page.getByTestId('class-size-warning').waitFor();
      found.push(...(await axeProblems(page, `${lang} ${theme} JHSC roster`)));
      await screenshot(page, `program-rules-jhsc-${theme}-${lang}`);
      await page.getByRole('tab', { name: w.details }).click();
      await page.getByRole('button', { name: /WAH modules/ }).click();
      await page.getByTestId('hours-short').waitFor();
      found.push(...(await axeProblems(page, `${lang} ${theme} WAH form with modules`)));
      await page.getByRole('tab', { name: w.roster }).click();
      // Learner05 back on day two: 13 expected that Practical day, one more than one instructor may have.
      await rowOf('Learner05').getByRole('checkbox', { name: w.present }).nth(1).setChecked(true);
      await page.getByTestId('ratio-warning').first().waitFor();
      found.push(...(await axeProblems(page, `${lang} ${theme} WAH roster with ratio warning`)));
      await page.getByTestId('ratio-warning').first().scrollIntoViewIfNeeded();
      await screenshot(page, `program-rules-wah-roster-${theme}-${lang}`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 1024, `the page is ${width} px wide`);
      await page.getByRole('tab', { name: w.details }).click();
      await page.getByRole('button', { name: /WAH refresher/ }).click();
      await page.getByRole('tab', { name: w.roster }).click();
      await rowOf('Learner01').getByRole('button', { name: w.edit }).click();
    }
    assert.deepEqual(found, []);
  });
}
