/**
 * The one number format of Flexsheet, for the command line and the editor alike: a fixed number
 * of significant digits (4 unless asked), thousands separated by commas, never float noise, and
 * scientific notation only outside [0.001, 1e15), where it is written `1.234e-5`. Pure functions,
 * no DOM, no locale: the same text on every machine. Numbers written into files (CSV, TSV) are
 * core/csv.ts's `csvNumber`.
 */

/** Significant digits shown by default. */
const DIGITS = 4;

const MIN_PLAIN = 1e-3;
const MAX_PLAIN = 1e15;

/** `x` rounded to `digits` significant digits, as a number (no float noise: 0.1 + 0.2 → 0.3). */
function roundSignificant(x: number, digits = 12): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  return Number(x.toPrecision(digits));
}

/** Groups the integer part of a plain decimal string by thousands: "1234567.5" → "1,234,567.5". */
function group(plain: string): string {
  const [int, frac] = plain.split('.');
  const g = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac ? `${g}.${frac}` : g;
}

/** A plain decimal string of a number already rounded, without exponent ("0.000123", "1594000"). */
function plainDecimal(a: number): string {
  const s = String(a);
  if (!/e/i.test(s)) return s;
  // String() switches to exponents below 1e-6 and above 1e21: spell the digits out.
  const [mant, expText] = s.split(/e/i);
  const exp = Number(expText);
  const digits = mant.replace('.', '');
  const point = mant.indexOf('.') < 0 ? mant.length : mant.indexOf('.');
  const at = point + exp;
  if (at <= 0) return `0.${'0'.repeat(-at)}${digits}`;
  if (at >= digits.length) return digits + '0'.repeat(at - digits.length);
  return `${digits.slice(0, at)}.${digits.slice(at)}`;
}

/** Scientific notation without "+" and without trailing zeros in the mantissa: 1.5e-5, 2.301e15. */
function scientific(x: number, digits: number): string {
  const [m, e] = x.toExponential(digits - 1).split('e');
  const mant = m.includes('.') ? m.replace(/\.?0+$/, '') : m;
  return `${mant}e${Number(e)}`;
}

/**
 * A number as Flexsheet shows it: `digits` significant digits (trailing zeros after the point
 * dropped), thousands separated: 1,594,000 · 942,000 · 0.6328 · 12.5 · 1.5e-5. Zero is "0"; NaN
 * is "NaN" and infinities "∞" / "-∞" (they should never reach a table, and if one does it shows).
 */
export function formatNumber(x: number, digits = DIGITS): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '-∞';
  if (x === 0) return '0';
  const a = Math.abs(x);
  const sign = x < 0 ? '-' : '';
  const r = roundSignificant(a, digits);
  if (r < MIN_PLAIN || r >= MAX_PLAIN) return sign + scientific(a, digits);
  return sign + group(plainDecimal(r));
}

/** A number with its unit: "1,234 kg/h". */
export function formatQuantity(x: number, unit: string, digits = DIGITS): string {
  return `${formatNumber(x, digits)} ${unit}`;
}

/**
 * A fraction (0..1) as a percentage: one decimal from 1 % up ("97.3 %", "100.0 %"), three
 * significant digits below ("0.0123 %"), "0 %" for zero.
 */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return `${formatNumber(fraction * 100)} %`;
  const p = fraction * 100;
  if (p === 0) return '0 %';
  if (Math.abs(p) >= 1) return `${group(Math.abs(p).toFixed(1)).replace(/^/, p < 0 ? '-' : '')} %`;
  return `${formatNumber(p, 3)} %`;
}

/** A number in the one format, or "–" where there is none (null, undefined, not finite). */
export function formatOrDash(x: number | null | undefined, digits = DIGITS): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '–' : formatNumber(x, digits);
}
