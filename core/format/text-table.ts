/** The one plain-text table of Flexsheet: the command line's reports and the reconciliation's text report. */

/** How a column is aligned: left or right. */
type Align = 'l' | 'r';

/**
 * A table as text: a header, a rule, the rows; columns two spaces apart, each as wide as its widest
 * cell, left-aligned where `align` says 'l' (by default the first column), else right-aligned.
 */
export function textTable(header: readonly string[], rows: readonly (readonly (string | number)[])[], align: readonly Align[] = []): string {
  const cells = [header.map(String), ...rows.map((r) => r.map(String))];
  const widths = header.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? '').length)));
  const line = (r: readonly string[]) =>
    header
      .map((_, c) => {
        const cell = r[c] ?? '';
        return (align[c] ?? (c === 0 ? 'l' : 'r')) === 'l' ? cell.padEnd(widths[c]) : cell.padStart(widths[c]);
      })
      .join('  ')
      .trimEnd();
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}
