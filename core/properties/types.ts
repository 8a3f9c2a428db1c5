/** Types of the built-in species data and of what a lookup resolves. */

/** How a number was obtained: read in a handbook or data sheet, estimated by a stated method, or not found. */
type Flag = 'handbook' | 'estimate' | 'not-found';

export interface Source {
  /** Full reference. */
  ref: string;
  flag: Flag;
  /** Estimates: the method. */
  method?: string;
  /**
   * true: the numbers were read in a copy of the source while building the table ([V] in
   * REFERENCE-DATA); false: recalled from the source and not checked here ([R]).
   */
  verified: boolean;
}

/** One Shomate range, NIST form, t = T/1000 with T in kelvin: cp = A + B t + C t² + D t³ + E/t². */
export interface ShomateRange {
  Tmin: number;
  Tmax: number;
  /** [A, B, C, D, E] in J/(mol·K). */
  coeffs: readonly [number, number, number, number, number];
}

/** J/(mol·K): a constant, or Shomate coefficients (one set as in the file, or ranges). */
export type Cp = number | { shomate: readonly number[] } | { shomateRanges: readonly ShomateRange[] };

/** A value with the key of its source (in SOURCES) and an optional remark. */
export interface Sourced<T> {
  value: T;
  src: string;
  note?: string;
}

/** One built-in entry, keyed by the species id the plants use. */
export interface SpeciesEntry {
  id: string;
  /** When the id is a name rather than a formula (Graphite(s) → C). */
  formula?: string;
  /** Further ids that name the same species. */
  aliases?: readonly string[];
  /** kg/m³, (s), (l) and (org) species. */
  density?: Sourced<number>;
  /** m³/kmol; for (aq), the apparent molar volume in solution. */
  molarVolume?: Sourced<number>;
  /** kJ/mol at 25 °C (aqueous: standard state at infinite dilution). */
  Hf?: Sourced<number>;
  cp?: Sourced<Cp>;
}

/** 'file', a built-in source key, or 'missing'. */
export type Origin = string;

/** The data the engine uses for one species, with where each value came from. */
export interface SpeciesData {
  id: string;
  /** The built-in entry that matched, if any. */
  entry?: string;
  density?: number;
  molarVolume?: number;
  Hf?: number;
  cp?: Cp;
  origin: { density: Origin; molarVolume: Origin; Hf: Origin; cp: Origin };
}

/** What a flowsheet file may give for a species (FORMAT.md, Additions). */
export interface SpeciesDataDecl {
  density?: number;
  molarVolume?: number;
  Hf?: number;
  cp?: Cp;
}
