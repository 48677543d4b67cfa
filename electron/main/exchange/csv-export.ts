// CSV for Excel: csv-stringify's quoting, CRLF line ends, and a byte-order
// mark so Excel on Windows opens accents (é, ’) right.
import { stringify } from 'csv-stringify/sync';

export function toCsv(rows: readonly (readonly string[])[]): string {
  return `\ufeff${stringify(rows as string[][], { record_delimiter: 'windows' })}`;
}
