/** Built-in species data and the pure functions over them: volumes, pH, enthalpy, solubility. */
export type { SpeciesData } from './types';
export { BUILT_IN } from './table';
export { speciesData } from './lookup';
export { WATER_DENSITY, isWater, streamVolumes, volumeCoefficients } from './volumes';
export type { VolumeCoefficients, VolumePhase } from './volumes';
export { KA2_HSO4, acidBaseCounts, plainHydrogenIon, sulfateHydrogenIon } from './ph';
export type { AcidBaseCounts } from './ph';
export { thermoFunctions } from './enthalpy';
export { solubility, solubilityTable } from './solubility';
