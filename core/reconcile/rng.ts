/** A small seeded random number generator, so that synthetic pilot data can be regenerated exactly. */
import { mulberry32 } from '../random';

export interface Rng {
  /** Uniform on [0, 1). */
  uniform(): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
}

/** mulberry32: a 32-bit generator, plenty for test data (not for cryptography). */
export function seededRng(seed: number): Rng {
  let spare: number | undefined;
  const uniform = mulberry32(seed);
  return {
    uniform,
    normal() {
      if (spare !== undefined) {
        const s = spare;
        spare = undefined;
        return s;
      }
      let u = uniform();
      while (u <= 0) u = uniform();
      const v = uniform();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
  };
}
