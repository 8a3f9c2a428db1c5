/**
 * Species and units for the exchange-SX tests: D2EHPA (HA = C16H35O4P, A⁻ = C16H34O4P) in a diluent of
 * known density, water at 997.05 kg/m³ and every solute and extractant form at molar volume 0, so
 * that a phase's volume is its water's (or diluent's) mass over its density — exactly 1.000 m³/h
 * for 997.05 kg/h of water and 800 kg/h of diluent at 800 kg/m³.
 */
import { parseSpeciesId } from '../../core/chemistry';
import type { FlowsheetDoc } from '../../core';
import { doc } from '../support/solve';

export const M = (id: string) => parseSpeciesId(id).molarMass;

/** kmol/h of water and of diluent that make 1 m³/h of each phase. */
export const WATER_PER_M3 = 997.05 / M('H2O(l)');
export const DILUENT_PER_M3 = 800 / M('C12H26(org)');

const zero = { molarVolume: 0 };
export const EXCHANGE_SPECIES: FlowsheetDoc['species'] = {
  'H2O(l)': {},
  'MnSO4(aq)': zero,
  'Na2SO4(aq)': zero,
  'NaOH(aq)': zero,
  'H2SO4(aq)': zero,
  'NaA(org)': { formula: 'NaC16H34O4P', ...zero },
  'HA(org)': { formula: 'C16H35O4P', ...zero },
  'MnA2(org)': { formula: 'Mn(C16H34O4P)2', ...zero },
  'Diluent(org)': { formula: 'C12H26', density: 800 },
};

export const SAPONIFIED = 'MnSO4(aq) + 2 NaA(org) -> MnA2(org) + Na2SO4(aq)';

/** Kremser (Treybal §10): fraction of the feed left in the raffinate by N stages at extraction factor E, fresh solvent. */
export const kremserLeft = (E: number, N: number) => (E - 1) / (E ** (N + 1) - 1);

/** A root of f on [lo, hi] by bisection (f(lo) < 0 < f(hi)), to the last bit. */
export function bisect(f: (x: number) => number, lo: number, hi: number): number {
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    if (f(mid) < 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** An `sx` between an aqueous feed `aq` and an organic feed `org`; its raffinate (`r`) and loaded organic (`l`) leave as products. */
export function sxBetweenFeeds(species: FlowsheetDoc['species'], aq: Record<string, number>, org: Record<string, number>, sx: FlowsheetDoc['units'][string]): FlowsheetDoc {
  return doc({
    species,
    units: { aq: { type: 'feed', flows: aq }, org: { type: 'feed', flows: org }, sx, raffinate: { type: 'product' }, loaded: { type: 'product' } },
    streams: {
      a: { from: 'aq.out', to: 'sx.aqIn' },
      o: { from: 'org.out', to: 'sx.orgIn' },
      r: { from: 'sx.aqOut', to: 'raffinate.in' },
      l: { from: 'sx.orgOut', to: 'loaded.in' },
    },
  });
}
