// CSV for Excel: csv-stringify's quoting, CRLF line ends, and a byte-order
// mark so Excel on Windows opens accents (é, ’) right. csv-stringify is loaded
// on the first export, not at start. Every CSV the desk writes goes through
// `toCsv`, the one place that neutralises formulas (csv-formula.ts).
import { escapeFormula } from './csv-formula';

export async function toCsv(rows: readonly (readonly string[])[]): Promise<string> {
  const { stringify } = await import('csv-stringify/sync');
  const escaped = rows.map((row) => row.map(escapeFormula));
  // An escaped cell is also quoted, as OWASP advises: csv-stringify quotes every field that starts with a quote.
  return `\ufeff${stringify(escaped, { record_delimiter: 'windows', quoted_match: /^'/ })}`;
}
