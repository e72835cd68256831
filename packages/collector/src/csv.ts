/**
 * CSV for evaluators who open exports in a spreadsheet. Residents' text ends up in cells, so a
 * cell that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, or a leading tab or
 * carriage return, OWASP's CSV injection list) gets a leading apostrophe and stays text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text = typeof value === 'string' ? value : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, CRLF-terminated as RFC 4180 asks. */
export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/** Spreadsheet programs read UTF-8 CSV as a legacy code page unless it starts with a BOM. */
export const CSV_BOM = '\uFEFF';
