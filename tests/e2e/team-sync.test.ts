// Team sync as staff see it, in Chromium at 1024×768, in both languages, with
// a real PostgreSQL cluster: desk B (the main process alone, in this test) has
// shared the catalogue; desk A, in the window, joins by keyboard; B's change
// reaches A's list by itself; A's own change, made while it cannot read the
// team, waits and the header says so; B changes the same field meanwhile, so
// when A is back its value is replaced and it is told where it is working,
// with both values; "Put mine back" from the keyboard sends it, and B gets it;
// then A leaves the team by keyboard, after a confirmation that counts.
// axe-clean in both themes; screenshots.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { validDraft, waitFor } from '../support/helpers';
import { postgresMissing, startPostgres, type PgCluster } from '../support/postgres';
import { testServices } from '../support/services';
import { dispatch } from '../../electron/main/ipc/dispatch';
import { createHandlers } from '../../electron/main/handlers';
import { startApp, screenshot, axeProblems } from './harness';

const WORDS = {
  en: {
    settings: 'Settings',
    offerings: 'Offerings',
    join: 'Join a team catalogue',
    joinNow: 'Join now',
    comes: '1 offering comes to this desk from the team.',
    upToDate: 'Team: up to date',
    waiting: /^Team: 1 change to share — offline \(/,
    replacedButton: '1 of your changes replaced',
    heading: '1 of your changes was replaced by another desk’s',
    replaced: 'Seats remaining: another desk had already made it “10”, so your “20” was replaced.',
    putBack: 'Put mine back: Seats remaining “20”',
    putBackDone: 'Your value is back; it goes to the team now.',
    history: 'Team history',
    historyLines: [/ — this desk: changed it\nSeats remaining: 20$/, / — another desk: changed it\nSeats remaining: 10$/],
    leave: 'Leave this team',
    confirmLeave: 'This desk stops sharing with the team. Its catalogue stays here and the team keeps what was shared; 0 changes not shared yet stay only on this desk.',
    leaveYes: 'Leave the team',
    left: 'This desk left the team. Its catalogue is still here.',
  },
  fr: {
    settings: 'Paramètres',
    offerings: 'Offres',
    join: 'Rejoindre un catalogue d’équipe',
    joinNow: 'Rejoindre maintenant',
    comes: '1 offre arrive de l’équipe sur ce poste.',
    upToDate: 'Équipe\u00a0: à jour',
    waiting: /^Équipe\u00a0: 1 modification à partager — hors ligne \(/,
    replacedButton: '1 de vos modifications remplacée',
    heading: '1 de vos modifications a été remplacée par celle d’un autre poste',
    replaced: 'Places restantes\u00a0: un autre poste y avait déjà mis «\u00a010\u00a0», votre «\u00a020\u00a0» a donc été remplacé.',
    putBack: 'Remettre la mienne\u00a0: Places restantes «\u00a020\u00a0»',
    putBackDone: 'Votre valeur est remise\u00a0; elle part maintenant vers l’équipe.',
    history: 'Historique d’équipe',
    historyLines: [/ — ce poste\u00a0: l’a modifiée\nPlaces restantes\u00a0: 20$/, / — un autre poste\u00a0: l’a modifiée\nPlaces restantes\u00a0: 10$/],
    leave: 'Quitter cette équipe',
    confirmLeave: 'Ce poste cesse de partager avec l’équipe. Son catalogue reste ici et l’équipe garde ce qui a été partagé\u00a0; 0 modification pas encore partagée reste seulement sur ce poste.',
    leaveYes: 'Quitter l’équipe',
    left: 'Ce poste a quitté l’équipe. Son catalogue est toujours ici.',
  },
} as const;

/** Desk B: the main process with its handlers, exchanging only when the test says. */
function deskB(t: TestContext) {
  const { services } = testServices(t, { teamSync: { manual: true } });
  const handlers = createHandlers(services);
  const call = async (channel: Parameters<typeof dispatch>[1], request: unknown) => {
    const r = await dispatch(handlers, channel, request, () => {});
    assert.ok(r.ok, `${channel}: ${JSON.stringify(r)}`);
  };
  const row = () => services.catalogue.store.rowIdOf('wah-team')!;
  return {
    services,
    call,
    seats: () => services.catalogue.get(row()).draft.seatsRemaining,
    edit: (change: object) => services.catalogue.save(row(), { ...services.catalogue.get(row()).draft, ...change }),
  };
}

/** A login role of desk A's own, so the test can take away its reading of the team's changes (and give it back). */
async function roleFor(cluster: PgCluster, database: string, role: string): Promise<string> {
  await cluster.admin(`CREATE ROLE ${role} LOGIN PASSWORD '${role}-pw'; GRANT CONNECT ON DATABASE ${database} TO ${role}`, database);
  await cluster.admin(`GRANT USAGE ON SCHEMA offering_desk TO ${role}; GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA offering_desk TO ${role}; GRANT USAGE ON ALL SEQUENCES IN SCHEMA offering_desk TO ${role}`, database);
  return `${cluster.url(database, role, `${role}-pw`)}?sslmode=disable`;
}

test('team sync in the window: join, another desk’s change arrives, a replaced value is told and put back by keyboard, both languages', { skip: postgresMissing, timeout: 240_000 }, async (t) => {
  const cluster = await startPostgres(t);
  for (const lang of ['en', 'fr'] as const) {
    await t.test(lang, async (t) => {
      const w = WORDS[lang];
      const database = await cluster.createDatabase();
      const b = deskB(t);
      b.services.catalogue.save(null, validDraft({ offeringId: 'wah-team', courseName: 'WAH for the office', seatsRemaining: 12 }));
      await b.call('team:save', { host: '127.0.0.1', port: cluster.port, database, user: cluster.user, tls: 'off', caFile: '', password: cluster.password });
      await b.call('team:share', {});
      const role = `desk_a_${lang}`;
      const url = await roleFor(cluster, database, role);

      const { page } = await startApp(t, { embedded: true, env: { OFFERING_DESK_TEAM_URL: url }, context: { bypassCSP: true, locale: lang === 'en' ? 'en-CA' : 'fr-CA', viewport: { width: 1024, height: 768 } } });
      const found: string[] = [];
      const header = page.getByTestId('team-state');

      // Join by keyboard, after its preview.
      await page.getByRole('button', { name: w.settings, exact: true }).click();
      await page.getByRole('button', { name: w.join }).focus();
      await page.keyboard.press('Enter');
      await page.getByText(w.comes).waitFor();
      await page.getByRole('button', { name: w.joinNow }).focus();
      await page.keyboard.press('Enter');
      await header.filter({ hasText: w.upToDate }).waitFor();

      // B's change reaches A's list by itself (NOTIFY).
      await page.getByRole('button', { name: w.offerings, exact: true }).click();
      b.edit({ courseName: 'WAH, renamed on desk B' });
      await b.services.teamSync.now();
      await page.getByRole('button', { name: /WAH, renamed on desk B/ }).waitFor();

      // A cannot read the team's changes: its own change waits, and the header says so.
      await cluster.admin(`REVOKE SELECT ON offering_desk.changes FROM ${role}`, database);
      await page.getByRole('button', { name: /WAH, renamed on desk B/ }).click();
      const seats = page.locator('#f-seatsRemaining');
      await seats.focus();
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type('20');
      await page.keyboard.press('Tab');
      await header.filter({ hasText: w.waiting }).waitFor();
      await screenshot(page, `team-sync-waiting-${lang}`);

      // Meanwhile B sets the same field: B's value reaches the team first, and stands.
      b.edit({ seatsRemaining: 10 });
      await b.services.teamSync.now();
      assert.equal(b.seats(), 10);
      await cluster.admin(`GRANT SELECT ON offering_desk.changes TO ${role}`, database);

      // Back, A takes B's value and says so in the form and the header, with both values.
      const notices = page.getByTestId('team-notices');
      await notices.getByRole('heading', { name: w.heading }).waitFor({ timeout: 20_000 });
      await notices.getByText(w.replaced).waitFor();
      await header.filter({ hasText: w.upToDate }).waitFor();
      assert.equal(await seats.inputValue(), '10', 'the form shows the value that stands');
      await page.getByRole('button', { name: w.replacedButton }).waitFor();
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        found.push(...(await axeProblems(page, `${lang} ${colorScheme} notice`)));
      }
      await page.emulateMedia({ colorScheme: 'light' });
      await screenshot(page, `team-sync-notice-${lang}`);

      // Put mine back, from the keyboard: it goes out and stands on B too.
      await page.getByRole('button', { name: w.putBack }).focus();
      await page.keyboard.press('Enter');
      await page.getByText(w.putBackDone).waitFor();
      await waitFor(async () => (await seats.inputValue()) === '20', { what: 'A’s value back in the form' });
      await header.filter({ hasText: w.upToDate }).waitFor();
      assert.equal(await notices.count(), 0, 'the notice is dealt with');
      await waitFor(async () => (await b.services.teamSync.now(), b.seats() === 20), { what: 'A’s value on desk B', timeoutMs: 15_000 });
      assert.equal(b.services.syncStore.noticeCount(), 0, 'B is not told: a value put back is a new change');

      // The offering's team history, opened from the keyboard: who changed what, newest first.
      await page.getByText(w.history, { exact: true }).focus();
      await page.keyboard.press('Enter');
      const lines = page.locator('.team-history > ol > li');
      await lines.first().waitFor();
      const shown = await lines.allInnerTexts();
      assert.match(shown[0]!, w.historyLines[0]);
      assert.match(shown[1]!, w.historyLines[1]);
      await screenshot(page, `team-history-${lang}`);

      // Leave, by keyboard, after the confirmation counts what is not shared yet.
      await page.getByRole('button', { name: w.settings, exact: true }).click();
      await page.getByRole('button', { name: w.leave }).focus();
      await page.keyboard.press('Enter');
      await page.getByText(w.confirmLeave).waitFor();
      found.push(...(await axeProblems(page, `${lang} leave`)));
      await page.getByRole('button', { name: w.leaveYes }).focus();
      await page.keyboard.press('Enter');
      await page.getByText(w.left).waitFor();
      assert.equal(await header.count(), 0, 'single-desk again: the header says nothing of a team');
      assert.deepEqual(found, []);
    });
  }
});
