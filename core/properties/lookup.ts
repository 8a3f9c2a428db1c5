/** speciesData: the density, molar volume, ΔfH° and Cp of one species, a file's value first. */
import type { SpeciesInfo } from '../chemistry';
import { BUILT_IN, findEntry, type SpeciesTableIndex } from './table';
import type { Cp, Origin, Sourced, SpeciesData, SpeciesDataDecl } from './types';

function pick<T>(fromFile: T | undefined, builtIn: Sourced<T> | undefined): [T | undefined, Origin] {
  if (fromFile !== undefined) return [fromFile, 'file'];
  if (builtIn !== undefined) return [builtIn.value, builtIn.src];
  return [undefined, 'missing'];
}

/**
 * Resolves a species' data. A value the file gives always wins. For volume, a file that gives
 * either a density or a molar volume overrides both built-in values (the file has said how this
 * species takes up volume).
 */
export function speciesData(
  info: SpeciesInfo,
  decl: SpeciesDataDecl = {},
  table: SpeciesTableIndex = BUILT_IN,
): SpeciesData {
  const e = findEntry(info, table);
  const fileVolume = decl.density !== undefined || decl.molarVolume !== undefined;
  const [density, dOrigin] = pick(decl.density, fileVolume ? undefined : e?.density);
  const [molarVolume, vOrigin] = pick(decl.molarVolume, fileVolume ? undefined : e?.molarVolume);
  const [Hf, hOrigin] = pick(decl.Hf, e?.Hf);
  const [cp, cOrigin] = pick<Cp>(decl.cp, e?.cp);
  const data: SpeciesData = {
    id: info.id,
    origin: { density: dOrigin, molarVolume: vOrigin, Hf: hOrigin, cp: cOrigin },
  };
  if (e) data.entry = e.id;
  if (density !== undefined) data.density = density;
  if (molarVolume !== undefined) data.molarVolume = molarVolume;
  if (Hf !== undefined) data.Hf = Hf;
  if (cp !== undefined) data.cp = cp;
  return data;
}
