/**
 * Purchased-cost correlations of process equipment and their bare-module (installation) factors,
 * from Turton, Bailie, Whiting, Shaeiwitz & Bhattacharyya, *Analysis, Synthesis and Design of
 * Chemical Processes*, 4th ed. (Prentice Hall, 2012), Appendix A (Table A.1: K1–K3 and size ranges;
 * Tables A.4–A.7 and Figure A.18: material and bare-module factors), at the book's cost index
 * CEPCI = 397 (September 2001). The coefficients were read as reproduced in the open-source
 * capital-cost module of github.com/Gilvan-Wanderley/balkony (balkony/capital_cost/*.py), which
 * follows those tables entry by entry.
 *
 *   log10 Cp° = K1 + K2·log10 S + K3·(log10 S)²        (S: the item's size in its unit)
 *   Cp = Cp° × CEPCI / 397
 *   C_BM = Cp × F_BM,   F_BM = F_BM(material)   or   B1 + B2·F_M·F_P
 *
 * A size above the range is split into n = ⌈S / S_max⌉ equal items in parallel; a size below it is
 * costed at S_min (the correlation is not extrapolated downward, which would under-cost small
 * items). Both are flagged in the estimate.
 */

/** Cost index of the correlations: Turton et al. 4th ed. (September 2001). */
export const TURTON_CEPCI = 397;

/** CEPCI 2023 annual average, 797.9 (Chemical Engineering, "2023 CEPCI annual average value decreases from previous year"). */
export const CEPCI_2023 = 797.9;

export type SizeUnit = 'm³' | 'm²' | 'kW';

export interface Correlation {
  key: string;
  /** What Turton calls it. */
  item: string;
  /** What S is. */
  size: 'volume' | 'area' | 'duty';
  unit: SizeUnit;
  K: readonly [number, number, number];
  min: number;
  max: number;
  /** F_BM per material, or B1 and B2 with material factors F_M. */
  bareModule: { byMaterial: Readonly<Record<string, number>> } | { B1: number; B2: number; materialFactors: Readonly<Record<string, number>> };
}

/** Turton Figure A.18 / Table A.3: material factors of process vessels (shell). */
const VESSEL_FM = { 'carbon-steel': 1, 'stainless-clad': 1.75, 'stainless-steel': 3.12, 'nickel-clad': 3.63, 'nickel-alloy': 7.09, 'titanium-clad': 4.71, titanium: 9.43 } as const;

export const CORRELATIONS: readonly Correlation[] = [
  // Reactors, jacketed agitated (Table A.1), F_BM 4.0 (Table A.7).
  { key: 'agitated-tank', item: 'reactor, jacketed agitated', size: 'volume', unit: 'm³', K: [4.1052, 0.532, -0.0005], min: 0.1, max: 35, bareModule: { byMaterial: { 'carbon-steel': 4.0 } } },
  // Reactors, autoclave (pressure leach): F_BM 4.0.
  { key: 'autoclave', item: 'reactor, autoclave', size: 'volume', unit: 'm³', K: [4.5587, 0.2986, 0.002], min: 1, max: 15, bareModule: { byMaterial: { 'carbon-steel': 4.0 } } },
  // Process vessels, vertical: F_BM = 2.25 + 1.82·F_M·F_P.
  { key: 'tank', item: 'process vessel, vertical', size: 'volume', unit: 'm³', K: [3.4974, 0.4485, 0.1074], min: 0.3, max: 520, bareModule: { B1: 2.25, B2: 1.82, materialFactors: VESSEL_FM } },
  // Reactors, mixer/settler: F_BM 4.0.
  { key: 'mixer-settler', item: 'mixer/settler', size: 'volume', unit: 'm³', K: [4.7116, 0.4479, 0.0004], min: 0.4, max: 60, bareModule: { byMaterial: { 'carbon-steel': 4.0 } } },
  // Filters, disc and drum: F_BM 1.65.
  { key: 'filter', item: 'filter, disc and drum', size: 'area', unit: 'm²', K: [4.8123, 0.2858, 0.042], min: 0.9, max: 300, bareModule: { byMaterial: { 'carbon-steel': 1.65 } } },
  // Crystallizers, batch: F_BM 1.6.
  { key: 'crystallizer', item: 'crystallizer, batch', size: 'volume', unit: 'm³', K: [4.5097, 0.1731, 0.1344], min: 1.5, max: 30, bareModule: { byMaterial: { 'carbon-steel': 1.6 } } },
  // Evaporators, forced circulation: F_BM by material (F_P = 1 at atmospheric pressure).
  {
    key: 'evaporator',
    item: 'evaporator, forced circulation',
    size: 'area',
    unit: 'm²',
    K: [5.0238, 0.3475, 0.0703],
    min: 5,
    max: 1000,
    bareModule: { byMaterial: { 'carbon-steel': 2.93, copper: 3.68, 'stainless-steel': 5.08, 'nickel-alloy': 9.68, titanium: 14.56 } },
  },
  // Dryers, rotary gas fired (the rotary kiln's shell, costed by its area): F_BM 1.25.
  { key: 'kiln', item: 'dryer, rotary gas fired', size: 'area', unit: 'm²', K: [3.5645, 1.1118, -0.0777], min: 5, max: 100, bareModule: { byMaterial: { 'carbon-steel': 1.25 } } },
];

const byKey = new Map(CORRELATIONS.map((c) => [c.key, c]));

export function correlation(key: string): Correlation | undefined {
  return byKey.get(key);
}

/** Cp° at the book's index (CEPCI 397) for one item of size S within the range. */
export function baseCost(c: Correlation, S: number): number {
  const l = Math.log10(S);
  return 10 ** (c.K[0] + c.K[1] * l + c.K[2] * l * l);
}

export interface ItemCost {
  /** Items in parallel and the size of each. */
  count: number;
  each: number;
  /** The size was below the range and costed at its minimum. */
  belowRange: boolean;
  /** Purchased cost of all items at the estimate's index. */
  purchased: number;
  /** F_BM applied, and the bare-module (installed) cost. */
  bareModuleFactor: number;
  installed: number;
  /** Bare-module cost at base conditions (carbon steel, F_P = 1): Turton's C°_BM for the grassroots cost. */
  installedBase: number;
}

/** F_BM of a correlation for a material (or a material factor given directly); undefined for a material the table lacks. */
export function bareModuleFactor(c: Correlation, material: string, materialFactor?: number, pressureFactor = 1): number | undefined {
  const bm = c.bareModule;
  if ('B1' in bm) {
    const fm = materialFactor ?? bm.materialFactors[material];
    return fm === undefined ? undefined : bm.B1 + bm.B2 * fm * pressureFactor;
  }
  if (materialFactor !== undefined) return bm.byMaterial['carbon-steel'] * materialFactor;
  return bm.byMaterial[material];
}

/**
 * Turton eq. A.2: pressure factor of a process vessel of diameter D (m) at P bar gauge, from the
 * ASME wall thickness (maximum allowable stress × weld efficiency 850 bar, corrosion allowance
 * 3.15 mm, minimum wall 6.3 mm): F_P = max(1, [(P + 1)·D / (2·(850 − 0.6·(P + 1))) + 0.00315] / 0.0063);
 * 1.25 under vacuum (P < −0.5 barg).
 */
export function vesselPressureFactor(barg: number, diameter: number): number {
  if (barg < -0.5) return 1.25;
  const t = ((barg + 1) * diameter) / (2 * (850 - 0.6 * (barg + 1))) + 0.00315;
  return Math.max(1, t / 0.0063);
}

/** Purchased and installed cost of size S in at least `minCount` equal items (more in parallel above the range), at index `cepci`. */
export function itemCost(c: Correlation, S: number, cepci: number, fbm: number, minCount = 1): ItemCost {
  const count = Math.max(minCount, S / minCount > c.max ? Math.ceil(S / c.max) : 1);
  const each = S / count;
  const belowRange = each < c.min;
  const purchased = count * baseCost(c, belowRange ? c.min : each) * (cepci / TURTON_CEPCI);
  const base = bareModuleFactor(c, 'carbon-steel')!;
  return { count, each, belowRange, purchased, bareModuleFactor: fbm, installed: purchased * fbm, installedBase: purchased * base };
}
