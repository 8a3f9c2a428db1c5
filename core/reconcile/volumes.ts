/**
 * Volumes of species in a stream, as FORMAT.md ("Additions / Species data") defines them: the
 * aqueous solution is H2O(l) and the (aq) species, its volume the water's mass over its density
 * (997.05 kg/m³ unless the file gives one) plus Σ n·molarVolume over the (aq) species; an (s),
 * (org) or other (l) species adds mass/density, or n·molarVolume where that is given; gases count in
 * Nm³ (22.414 m³/kmol). A species with neither adds no volume, and reconciliation says which.
 *
 * Reconciliation needs only one number per species: the volume (m³) one kmol of it takes in its
 * phase. `VolumeData` is that interface; `fileVolumes` backs it with the file's `density` and
 * `molarVolume` values, and a built-in property table (core/properties) can back it as well, with
 * the file's values winning.
 */
import type { CompiledFlowsheet } from '../compile';
import { WATER_DENSITY } from './units';

export interface VolumeData {
  /** m³ taken by one kmol of species k in its phase's volume; undefined when nothing is known. */
  molarVolume(k: number): number | undefined;
}

/** Normal molar volume of an ideal gas, m³/kmol at 0 °C and 101.325 kPa. */
export const GAS_MOLAR_VOLUME = 22.414;

const positive = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined);

/**
 * Volumes from the flowsheet's species data (`density` kg/m³, `molarVolume` m³/kmol), then from
 * `builtIn` (a property table), water at 997.05 kg/m³ and gases at 22.414 m³/kmol.
 */
export function fileVolumes(plant: CompiledFlowsheet, builtIn?: VolumeData): VolumeData {
  const decls = plant.doc.species as Readonly<Record<string, unknown>>;
  const table = plant.species.list.map((sp, k) => {
    const decl = Object.hasOwn(decls, sp.id) ? (decls[sp.id] as { density?: unknown; molarVolume?: unknown } | null) : undefined;
    const molarVolume = positive(decl?.molarVolume);
    if (molarVolume !== undefined) return molarVolume;
    const density = positive(decl?.density);
    if (density !== undefined) return sp.molarMass / density;
    const known = builtIn?.molarVolume(k);
    if (known !== undefined) return known;
    if (sp.phase === 'g') return GAS_MOLAR_VOLUME;
    if (sp.formula === 'H2O' && sp.phase === 'l') return sp.molarMass / WATER_DENSITY;
    return undefined;
  });
  return { molarVolume: (k) => table[k] };
}
