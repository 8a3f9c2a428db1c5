/**
 * Tables as delimited text, for spreadsheets: CSV (RFC 4180 quoting) and tab-separated text (what
 * a spreadsheet takes from the clipboard). Numbers are written without float noise; a text cell
 * that a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a carriage
 * return) is prefixed with an apostrophe, as OWASP advises against CSV injection. A number is
 * never escaped: -5 stays -5.
 */
import { plainNumber } from './number';

export type Cell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell made safe for a spreadsheet: "=cmd|…" → "'=cmd|…". */
export function escapeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function cellText(c: Cell): string {
  if (c === null || c === undefined) return '';
  if (typeof c === 'number') return plainNumber(c);
  return escapeFormula(c);
}

function csvQuote(text: string): string {
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as CSV, lines ended by CRLF as RFC 4180 says, and a final line end. */
export function toCsv(rows: readonly (readonly Cell[])[]): string {
  return rows.map((r) => r.map((c) => csvQuote(cellText(c))).join(',')).join('\r\n') + '\r\n';
}

/** Rows as tab-separated text: tabs and line breaks inside a cell become spaces. */
export function toTsv(rows: readonly (readonly Cell[])[]): string {
  return rows.map((r) => r.map((c) => cellText(c).replace(/[\t\r\n]+/g, ' ')).join('\t')).join('\n') + '\n';
}

/**
 * Escapes formula cells of CSV text made elsewhere (e.g. a report written by the core), keeping
 * its quoting: every field is read and written again, numbers left as they are.
 */
export function escapeCsvFormulae(csv: string): string {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = () => {
    row.push(field);
    field = '';
  };
  while (i < csv.length) {
    const ch = csv[i];
    if (quoted) {
      if (ch === '"' && csv[i + 1] === '"') (field += '"'), (i += 2);
      else if (ch === '"') (quoted = false), i++;
      else (field += ch), i++;
      continue;
    }
    if (ch === '"' && field === '') (quoted = true), i++;
    else if (ch === ',') endField(), i++;
    else if (ch === '\r' || ch === '\n') {
      endField();
      rows.push(row);
      row = [];
      i += ch === '\r' && csv[i + 1] === '\n' ? 2 : 1;
    } else (field += ch), i++;
  }
  if (field !== '' || row.length) {
    endField();
    rows.push(row);
  }
  const isNumber = (t: string) => t.trim() !== '' && Number.isFinite(Number(t));
  return rows.map((r) => r.map((t) => csvQuote(isNumber(t) ? t : escapeFormula(t))).join(',')).join('\r\n') + '\r\n';
}
