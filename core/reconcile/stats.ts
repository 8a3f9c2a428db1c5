/**
 * The distributions data reconciliation needs, written out so the numbers can be checked:
 * the regularized incomplete gamma function P(a, x) (series and Lentz continued fraction, as in
 * Numerical Recipes §6.2), the chi-square distribution built on it, and the standard normal
 * distribution (erf(x) = P(½, x²)). Quantiles are found by bracketing and bisection, which is
 * slow but cannot fail; reconciliation asks for a handful of them.
 */

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; relative error about 1e-15). */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`logGamma: x must be > 0, got ${x}`);
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Regularized lower incomplete gamma P(a, x) = γ(a, x) / Γ(a), a > 0, x ≥ 0. */
export function gammaP(a: number, x: number): number {
  if (!(a > 0)) throw new RangeError(`gammaP: a must be > 0, got ${a}`);
  if (x <= 0) return 0;
  if (x === Infinity) return 1;
  return x < a + 1 ? gammaSeries(a, x) : 1 - gammaContinuedFraction(a, x);
}

/** Regularized upper incomplete gamma Q(a, x) = 1 − P(a, x), accurate in the far tail. */
export function gammaQ(a: number, x: number): number {
  if (!(a > 0)) throw new RangeError(`gammaQ: a must be > 0, got ${a}`);
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  return x < a + 1 ? 1 - gammaSeries(a, x) : gammaContinuedFraction(a, x);
}

function gammaSeries(a: number, x: number): number {
  let ap = a;
  let term = 1 / a;
  let sum = term;
  for (let n = 0; n < 10_000; n++) {
    ap += 1;
    term *= x / ap;
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * 1e-17) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}

function gammaContinuedFraction(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

/** P(X ≤ x) for X ~ χ²(dof). */
export function chiSquareCdf(x: number, dof: number): number {
  return gammaP(dof / 2, x / 2);
}

/** The x with P(X ≤ x) = p for X ~ χ²(dof): χ²(0.95, 1) = 3.841, χ²(0.95, 10) = 18.307. */
export function chiSquareQuantile(p: number, dof: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`chiSquareQuantile: p must be in (0, 1), got ${p}`);
  if (!(dof > 0)) throw new RangeError(`chiSquareQuantile: dof must be > 0, got ${dof}`);
  let hi = Math.max(1, dof);
  while (chiSquareCdf(hi, dof) < p) hi *= 2;
  return bisect((x) => chiSquareCdf(x, dof) - p, 0, hi);
}

/** Φ(x), the standard normal distribution function. */
export function normalCdf(x: number): number {
  const tail = 0.5 * gammaQ(0.5, (x * x) / 2);
  return x >= 0 ? 1 - tail : tail;
}

/** Φ⁻¹(p): normalQuantile(0.975) = 1.95996. */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: p must be in (0, 1), got ${p}`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -normalQuantile(1 - p);
  // Upper tail: solve Q(x) = 1 − p, which keeps its precision far out.
  const q = 1 - p;
  let hi = 1;
  while (0.5 * gammaQ(0.5, (hi * hi) / 2) > q) hi *= 2;
  return bisect((x) => q - 0.5 * gammaQ(0.5, (x * x) / 2), 0, hi);
}

/** Root of an increasing f on [lo, hi] with f(lo) ≤ 0 ≤ f(hi). */
function bisect(f: (x: number) => number, lo: number, hi: number): number {
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (mid === lo || mid === hi) break;
    if (f(mid) < 0) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/**
 * Critical value of the measurement test when m standardized residuals are tested at once at
 * overall level α (Šidák): each is tested at β = 1 − (1 − α)^(1/m), two-sided.
 */
export function measurementTestCritical(alpha: number, m: number): number {
  const beta = 1 - Math.pow(1 - alpha, 1 / Math.max(1, m));
  return normalQuantile(1 - beta / 2);
}
