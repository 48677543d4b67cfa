// CSV for Excel: csv-stringify's quoting, CRLF line ends, and a byte-order
// mark so Excel on Windows opens accents (é, ’) right. csv-stringify is loaded
// on the first export, not at start.

export async function toCsv(rows: readonly (readonly string[])[]): Promise<string> {
  const { stringify } = await import('csv-stringify/sync');
  return `\ufeff${stringify(rows as string[][], { record_delimiter: 'windows' })}`;
}
