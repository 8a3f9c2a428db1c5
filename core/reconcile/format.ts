/** Numbers and plain-text tables for the reconciliation's reports (one format for the text report, the verdict and the CLI). */

/** Numbers with 4 significant figures; '–' for none. */
export function fmtNumber(x: number | null | undefined, digits = 4): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e6 || a < 1e-3) return x.toExponential(digits - 1);
  return Number(x.toPrecision(digits)).toString();
}

/** A χ² (or any sum of squares): round-off below 1e-10 shown as 0. */
export function fmtChi(x: number): string {
  return Math.abs(x) < 1e-10 ? '0' : fmtNumber(x);
}

/** A value and its standard deviation: "13.13 ± 0.149". */
export function fmtValueSd(value: number | null | undefined, sd: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined) return '?';
  return sd === null || sd === undefined || !(sd > 0) ? fmtNumber(value, digits) : `${fmtNumber(value, digits)} ± ${fmtNumber(sd, 3)}`;
}

/** Plain-text table, columns separated by two spaces; the columns in `left` left-aligned. */
export function textTable(header: string[], rows: string[][], left: number[] = [0]): string {
  const cells = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((cell, c) => (left.includes(c) ? (cell ?? '').padEnd(widths[c]) : (cell ?? '').padStart(widths[c])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
