/** The reconciliation's own figures, in the one number format (core/format): χ² and value ± sd. */
import { formatOrDash } from '../format';

/** A χ² (or any sum of squares): round-off below 1e-10 shown as 0. */
export function fmtChi(x: number): string {
  return Math.abs(x) < 1e-10 ? '0' : formatOrDash(x);
}

/** A value and its standard deviation: "13.13 ± 0.149"; "?" for a value not determined, no "±" without an sd. */
export function fmtValueSd(value: number | null | undefined, sd: number | null | undefined, digits = 4, sdDigits = 3): string {
  if (value === null || value === undefined) return '?';
  return sd === null || sd === undefined || !(sd > 0) ? formatOrDash(value, digits) : `${formatOrDash(value, digits)} ± ${formatOrDash(sd, sdDigits)}`;
}
