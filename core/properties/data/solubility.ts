/**
 * Solubility of the salts of our plants in water: g of anhydrous salt per 100 g of water
 * against T (°C), each point with its source, and the stable solid over each T range.
 * Between points the solubility is interpolated linearly; at a hydrate transition both
 * solids are saturated, so the curve is continuous there and only its slope changes.
 */

interface SolubilityPoint {
  T: number;
  /** g anhydrous salt / 100 g water. */
  s: number;
  src: string;
}

export interface StableSolid {
  /** Species id of the solid that crystallises. */
  solid: string;
  /** °C; the solid is stable on [from, to). */
  from: number;
  to: number;
  src: string;
}

export interface SolubilityTable {
  /** The dissolved salt, e.g. CoSO4(aq). */
  aqueous: string;
  points: readonly SolubilityPoint[];
  solids: readonly StableSolid[];
  note?: string;
}

const P = 'PERRY-SOL';
const pts = (src: string, rows: readonly (readonly [number, number])[]) => rows.map(([T, s]) => ({ T, s, src }));
const solid = (id: string, from: number, to: number, src = P): StableSolid => ({ solid: id, from, to, src });

export const SOLUBILITY: Readonly<Record<string, SolubilityTable>> = {
  CoSO4: {
    aqueous: 'CoSO4(aq)',
    points: [
      ...pts(P, [[0, 25.5], [10, 30.5]]),
      ...pts('SM-COSO4', [[20, 36.2], [25, 38.3]]),
      ...pts(P, [[30, 42.0], [40, 48.8], [50, 54.8], [60, 58.5], [70, 61.0]]),
    ],
    solids: [solid('CoSO4·7H2O(s)', -Infinity, 41.5, 'SM-COSO4'), solid('CoSO4·6H2O(s)', 41.5, Infinity, 'SM-COSO4')],
    note: 'above about 70 °C the monohydrate forms (chemicalbook); no points are given there',
  },
  NiSO4: {
    aqueous: 'NiSO4(aq)',
    points: pts(P, [[0, 27.2], [10, 32.0], [20, 37.8], [30, 42.5], [40, 45.5], [50, 50.2], [60, 54.8], [70, 59.4], [80, 63.2], [90, 69.0], [100, 76.7]]),
    solids: [solid('NiSO4·7H2O(s)', -Infinity, 31.5), solid('NiSO4·6H2O(s)', 31.5, Infinity)],
    note: 'the hexahydrate is α (tetragonal) to 53.3 °C and β (monoclinic) above; one entry serves both',
  },
  MnSO4: {
    aqueous: 'MnSO4(aq)',
    points: pts(P, [[0, 52.9], [10, 59.7], [20, 62.9], [30, 62.9], [40, 60.0], [60, 53.6], [80, 45.6], [90, 40.9], [100, 35.3]]),
    solids: [solid('MnSO4·7H2O(s)', -Infinity, 9), solid('MnSO4·5H2O(s)', 9, 27), solid('MnSO4·H2O(s)', 27, Infinity)],
  },
  Li2SO4: {
    aqueous: 'Li2SO4(aq)',
    points: pts(P, [[0, 36.1], [10, 35.5], [20, 34.8], [30, 34.2], [40, 33.7], [60, 32.6], [80, 31.4], [100, 30.9]]),
    solids: [solid('Li2SO4·H2O(s)', -Infinity, Infinity)],
  },
  Na2SO4: {
    aqueous: 'Na2SO4(aq)',
    points: [
      ...pts(P, [[0, 4.76], [10, 9.0], [20, 19.4], [30, 40.8], [32.4, 49.7], [40, 48.8], [50, 46.7], [60, 45.3], [80, 43.7]]),
      ...pts('REVIEW-NA2SO4', [[100, 42.7]]),
    ],
    solids: [solid('Na2SO4·10H2O(s)', -Infinity, 32.4, 'REVIEW-NA2SO4'), solid('Na2SO4(s)', 32.4, Infinity, 'REVIEW-NA2SO4')],
  },
  Li2CO3: {
    aqueous: 'Li2CO3(aq)',
    points: pts('REFDATA', [[0, 1.54], [10, 1.43], [25, 1.29], [40, 1.08], [100, 0.69]]),
    solids: [solid('Li2CO3(s)', -Infinity, Infinity, 'REFDATA')],
  },
  NaCl: {
    aqueous: 'NaCl(aq)',
    points: pts(P, [[0, 35.7], [20, 35.9], [25, 36.0], [40, 36.4], [60, 37.1], [80, 38.0], [100, 39.2]]),
    solids: [solid('NaCl(s)', -Infinity, Infinity)],
    note: 'the dihydrate below 0.1 °C is not modelled',
  },
  CuSO4: {
    aqueous: 'CuSO4(aq)',
    points: pts(P, [[0, 14.3], [10, 17.4], [20, 20.7], [30, 25.0], [40, 28.5], [50, 33.3], [60, 40.0], [80, 55.0], [100, 75.4]]),
    solids: [solid('CuSO4·5H2O(s)', -Infinity, Infinity)],
  },
  CaSO4: {
    aqueous: 'CaSO4(aq)',
    points: pts(P, [[0, 0.176], [20, 0.203], [25, 0.205], [40, 0.21], [60, 0.204], [100, 0.162]]),
    solids: [solid('CaSO4·2H2O(s)', -Infinity, Infinity)],
    note: 'gypsum; anhydrite is the stable solid above about 42 °C but gypsum persists in practice (metastable)',
  },
};
