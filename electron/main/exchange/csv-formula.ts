// Formula injection (OWASP, "CSV Injection"): a cell a spreadsheet would read
// as a formula — one starting with = + - @, a tab or a carriage return — is
// written with a single quote in front, so Excel, LibreOffice and Google
// Sheets show it as text. Course names, imported cells and server messages
// all reach the CSVs the desk writes, so every cell of every one is escaped
// (`toCsv`), and every cell the desk reads from a CSV is unescaped
// (`readCsvTable`), so its own exports read back unchanged. The desk writes no
// negative number (prices, seats and hours are never negative), so a cell
// starting with "-" is always text and is escaped too.

/**
 * The rule, both ways: a cell that is zero or more single quotes followed by a
 * formula character gets one more quote in front on export, and loses one on
 * import. So `=1+1` ↔ `'=1+1`, and a value that really starts with a quote
 * before a formula character (`'=1`) ↔ `''=1`; a quote before anything else
 * (`'Tis the season`) is written and read as it is.
 */
const FORMULA_ESCAPE = /^'*[=+\-@\t\r]/;

export function escapeFormula(cell: string): string {
  return FORMULA_ESCAPE.test(cell) ? `'${cell}` : cell;
}

/** The inverse of `escapeFormula`, for a cell read from a file. */
export function unescapeFormula(cell: string): string {
  return cell.startsWith("'") && FORMULA_ESCAPE.test(cell) ? cell.slice(1) : cell;
}
