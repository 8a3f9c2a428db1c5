/**
 * Stream volumes per FORMAT.md (Additions, Species data). Every volume is linear in the molar
 * flows: V_phase = Σ a_k·n_k, with a_k in m³ per kmol. The aqueous solution is H2O(l) plus all
 * (aq) species; water is never counted under `l`; gases are counted in Nm³.
 */
import type { SpeciesInfo } from '../chemistry';
import type { SpeciesData } from './types';

export type VolumePhase = 'aq' | 'org' | 's' | 'l' | 'g';
const VOLUME_PHASES: readonly VolumePhase[] = ['aq', 'org', 's', 'l', 'g'];

/** m³/kmol of an ideal gas at 0 °C and 101.325 kPa. */
const NORMAL_MOLAR_VOLUME = 22.414;
/** kg/m³, water at 25 °C (FORMAT.md). */
export const WATER_DENSITY = 997.05;

export interface VolumeCoefficients {
  /** The volume bucket of species k. */
  readonly phase: readonly VolumePhase[];
  /** a_k: m³ (Nm³ for gases) per kmol of species k in its bucket; 0 where it has no data. */
  readonly perKmol: Float64Array;
  /** Ids of the species with neither a density nor a molar volume. */
  readonly missing: readonly string[];
}

export const isWater = (s: SpeciesInfo): boolean =>
  s.phase === 'l' && s.charge === 0 && s.elements.H === 2 && s.elements.O === 1 && Object.keys(s.elements).length === 2;

/** a_k for one species, or undefined when it has no density or molar volume. */
function coefficient(s: SpeciesInfo, d: SpeciesData): number | undefined {
  if (s.phase === 'g') return NORMAL_MOLAR_VOLUME;
  if (isWater(s)) return s.molarMass / (d.density && d.density > 0 ? d.density : WATER_DENSITY);
  if (s.phase === 'aq') return d.molarVolume;
  if (d.density !== undefined && d.density > 0) return s.molarMass / d.density;
  return d.molarVolume;
}

export function volumeCoefficients(species: readonly SpeciesInfo[], data: readonly SpeciesData[]): VolumeCoefficients {
  const perKmol = new Float64Array(species.length);
  const missing: string[] = [];
  const phase = species.map((s, k) => {
    const a = coefficient(s, data[k]!);
    if (a === undefined) missing.push(s.id);
    perKmol[k] = a ?? 0;
    return isWater(s) ? 'aq' : s.phase;
  });
  return { phase, perKmol, missing };
}

/** Σ a_k·n_k over one bucket. */
export function phaseVolume(c: VolumeCoefficients, flows: ArrayLike<number>, phase: VolumePhase): number {
  let v = 0;
  for (let k = 0; k < c.phase.length; k++) if (c.phase[k] === phase) v += c.perKmol[k]! * flows[k]!;
  return v;
}

/** ∂V_phase/∂n_k = a_k for the bucket's species, 0 for the others. */
export function phaseVolumeGradient(c: VolumeCoefficients, phase: VolumePhase): Float64Array {
  const g = new Float64Array(c.phase.length);
  for (let k = 0; k < c.phase.length; k++) if (c.phase[k] === phase) g[k] = c.perKmol[k]!;
  return g;
}

export interface StreamVolumes {
  /** m³/h per bucket; gases in Nm³/h. */
  volumeFlow: Record<VolumePhase, number>;
  /** kg per m³ of aqueous solution (g/L) of each (aq) species with flow. */
  concentration: Record<string, number>;
  /** Mass fraction of the (s) species in the whole stream. */
  solidsFraction: number;
  /** Volume fraction of the (s) species in the condensed stream (s + aq + org + l). */
  solidsVolumeFraction: number;
  /** kg/m³ of the condensed stream (pulp or liquor density); gases left out. */
  pulpDensity: number;
  /** Species that flow but have no density or molar volume. */
  volumeMissing: string[];
}

/** Volumes, concentrations and % solids of a stream with molar flows n (kmol/h). */
export function streamVolumes(c: VolumeCoefficients, species: readonly SpeciesInfo[], flows: ArrayLike<number>): StreamVolumes {
  const volumeFlow = { aq: 0, org: 0, s: 0, l: 0, g: 0 } as Record<VolumePhase, number>;
  for (const p of VOLUME_PHASES) volumeFlow[p] = phaseVolume(c, flows, p);
  let mass = 0;
  let solids = 0;
  let condensedMass = 0;
  const concentration: Record<string, number> = {};
  species.forEach((s, k) => {
    const m = flows[k]! * s.molarMass;
    mass += m;
    if (s.phase === 's') solids += m;
    if (s.phase !== 'g') condensedMass += m;
    if (s.phase === 'aq' && flows[k]! > 0 && volumeFlow.aq > 0) concentration[s.id] = m / volumeFlow.aq;
  });
  const condensedVolume = volumeFlow.aq + volumeFlow.org + volumeFlow.s + volumeFlow.l;
  const flowing = new Set(species.filter((_, k) => flows[k]! > 0).map((s) => s.id));
  return {
    volumeFlow,
    concentration,
    solidsFraction: mass > 0 ? solids / mass : 0,
    solidsVolumeFraction: condensedVolume > 0 ? volumeFlow.s / condensedVolume : 0,
    pulpDensity: condensedVolume > 0 ? condensedMass / condensedVolume : 0,
    volumeMissing: c.missing.filter((id) => flowing.has(id)),
  };
}

/**
 * ∂c_i/∂n_j of c_i = M_i·n_i / V_aq (kg/m³ per kmol/h): (M_i·δ_ij − c_i·a_j)/V_aq. The engine
 * writes a concentration specification c_i = target as the linear row M_i·n_i − target·V_aq = 0,
 * or uses this gradient in Newton.
 */
export function concentrationGradient(
  c: VolumeCoefficients,
  species: readonly SpeciesInfo[],
  flows: ArrayLike<number>,
  i: number,
): Float64Array {
  const vAq = phaseVolume(c, flows, 'aq');
  const g = phaseVolumeGradient(c, 'aq');
  const ci = (species[i]!.molarMass * flows[i]!) / vAq;
  for (let j = 0; j < g.length; j++) g[j] = (-ci * g[j]!) / vAq;
  g[i] = g[i]! + species[i]!.molarMass / vAq;
  return g;
}
