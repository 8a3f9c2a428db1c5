/**
 * Quantile functions of the study distributions: a sample is drawn by inverse transform, x = F⁻¹(u)
 * with u uniform in (0, 1), so that one uniform number per parameter and sample gives every
 * distribution, and a one-at-a-time sweep visits the same quantiles.
 *
 * - uniform [a, b]:       x = a + u (b − a)
 * - triangular [a, c, b]: x = a + √(u (b − a)(c − a))        for u < (c − a)/(b − a),
 *                         x = b − √((1 − u)(b − a)(b − c))    otherwise
 * - normal [μ, σ]:        x = μ + σ Φ⁻¹(u)
 * - lognormal [μ, σ]:     x = exp(μ + σ Φ⁻¹(u))
 * - values [v₀ … vₙ₋₁]:   x = v_⌊u n⌋ (each equally likely)
 *
 * Φ is computed from its Taylor series Φ(z) = ½ + φ(z) Σₖ z^(2k+1)/(1·3·5⋯(2k+1)) for |z| ≤ 3 and from
 * Laplace's continued fraction of the Mills ratio beyond (both to double precision); Φ⁻¹ by Newton's
 * method on it from a logistic first guess (error below 1e-12 in z for 1e-15 < u < 1 − 1e-15).
 */
import type { Distribution } from './spec';

const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** Standard normal density. */
export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / SQRT_2PI;
}

/** Q(x) = 1 − Φ(x) for x ≥ 3 by Laplace's continued fraction φ(x) / (x + 1/(x + 2/(x + 3/(x + …)))), 120 terms from the bottom. */
function upperTail(x: number): number {
  let t = x;
  for (let k = 120; k >= 1; k--) t = x + k / t;
  return normalPdf(x) / t;
}

/** Standard normal CDF Φ(z): its series within |z| ≤ 3, Laplace's continued fraction in the tails (no cancellation there). */
export function normalCdf(z: number): number {
  if (z < -3) return upperTail(-z);
  if (z > 3) return 1 - upperTail(z);
  let term = z;
  let sum = z;
  const z2 = z * z;
  for (let k = 1; k < 500; k++) {
    term *= z2 / (2 * k + 1);
    sum += term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
  }
  return 0.5 + normalPdf(z) * sum;
}

/** Φ⁻¹(u), for 0 < u < 1. */
export function normalQuantile(u: number): number {
  if (!(u > 0 && u < 1)) return u <= 0 ? -Infinity : Infinity;
  if (u > 0.5) return -normalQuantile(1 - u);
  // Logistic first guess: Φ(z) ≈ 1 / (1 + e^(−1.702 z)).
  let z = Math.log(u / (1 - u)) / 1.702;
  for (let i = 0; i < 60; i++) {
    const f = normalPdf(z);
    if (f === 0) break;
    const step = (normalCdf(z) - u) / f;
    z -= Math.max(-1, Math.min(1, step));
    if (Math.abs(step) < 1e-14 * Math.max(1, Math.abs(z))) break;
  }
  return z;
}

/** F⁻¹(u) of a study distribution. */
export function quantile(d: Distribution, u: number): number {
  if ('uniform' in d) {
    const [a, b] = d.uniform;
    return a + u * (b - a);
  }
  if ('triangular' in d) {
    const [a, c, b] = d.triangular;
    const f = (c - a) / (b - a);
    return u < f ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c));
  }
  if ('normal' in d) return d.normal[0] + d.normal[1] * normalQuantile(u);
  if ('lognormal' in d) return Math.exp(d.lognormal[0] + d.lognormal[1] * normalQuantile(u));
  const v = d.values;
  return v[Math.min(v.length - 1, Math.floor(u * v.length))];
}

/** The low and high ends a tornado swings a parameter between: the 10th and 90th percentiles, or a list's least and greatest value. */
export function tornadoEnds(d: Distribution): [number, number] {
  if ('values' in d) return [Math.min(...d.values), Math.max(...d.values)];
  return [quantile(d, 0.1), quantile(d, 0.9)];
}
