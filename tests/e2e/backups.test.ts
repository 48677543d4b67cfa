// Settings → Backups in Chromium, in English and French: after a restore, the
// catalogue it replaced is put back from the keyboard; a crafted backup is
// refused with its reason and replaces nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { validDraft } from '../support/helpers';
import { startApp, screenshot } from './harness';

const L = {
  en: {
    settings: 'Settings',
    offerings: 'Offerings',
    backUp: 'Back up catalogue…',
    saved: /Backup saved/,
    choose: 'Backup to restore',
    restore: 'Restore from backup…',
    yes: 'Yes, restore and restart',
    restarting: /Restoring: Offering Desk restarts to finish/,
    lastRestore: /the catalogue was restored from the backup of .*The catalogue it replaced is kept as a backup\./,
    putBack: 'Put back the catalogue this restore replaced…',
    refused: 'This backup cannot be restored. Nothing was changed. The file is not an Offering Desk catalogue.',
  },
  fr: {
    settings: 'Paramètres',
    offerings: 'Offres',
    backUp: 'Sauvegarder le catalogue…',
    saved: /Sauvegarde enregistrée/,
    choose: 'Sauvegarde à restaurer',
    restore: 'Restaurer une sauvegarde…',
    yes: 'Oui, restaurer et redémarrer',
    restarting: /Restauration\u00a0: Offering Desk redémarre pour terminer/,
    lastRestore: /le catalogue a été restauré depuis la sauvegarde du .*Le catalogue qu’elle a remplacé est conservé comme sauvegarde\./,
    putBack: 'Remettre le catalogue que cette restauration a remplacé…',
    refused: 'Cette sauvegarde ne peut pas être restaurée. Rien n’a été modifié. Le fichier n’est pas un catalogue Offering Desk.',
  },
};

async function offeringsShown(page: Page, lang: 'en' | 'fr'): Promise<string[]> {
  await page.getByRole('button', { name: L[lang].offerings, exact: true }).click();
  await page.getByRole('button', { name: /Before the backup/ }).waitFor();
  return (await page.getByRole('button', { name: /(Before|After) the backup/ }).allTextContents()).map((text) => /(Before|After) the backup/.exec(text)![0]).sort();
}

for (const lang of ['en', 'fr'] as const) {
  test(`Settings → Backups in ${lang === 'en' ? 'English' : 'French'}: the catalogue a restore replaced is put back from the keyboard; a file that is not a catalogue is refused`, async (t) => {
    const l = L[lang];
    const { page, restartBridge, dataDir } = await startApp(t, { context: { locale: lang === 'en' ? 'en-CA' : 'fr-CA' }, seed: [validDraft({ courseName: 'Before the backup' })] });
    await page.getByRole('button', { name: l.settings, exact: true }).click();
    await page.getByRole('button', { name: l.backUp }).click();
    await page.getByText(l.saved).waitFor();
    await page.evaluate(async (draft) => window.api.invoke('offerings:save', { id: null, draft }), validDraft({ courseName: 'After the backup' }));

    if (lang === 'en') {
      // A file dropped into the backups folder under a backup's name: refused when chosen, with why.
      const name = 'catalogue-2026-01-01T00-00-00-000Z-v12-manual.sqlite';
      fs.writeFileSync(path.join(dataDir, 'backups', name), 'id,name\n1,not a catalogue\n');
      await page.getByRole('button', { name: l.offerings, exact: true }).click();
      await page.getByRole('button', { name: l.settings, exact: true }).click();
      await page.getByLabel(l.choose).selectOption(name);
      await page.getByRole('button', { name: l.restore }).click();
      await page.getByRole('button', { name: l.yes }).click();
      await page.getByText(l.refused).waitFor();
      await restartBridge();
      assert.deepEqual(await offeringsShown(page, lang), ['After the backup', 'Before the backup'], 'nothing was replaced');
      await page.getByRole('button', { name: l.settings, exact: true }).click();
      fs.rmSync(path.join(dataDir, 'backups', name));
    }

    // Restore the backup: the offering made after it goes away…
    const choice = page.getByLabel(l.choose);
    await choice.selectOption({ index: 0 });
    await page.getByRole('button', { name: l.restore }).click();
    await page.getByRole('button', { name: l.yes }).click();
    await page.getByText(l.restarting).waitFor();
    await restartBridge();
    assert.deepEqual(await offeringsShown(page, lang), ['Before the backup']);

    // …and Settings → Backups says so and offers to put back what was replaced, by keyboard alone.
    await page.getByRole('button', { name: l.settings, exact: true }).click();
    await page.getByText(l.lastRestore).waitFor();
    const putBack = page.getByRole('button', { name: l.putBack });
    await putBack.focus();
    await screenshot(page, `settings-backups-put-back-${lang}`);
    await page.keyboard.press('Enter');
    const yes = page.getByRole('button', { name: l.yes });
    await yes.focus();
    await page.keyboard.press('Enter');
    await page.getByText(l.restarting).waitFor();
    await restartBridge();
    assert.deepEqual(await offeringsShown(page, lang), ['After the backup', 'Before the backup'], 'both offerings are back');
  });
}
