/** Built-in species data and the pure functions over them: volumes, pH, enthalpy, solubility. */
export type { Cp, Flag, Origin, ShomateRange, Source, Sourced, SpeciesData, SpeciesDataDecl, SpeciesEntry } from './types';
export { SOURCES, sourceOf } from './sources';
export { BUILT_IN, findEntry, normaliseId, compositionKey } from './table';
export type { SpeciesTableIndex } from './table';
export { speciesData } from './lookup';
export {
  NORMAL_MOLAR_VOLUME,
  VOLUME_PHASES,
  WATER_DENSITY,
  concentrationGradient,
  isWater,
  phaseVolume,
  phaseVolumeGradient,
  streamVolumes,
  volumeCoefficients,
} from './volumes';
export type { StreamVolumes, VolumeCoefficients, VolumePhase } from './volumes';
export { KA2_HSO4, KW, PKA2_HSO4, acidBaseCounts, plainHydrogenIon, solveProtonBalance, sulfateHydrogenIon } from './ph';
export type { AcidBaseCounts, HydrogenIon } from './ph';
export { T_REF, celsius, cpAt, enthalpy, enthalpyDerivative, integrateCp, reactionEnthalpy, thermoFunctions } from './enthalpy';
export type { ReactionTerm, ThermoData } from './enthalpy';
export { equationEnthalpy } from './reaction-heat';
export { solubility, solubilityTable, stableSolid, waterOfCrystallisation } from './solubility';
export type { Solubility } from './solubility';
export { SOLUBILITY } from './data/solubility';
export type { SolubilityPoint, SolubilityTable, StableSolid } from './data/solubility';
