// An .xlsx is a zip of XML; read-excel-file expands every sheet into a full
// grid, every row and cell up to the last one named. A 1.5 KB file whose last
// row is number 30,000,000 thus becomes 30 million rows in the main process
// (5 GB, then it dies), and a zip can declare gigabytes of XML in a few bytes.
// So before anything is expanded: the archive's XML is unpacked only within
// a budget read from its own directory (and never past what each entry
// declares), and every row and cell a sheet names is checked against bounds
// of a schedule, with the same XML reader read-excel-file uses (saxen), so it
// sees the same rows. What passes is packed again, exactly as checked, for
// read-excel-file to read: nothing else in the file reaches it. Pure: no I/O.
// fflate and saxen are loaded with the first spreadsheet, as read-excel-file is.
import type { Parser as SaxParser } from 'saxen';
import { AppFailure, failure } from '../../../shared/errors';

/** Bounds of a schedule workbook, far past any real one (the CSV import's 5 MB holds about 40,000 rows). */
export const XLSX_LIMITS = {
  /** The highest row number any sheet may name. */
  rows: 100_000,
  /** The highest column (256 is IV, the last column of Excel 2003). */
  columns: 256,
  /** Cells of the grids read-excel-file would build, all sheets together (rows × columns of each). */
  cells: 2_000_000,
  /** The XML of the workbook unpacked, all parts together. */
  xmlBytes: 64 * 1024 * 1024,
} as const;

export const SPREADSHEET_TOO_LARGE =
  'This spreadsheet reaches too far to be a schedule (rows or columns by the hundred thousand, often formatting or a stray cell far below or to the right of the classes). Copy only the schedule into a new workbook, or save it as CSV, and try again. Nothing was imported.';
const UNREADABLE_XLSX = 'This spreadsheet cannot be read. Save it again from Excel as .xlsx, or as CSV, and try again.';

const tooLarge = () => failure('spreadsheet-too-large', SPREADSHEET_TOO_LARGE);

/** The parts read-excel-file reads (its own filter): everything else in the archive is left packed. */
const isXmlPart = (name: string) => name.endsWith('.xml') || name.endsWith('.xml.rels');

/** The name without its namespace prefix: `x:row` is a row to read-excel-file too. */
const localName = (name: string) => name.slice(name.lastIndexOf(':') + 1);

/**
 * Row and column of a cell reference as read-excel-file reads it (`AA2091` → row 2091, column 27):
 * letters up to the first digit make the column, the rest is read as a number, whatever it says.
 */
function cellPosition(reference: string): { row: number; column: number } {
  let column = 0;
  for (let i = 0; i < reference.length; i++) {
    const code = reference.charCodeAt(i);
    if (code >= 48 && code <= 57) return { row: Number(reference.slice(i)), column };
    column = column * 26 + code - 64;
  }
  return { row: Number.NaN, column };
}

/** How far one XML part reaches, as rows and columns; refused as soon as it passes a bound. */
function reach(Parser: typeof SaxParser, xml: string): { rows: number; columns: number } {
  let rows = 0;
  let columns = 0;
  let rowElements = 0;
  // NaN is no position (read-excel-file skips or refuses it); Infinity and every number past the bound is too far.
  const atRow = (n: number) => {
    if (Number.isNaN(n)) return;
    if (!(n <= XLSX_LIMITS.rows)) throw tooLarge();
    rows = Math.max(rows, n);
  };
  const atColumn = (n: number) => {
    if (!(n <= XLSX_LIMITS.columns)) throw tooLarge();
    columns = Math.max(columns, n);
  };
  const parser = new Parser();
  parser.on('error', (e: Error) => {
    throw e;
  });
  parser.on('openTag', (name: string, attributes: () => Record<string, string>, decode: (s: string) => string) => {
    const element = localName(name);
    if (element !== 'row' && element !== 'c') return;
    // A row without a number follows the one before it.
    if (element === 'row') atRow(++rowElements);
    for (const [attribute, value] of Object.entries(attributes())) {
      if (localName(attribute) !== 'r') continue;
      const reference = decode(value);
      if (element === 'row') atRow(Number(reference));
      else {
        const { row, column } = cellPosition(reference);
        atRow(row);
        atColumn(column);
      }
    }
  });
  parser.parse(xml);
  return { rows, columns };
}

/**
 * The workbook, checked and packed again with only its XML parts: refused with `spreadsheet-too-large`
 * when it reaches past XLSX_LIMITS, `file-unreadable` when it is no zip or its XML does not parse.
 */
export async function boundedWorkbook(bytes: Buffer): Promise<Buffer> {
  const [{ unzipSync, zipSync }, { Parser }] = await Promise.all([import('fflate'), import('saxen')]);
  let unpacked = 0;
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes, {
      // Sizes from the archive's directory, before anything is inflated; no entry is inflated past its own.
      filter: (entry) => {
        if (!isXmlPart(entry.name)) return false;
        unpacked += entry.originalSize;
        if (unpacked > XLSX_LIMITS.xmlBytes) throw tooLarge();
        return true;
      },
    });
  } catch (e) {
    if (e instanceof AppFailure) throw e;
    throw failure('file-unreadable', UNREADABLE_XLSX);
  }
  let cells = 0;
  const decoder = new TextDecoder('utf-8');
  for (const part of Object.values(parts)) {
    let grid: { rows: number; columns: number };
    try {
      grid = reach(Parser, decoder.decode(part));
    } catch (e) {
      if (e instanceof AppFailure) throw e;
      throw failure('file-unreadable', UNREADABLE_XLSX);
    }
    cells += grid.rows * grid.columns;
    if (cells > XLSX_LIMITS.cells) throw tooLarge();
  }
  // Stored, not compressed again: the parts are read once more at once.
  return Buffer.from(zipSync(parts, { level: 0 }));
}
