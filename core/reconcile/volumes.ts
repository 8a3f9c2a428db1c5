/**
 * Volumes of species in a stream, as FORMAT.md ("Additions / Species data") defines them: the
 * aqueous solution is H2O(l) and the (aq) species, its volume the water's mass over its density
 * (997.05 kg/m³ unless the file gives one) plus Σ n·molarVolume over the (aq) species; an (s),
 * (org) or other (l) species adds mass/density, or n·molarVolume where that is given; gases count in
 * Nm³ (22.414 m³/kmol). A species with neither adds no volume, and reconciliation says which.
 *
 * Reconciliation needs one number per species: the volume (m³) one kmol of it takes in its phase.
 * `VolumeData` is that interface; `plantVolumes` backs it with the plant's species table, whose
 * coefficients come from the file's `density` and `molarVolume` values, else from the built-in
 * property table (core/properties).
 */
import type { CompiledFlowsheet } from '../compile';

export interface VolumeData {
  /** m³ taken by one kmol of species k in its phase's volume; undefined when nothing is known. */
  molarVolume(k: number): number | undefined;
}

/** The plant's volume coefficients (file values first, then core/properties). */
export function plantVolumes(plant: CompiledFlowsheet): VolumeData {
  const { volumes, list } = plant.species;
  const missing = new Set(volumes.missing);
  return { molarVolume: (k) => (missing.has(list[k].id) ? undefined : volumes.perKmol[k]) };
}
