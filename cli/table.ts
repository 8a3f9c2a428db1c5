/** Plain-text tables for the terminal. */
import { formatNumber, formatPercent } from '../core/format';
export function table(header: string[], rows: (string | number)[][], align: ('l' | 'r')[] = []): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((cell, c) => ((align[c] ?? (c === 0 ? 'l' : 'r')) === 'l' ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
      .join('  ')
      .trimEnd();
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

/** A number in the one format of Flexsheet (core/format: 4 significant figures), or a dash for zero. */
export function num(x: number | undefined, digits = 4): string {
  if (x === undefined || x === 0) return '–';
  return formatNumber(x, digits);
}

/** A fraction as a percentage in the one format, or a dash when there is none. */
export function pct(x: number | undefined): string {
  return x === undefined ? '–' : formatPercent(x);
}
