/**
 * CSV as RFC 4180 writes it (a header row, CRLF line ends, a field with a comma, a quote or a
 * line break quoted, its quotes doubled), for the console's exports. A text that a spreadsheet
 * would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) is
 * prefixed with `'`, so opening the file never runs what a name smuggled in.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvText(lines: readonly (readonly (string | number)[])[]): string {
  return lines.map((line) => `${line.map(csvCell).join(',')}\r\n`).join('');
}
