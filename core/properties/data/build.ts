/** Small constructors that keep the data tables one line per species. */
import type { Cp, ShomateRange, Sourced, SpeciesEntry } from '../types';

export const v = <T>(value: T, src: string, note?: string): Sourced<T> =>
  note === undefined ? { value, src } : { value, src, note };

/** Shomate ranges from rows [Tmin, Tmax, A, B, C, D, E]. */
export function shomate(...rows: readonly (readonly number[])[]): Cp {
  const ranges: ShomateRange[] = rows.map((r) => ({
    Tmin: r[0]!,
    Tmax: r[1]!,
    coeffs: [r[2]!, r[3]!, r[4]!, r[5]!, r[6]!] as const,
  }));
  return { shomateRanges: ranges };
}

interface Fields {
  formula?: string;
  aliases?: readonly string[];
  density?: Sourced<number>;
  molarVolume?: Sourced<number>;
  Hf?: Sourced<number>;
  cp?: Sourced<Cp>;
}

export function entry(id: string, fields: Fields): SpeciesEntry {
  return { id, ...fields };
}
