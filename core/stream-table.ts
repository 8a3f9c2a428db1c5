/**
 * The streams of a solved plant as tables: kg/h and kmol/h per species, totals per phase, °C, and
 * the liquor's volumes, g/L, % solids and pH (core/properties).
 */
import type { CompiledFlowsheet } from './compile';
import { acidBaseCounts, plainHydrogenIon, streamVolumes, sulfateHydrogenIon, type AcidBaseCounts } from './properties';
import { dict } from './records';
import type { StreamResult } from './results';
import type { Species, SpeciesTable } from './species';

/** Every stream by id, and the species that flow without a density or molar volume. */
export function streamTable(plant: CompiledFlowsheet, x: Float64Array, energyKnown: boolean): { streams: Record<string, StreamResult>; volumeMissing: Set<string> } {
  const S = plant.species.list.length;
  const streams = dict<StreamResult>();
  const liquor = liquorModel(plant.species);
  const volumeMissing = new Set<string>();
  for (const [index, s] of plant.streams.entries()) {
    const flows = x.subarray(s.offset, s.offset + S);
    streams[s.id] = {
      from: `${plant.units[s.fromUnit].id}.${s.fromPort}`,
      to: `${plant.units[s.toUnit].id}.${s.toPort}`,
      ...speciesFlows(plant.species.list, flows),
      ...(energyKnown ? { T: x[plant.temperatureOffset + index] - 273.15 } : {}),
      ...liquor(flows, volumeMissing),
    };
  }
  return { streams, volumeMissing };
}

/** kg/h and kmol/h of each species that flows, and the totals (kg/h per phase). */
function speciesFlows(list: readonly Species[], flows: Float64Array): Pick<StreamResult, 'massFlow' | 'molarFlow' | 'totals'> {
  const massFlow = dict<number>();
  const molarFlow = dict<number>();
  const byPhase = dict<number>();
  let mass = 0;
  let molar = 0;
  for (let k = 0; k < list.length; k++) {
    const n = flows[k];
    if (!(n > 0)) continue;
    const m = n * list[k].molarMass;
    molarFlow[list[k].id] = n;
    massFlow[list[k].id] = m;
    byPhase[list[k].phase] = (byPhase[list[k].phase] ?? 0) + m;
    mass += m;
    molar += n;
  }
  return { massFlow, molarFlow, totals: { mass, molar, byPhase } };
}

/** Volumes, g/L, % solids and pH of one stream's flows (core/properties). */
function liquorModel(species: SpeciesTable) {
  const hasIon = species.list.some((s) => s.phase === 'aq' && s.formula === 'H[+]');
  const acid: AcidBaseCounts | undefined = hasIon ? undefined : acidBaseCounts(species.list);
  const acidic = acid ? (flows: ArrayLike<number>) => acid.protons.some((p, k) => p > 0 && acid.sulfate[k] > 0 && flows[k] > 0) : () => false;
  return (flows: Float64Array, missing: Set<string>): Partial<StreamResult> => {
    const v = streamVolumes(species.volumes, species.list, flows);
    for (const id of v.volumeMissing) missing.add(id);
    const ion = hasIon ? plainHydrogenIon(species.volumes, species.list, flows) : acid && acidic(flows) ? sulfateHydrogenIon(species.volumes, acid, flows) : undefined;
    return { volumeFlow: v.volumeFlow, concentration: v.concentration, solidsFraction: v.solidsFraction, ...(ion ? { pH: ion.pH } : {}) };
  };
}
