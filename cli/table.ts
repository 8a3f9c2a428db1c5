/** The command line's cells: a number or a percentage in the one format, a dash where there is none (the tables are core/format's textTable). */
import { formatOrDash, formatPercent } from '../core/format';
/** A number in the one format of Flexsheet (core/format: 4 significant figures), or a dash for zero. */
export function num(x: number | undefined, digits = 4): string {
  return x === 0 ? '–' : formatOrDash(x, digits);
}

/** A fraction as a percentage in the one format, or a dash when there is none. */
export function pct(x: number | undefined): string {
  return x === undefined ? '–' : formatPercent(x);
}
