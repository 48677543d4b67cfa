// A schedule file as a table: an .xlsx workbook (bounded before it is
// expanded, the chosen sheet or the first) or a CSV, as its headings and its
// non-empty rows numbered as the spreadsheet numbers them.
import { failure } from '../../../shared/errors';
import { readCsvTable, UNREADABLE } from './csv-table';
import { unescapeFormula } from './csv-formula';
import { text, type Cell } from './schedule-values';
import { boundedWorkbook } from './xlsx-bounds';

export interface ScheduleTable {
  kind: 'csv' | 'xlsx';
  sheets: string[];
  sheet: string | null;
  headers: string[];
  rows: { line: number; cells: Cell[] }[];
}

const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export async function readScheduleTable(bytes: Buffer, sheet: string | null): Promise<ScheduleTable> {
  if (bytes.subarray(0, 4).equals(XLSX_MAGIC)) {
    // Bounded before read-excel-file expands anything: it reads only what was checked.
    const workbook = await boundedWorkbook(bytes);
    let sheets: { sheet: string; data: unknown[][] }[];
    try {
      // Loaded on the first spreadsheet read, not at start (as csv-table's libraries).
      const { default: readXlsxFile } = await import('read-excel-file/node');
      sheets = (await readXlsxFile(workbook)) as unknown as { sheet: string; data: unknown[][] }[];
    } catch {
      throw failure('file-unreadable', 'This spreadsheet cannot be read. Save it again from Excel as .xlsx, or as CSV, and try again.');
    }
    const chosen = sheets.find((s) => s.sheet === sheet) ?? sheets[0];
    if (!chosen) throw failure('file-unreadable', UNREADABLE);
    // An export opened in a spreadsheet and saved as .xlsx can keep the quote that escaped a formula as text.
    const data = (chosen.data as Cell[][]).map((row) => row.map((c) => (typeof c === 'string' ? unescapeFormula(c) : c)));
    const headerIndex = data.findIndex((r) => r.some((c) => text(c) !== ''));
    if (headerIndex < 0) throw failure('file-unreadable', 'This sheet is empty: choose the sheet with the schedule.');
    return {
      kind: 'xlsx',
      sheets: sheets.map((s) => s.sheet),
      sheet: chosen.sheet,
      headers: data[headerIndex]!.map((c) => text(c)),
      rows: data
        .map((cells, i) => ({ line: i + 1, cells }))
        .slice(headerIndex + 1)
        .filter((r) => r.cells.some((c) => text(c) !== '')),
    };
  }
  const csv = await readCsvTable(bytes);
  return { kind: 'csv', sheets: [], sheet: null, headers: csv.headers, rows: csv.rows.map((r) => ({ line: r.line, cells: r.values })) };
}
