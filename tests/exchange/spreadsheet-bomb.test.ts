// Spreadsheets built to blow up the main process: a 1.5 KB .xlsx whose last
// row is number 30,000,000, one that reaches column XFD, one whose XML is
// declared (and deflated) to hundreds of MB, and rows named by tricks
// read-excel-file follows (a namespace prefix, a character reference, Infinity).
// Each is refused, in the user's language, before anything is expanded, and
// nothing is imported; a real workbook of thousands of rows still reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import writeXlsxFile from 'write-excel-file/node';
import { testServices } from '../support/services';
import { ipcFor } from '../support/roster';
import { HEADER, text, workbook } from '../support/xlsx';
import en from '../../shared/locales/en.json';
import fr from '../../shared/locales/fr.json';

const MB = 1024 * 1024;

test('a 1.5 KB .xlsx whose last row is number 30,000,000 is refused before it is expanded, in English and French, and nothing is imported', { timeout: 60_000 }, async (t) => {
  const { services } = testServices(t);
  const { refused } = ipcFor(services);
  const file = workbook(`${HEADER}<row r="30000000">${text('A30000000', 'wah-1')}</row>`);
  const size = Buffer.from(file, 'base64').length;
  assert.ok(size < 2000, `${size} bytes`);
  const rssBefore = process.memoryUsage().rss;
  const began = performance.now();
  const error = await refused('schedule:preview', { file, choices: {} });
  const ms = Math.round(performance.now() - began);
  const grewMb = Math.round((process.memoryUsage().rss - rssBefore) / MB);
  console.log(`row bomb (${size} bytes): refused in ${ms} ms, RSS +${grewMb} MB`);
  assert.equal(error.code, 'spreadsheet-too-large');
  assert.match(error.message, /reaches too far to be a schedule/);
  assert.match(en.errors['spreadsheet-too-large'], /Nothing was imported/);
  assert.match(fr.errors['spreadsheet-too-large'], /Rien n’a été importé/);
  assert.ok(grewMb < 100, `RSS grew by ${grewMb} MB`);
  assert.equal((await refused('schedule:import', { file, choices: {} })).code, 'spreadsheet-too-large');
  assert.equal(services.catalogue.list().length, 0, 'nothing imported');
});

test('rows and columns named past the bounds in the ways read-excel-file reads them are refused too', { timeout: 60_000 }, async (t) => {
  const { services } = testServices(t);
  const { refused } = ipcFor(services);
  const cases: Record<string, string> = {
    'column XFD (16,384) on a second row': `${HEADER}<row r="2">${text('XFD2', 'far right')}</row>`,
    'a namespace prefix on the row': `${HEADER}<x:row r="30000000">${text('A30000000', 'x')}</x:row>`,
    'a character reference in the number': `${HEADER}<row r="3&#48;000000"><c r="A3&#48;000000" t="inlineStr"><is><t>x</t></is></c></row>`,
    'a row named Infinity': `${HEADER}<row r="Infinity"></row>`,
    'a cell row in exponent form, in a row without a number': `${HEADER}<row>${text('A3e7', 'x')}</row>`,
    // 9,000 rows of 256 columns: each bound kept, the grid (2.3 million cells) too big.
    'a grid of too many cells': `${HEADER}<row r="9000">${text('IV9000', 'x')}</row>`,
  };
  for (const [what, rows] of Object.entries(cases)) {
    const error = await refused('schedule:preview', { file: workbook(rows), choices: {} });
    assert.equal(error.code, 'spreadsheet-too-large', what);
  }
  assert.equal(services.catalogue.list().length, 0);
});

test('XML declared (and deflated) to 200 MB is refused from the archive directory, before it is inflated', { timeout: 60_000 }, async (t) => {
  const { services } = testServices(t);
  const { refused } = ipcFor(services);
  // 200 MB of spaces deflate to about 200 KB: the zip bomb's usual shape.
  const padding = new Uint8Array(200 * MB).fill(0x20);
  const file = workbook(HEADER, { 'xl/padding.xml': padding });
  const rssBefore = process.memoryUsage().rss;
  const began = performance.now();
  const error = await refused('schedule:preview', { file, choices: {} });
  console.log(`deflate bomb (${Buffer.from(file, 'base64').length} bytes): refused in ${Math.round(performance.now() - began)} ms, RSS +${Math.round((process.memoryUsage().rss - rssBefore) / MB)} MB`);
  assert.equal(error.code, 'spreadsheet-too-large');
});

test('a real workbook of 5,000 class days still reads, and a broken archive is refused as unreadable', { timeout: 60_000 }, async (t) => {
  const { services } = testServices(t);
  const { ipc, refused } = ipcFor(services);
  const header = ['Offering ID', 'Course name', 'Training standard', 'Date', 'Start', 'End', 'Seats remaining', 'Price', 'Street address', 'City', 'Postal code', 'Registration URL'].map((value) => ({ value }));
  const rows = Array.from({ length: 5000 }, (_, i) =>
    [`xl-${i}`, 'WAH from Excel', 'WAH-E-I', `2031-10-${String((i % 28) + 1).padStart(2, '0')}`, '8:30 AM', '4:30 PM', 14, 139.99, '100 Queen St W', 'Toronto', 'M5H 2N2', 'https://training.example.ca/r/xl'].map((value) => ({ value })),
  );
  const file = Buffer.from(await writeXlsxFile([header, ...rows] as never).toBuffer()).toString('base64');
  const began = performance.now();
  const preview = await ipc('schedule:preview', { file, choices: {} });
  console.log(`5,000-row workbook (${Buffer.from(file, 'base64').length} bytes): previewed in ${Math.round(performance.now() - began)} ms`);
  assert.equal(preview.kind, 'xlsx');
  assert.equal(preview.rows.length, 5000);
  assert.equal(preview.rows.filter((r) => r.action === 'create').length, 5000);
  const broken = Buffer.from(file, 'base64').subarray(0, 3000).toString('base64');
  assert.equal((await refused('schedule:preview', { file: broken, choices: {} })).code, 'file-unreadable');
});
