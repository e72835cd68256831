/**
 * CSV that spreadsheet programs open correctly: UTF-8 with a byte order mark (without it, Excel
 * reads Chinese as a legacy code page), CRLF records (RFC 4180). Subject and group names come from
 * survey definitions that many people edit, so a text cell a spreadsheet would take for a formula
 * (`=`, `+`, `-`, `@`, a leading tab or carriage return: OWASP's CSV injection list) gets a
 * leading apostrophe and stays text. Numbers are written as numbers, so that "-12.5" stays a value.
 */
export type CsvValue = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export const CSV_BOM = '\uFEFF';

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: ReadonlyArray<ReadonlyArray<CsvValue>>): string {
  return CSV_BOM + rows.map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}
