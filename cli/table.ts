/** Plain-text tables for the terminal. */
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

/** A number with 4 significant figures, or a dash for zero. */
export function num(x: number | undefined, digits = 4): string {
  if (x === undefined || x === 0) return '–';
  const a = Math.abs(x);
  if (a >= 1e6 || a < 1e-3) return x.toExponential(digits - 1);
  return Number(x.toPrecision(digits)).toLocaleString('en-US', { maximumFractionDigits: 6 });
}

export function pct(x: number | undefined): string {
  if (x === undefined) return '–';
  return `${(x * 100).toFixed(x >= 0.9995 || x < 0.0005 ? 3 : 2)} %`;
}
