/**
 * CSV as spreadsheet programs open it (RFC 4180): a UTF-8 byte order mark first, without which Excel
 * reads Chinese as GBK and shows mojibake; CRLF line ends; a cell quoted when it holds a comma, a
 * quote or a line break. A text cell that begins with = + - @ (or a tab or carriage return) is a
 * formula to a spreadsheet, so it is written after an apostrophe, as OWASP advises against CSV
 * injection: an office's or a stage's name must never run as a formula on a member's computer.
 * Numbers are written as they are (a count is never a formula).
 */
export type CsvCell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export const CSV_MEDIA_TYPE = 'text/csv; charset=utf-8';

export function csvCell(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The whole file: BOM, the header row, the rows. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** A Content-Disposition for a download named `name` (ASCII letters, digits, dot, dash, underscore only). */
export function attachment(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]/g, '_');
  return `attachment; filename="${safe}"`;
}
