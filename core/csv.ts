/**
 * CSV cells as spreadsheets read them safely: quoted when they hold a separator, a quote or a line
 * break, and — because Excel, LibreOffice and Google Sheets run a cell that begins with = + - @ (or a
 * tab or carriage return) as a formula — such text is prefixed with an apostrophe (OWASP, "CSV
 * Injection"). Numbers are written as numbers, negative ones included, without float noise.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** One text cell, escaped. */
export function csvText(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One number cell: 12 significant digits (no 0.6327999999999999), empty for a missing value. */
export function csvNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  return String(Number(value.toPrecision(12)));
}

export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return cells.map((c) => (typeof c === 'number' || c === null || c === undefined ? csvNumber(c as number | null | undefined) : csvText(c))).join(',');
}
