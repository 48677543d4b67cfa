// Reading a CSV table a spreadsheet or a website exported: bytes → text
// (UTF-8 with or without BOM, else Windows-1252), comma or semicolon, quoted
// fields and line breaks, blank lines — by csv-parse and iconv-lite, not by
// hand. Rows keep the number a spreadsheet shows them under; a cell the desk
// escaped against formulas on export (csv-formula.ts) reads back as it was.
// Pure: no I/O.
// csv-parse and iconv-lite are loaded when the first file is read, not at
// start: most sessions read none, and loaded they hold ~12 MB of the main process.
import { failure } from '../../../shared/errors';
import { foldHeading } from '../../../shared/text';
import { unescapeFormula } from './csv-formula';

export interface CsvTable {
  encoding: 'utf-8' | 'windows-1252';
  delimiter: ',' | ';';
  headers: string[];
  /** Data rows with their line as a spreadsheet numbers it (header = 1). */
  rows: { line: number; values: string[] }[];
}

export const UNREADABLE = 'This file is not a table Offering Desk can read: save it from the spreadsheet as CSV (comma or semicolon separated) and try again.';

export async function decodeText(bytes: Buffer): Promise<{ text: string; encoding: CsvTable['encoding'] }> {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: Excel on Windows saves "CSV" in the ANSI code page. iconv-lite maps 0x80–0x9F (’ — €) as Windows does.
    const { default: iconv } = await import('iconv-lite');
    return { text: iconv.decode(bytes, 'win1252'), encoding: 'windows-1252' };
  }
}

/** The separator of the header line: semicolons (French-Canadian Excel) or commas. */
function delimiterOf(text: string): ',' | ';' {
  const first = text.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  const count = (c: string) => first.split(c).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

export async function readCsvTable(bytes: Buffer): Promise<CsvTable> {
  if (bytes.includes(0)) throw failure('file-unreadable', UNREADABLE);
  const { text, encoding } = await decodeText(bytes);
  const { parse } = await import('csv-parse/sync');
  const delimiter = delimiterOf(text);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, skip_records_with_empty_values: true, info: true, trim: true }) as unknown as typeof records;
  } catch {
    throw failure('file-unreadable', UNREADABLE);
  }
  const [header, ...data] = records;
  if (!header || header.record.length < 2) throw failure('file-unreadable', UNREADABLE);
  // csv-parse gives the text line a record ends on. A spreadsheet shows a quoted
  // line break inside a cell as one row, so those breaks (this record's and
  // every earlier one's) are taken off to give the row number staff see.
  let breaksBefore = 0;
  const rows = data.map((r) => {
    const inner = r.record.reduce((n, v) => n + (v.match(/\n/g)?.length ?? 0), 0);
    const line = r.info.lines - inner - breaksBefore;
    breaksBefore += inner;
    return { line, values: r.record.map(unescapeFormula) };
  });
  return { encoding, delimiter, headers: header.record.map(unescapeFormula), rows };
}

/** The key a column mapping is remembered under: the file's headings, folded, in order. */
export function headingSignature(headers: readonly string[]): string {
  return headers.map(foldHeading).join('|');
}
