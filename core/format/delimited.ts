/**
 * Tables as delimited text for spreadsheets, on core/csv.ts's cells (formula-like text escaped
 * with an apostrophe, numbers without float noise, never escaped): CSV, and tab-separated text —
 * what a spreadsheet takes from the clipboard. Also: escaping the formula cells of CSV text
 * written elsewhere, keeping its numbers.
 */
import { csvLine, csvNumber, csvText } from '../csv';

export type Cell = string | number | null | undefined;

/** Rows as CSV, lines ended by CRLF as RFC 4180 says, and a final line end. */
export function toCsv(rows: readonly (readonly Cell[])[]): string {
  return rows.map((r) => csvLine(r)).join('\r\n') + '\r\n';
}

/** Rows as tab-separated text: tabs and line breaks inside a cell become spaces. */
export function toTsv(rows: readonly (readonly Cell[])[]): string {
  const cell = (c: Cell) => (typeof c === 'string' ? csvText(c.replace(/[\t\r\n]+/g, ' ')) : csvNumber(c));
  return rows.map((r) => r.map(cell).join('\t')).join('\n') + '\n';
}

/** The fields of CSV text (RFC 4180 quoting). */
function readCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i];
    if (quoted) {
      if (ch === '"' && csv[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\r' || ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (ch === '\r' && csv[i + 1] === '\n') i++;
    } else field += ch;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows;
}

/** CSV text made elsewhere with its formula-like text cells escaped; numbers (negative ones too) kept as written. */
export function escapeCsvFormulae(csv: string): string {
  const isNumber = (t: string) => t.trim() !== '' && Number.isFinite(Number(t));
  return readCsv(csv)
    .map((r) => r.map((t) => (isNumber(t) ? t : csvText(t))).join(','))
    .join('\r\n') + '\r\n';
}
