// Importing the roster files registration websites export: the fixtures are
// written as those sites and Excel write them (BOM, semicolons, Windows-1252,
// quoted separators and line breaks, blank lines, duplicates).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { testSandbox } from '../support/services';
import { taughtClass } from '../support/roster';
import { decodeText, readRosterFile, birthYearOf } from '../../electron/main/roster/roster-file';

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'rosters', name));
const base64 = (name: string) => fixture(name).toString('base64');

test('Windows-1252 bytes 0x80–0x9F decode as Windows does (’ — €), not as control characters', async () => {
  const bytes = Buffer.from([0x4f, 0x92, 0x42, 0x72, 0x69, 0x65, 0x6e, 0x20, 0x97, 0x20, 0x80, 0x3b, 0xe9]);
  assert.deepEqual(await decodeText(bytes), { text: 'O’Brien — €;é', encoding: 'windows-1252' });
  assert.equal((await decodeText(Buffer.from('\uFEFFPrénom', 'utf8'))).text, 'Prénom', 'a UTF-8 BOM is dropped');
  assert.equal((await decodeText(Buffer.from('Prénom', 'utf8'))).encoding, 'utf-8');
});

test('a year of birth is read from a year or a date of birth; anything else is refused', () => {
  assert.equal(birthYearOf('1995'), 1995);
  assert.equal(birthYearOf('1995-04-03'), 1995);
  assert.equal(birthYearOf('03/04/1995'), 1995);
  assert.equal(birthYearOf(''), null);
  assert.equal(birthYearOf('95'), 'invalid');
  assert.equal(birthYearOf('April 1995'), 'invalid');
});

test('rows are numbered as a spreadsheet shows them: blank lines count, a line break inside a quoted cell does not', async () => {
  const table = await readRosterFile(fixture('registration-en-bom.csv'));
  assert.equal(table.delimiter, ',');
  assert.deepEqual(table.rows.map((r) => r.line), [2, 4, 5, 6]);
  assert.equal(table.rows[0]!.values[6], 'Dana Wu\n(site supervisor)');
  assert.equal(table.rows[0]!.values[5], 'Acme Roofing, Inc.');
});

test('a French Excel export (semicolons, Windows-1252) previews every row with its problems, then imports the good rows in one transaction', async (t) => {
  const { ipc, services, offering } = await taughtClass(t, { sandbox: await testSandbox(t) });
  const preview = await ipc('roster:preview', { offeringRowId: offering.id, file: base64('registration-fr-windows1252.csv'), mapping: null });
  assert.equal(preview.encoding, 'windows-1252');
  assert.equal(preview.delimiter, ';');
  assert.equal(preview.headers[0], 'Prénom');
  assert.equal(preview.remembered, false);
  assert.deepEqual(preview.mapping, {
    firstName: 0,
    lastName: 1,
    email: 2,
    birthYear: 3,
    mobilePhone: 4,
    'address.street': 5,
    'address.city': 6,
    'address.province': 7,
    'address.postalCode': 8,
    employerName: 9,
  });
  assert.deepEqual(
    preview.rows.map((r) => [r.line, r.name, r.problems.map((p) => `${p.column}:${p.code}`)]),
    [
      [2, 'Zoé D’Amours', []],
      [4, 'François Bélanger', []],
      [5, 'Renée Ouellet', ['email:email.invalid']],
      [7, 'Jean-Émile Roy', ['birthYear:birthYear.range']],
      [8, 'Zoé D’Amours', ['email:learner.duplicate']],
    ],
  );
  assert.equal(preview.importable, 2);
  assert.equal(services.learners.byOffering(offering.id).length, 0, 'a preview writes nothing');

  const result = await ipc('roster:import', { offeringRowId: offering.id, file: base64('registration-fr-windows1252.csv'), mapping: preview.mapping });
  assert.deepEqual([result.imported, result.skipped], [2, 3]);
  const [zoe, francois] = result.roster.learners;
  assert.equal(zoe!.details.lastName, 'D’Amours');
  assert.equal(zoe!.details.birthYear, 1990, 'only the year of a date of birth is kept');
  assert.deepEqual(zoe!.details.address, { street: '12 rue Principale', extended: '', city: 'Gatineau', province: 'QC', postalCode: 'J8X 1A1' });
  assert.equal(zoe!.details.employerName, 'Constructions Lévesque');
  assert.equal(francois!.details.employerName, 'Toitures Côté; fils', 'a quoted semicolon stays in its cell');

  // The same file again: every row is now a duplicate of the roster, and the mapping is remembered.
  const again = await ipc('roster:preview', { offeringRowId: offering.id, file: base64('registration-fr-windows1252.csv'), mapping: null });
  assert.equal(again.remembered, true);
  assert.equal(again.importable, 0);
});

test('a UTF-8 file with a BOM and its own column order; a chosen mapping is remembered for files with the same headers', async (t) => {
  const { ipc, offering } = await taughtClass(t, { sandbox: await testSandbox(t) });
  const preview = await ipc('roster:preview', { offeringRowId: offering.id, file: base64('registration-en-bom.csv'), mapping: null });
  assert.equal(preview.encoding, 'utf-8');
  assert.deepEqual(preview.mapping, { firstName: 2, lastName: 1, email: 0, birthYear: 3, mobilePhone: 4, learnerId: 7, employerName: 5, employerContact: 6 });
  assert.deepEqual(
    preview.rows.map((r) => [r.line, r.problems.map((p) => p.code)]),
    [
      [2, []],
      [4, []],
      [5, ['learner.duplicate']],
      [6, ['birthYear.range']],
    ],
  );
  // Staff decide the "Employer contact" column is not wanted.
  const { employerContact: _dropped, ...mapping } = preview.mapping;
  const result = await ipc('roster:import', { offeringRowId: offering.id, file: base64('registration-en-bom.csv'), mapping });
  assert.equal(result.imported, 2);
  assert.equal(result.roster.learners[0]!.details.learnerId, 'ACME-001');
  assert.equal(result.roster.learners[0]!.details.employerContact, '');
  assert.match(result.roster.learners[1]!.details.learnerId, /^L-/, 'an id is made for a learner the file gave none');
  const remembered = await ipc('roster:preview', { offeringRowId: offering.id, file: base64('registration-en-bom.csv'), mapping: null });
  assert.equal(remembered.remembered, true);
  assert.deepEqual(remembered.mapping, mapping);
});

test('a file that is not a roster is refused with a plain message and changes nothing', async (t) => {
  const { refused, services, offering } = await taughtClass(t, { sandbox: await testSandbox(t) });
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString('base64');
  const error = await refused('roster:import', { offeringRowId: offering.id, file: png, mapping: {} });
  assert.equal(error.code, 'file-unreadable');
  assert.match(error.message, /save it from the spreadsheet as CSV/);
  const oneColumn = await refused('roster:preview', { offeringRowId: offering.id, file: Buffer.from('just one column\nx\n').toString('base64'), mapping: null });
  assert.equal(oneColumn.code, 'file-unreadable');
  assert.equal(services.learners.byOffering(offering.id).length, 0);
});
