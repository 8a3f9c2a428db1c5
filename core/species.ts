/** The species a flowsheet declares, indexed, with their element vectors and molar masses. */
import { ChemistryError, parseSpeciesId, type SpeciesInfo } from './chemistry';
import { joinPath, type Diagnostic } from './diagnostics';
import type { SpeciesDecl } from './document';
import { speciesData, volumeCoefficients, type SpeciesData, type VolumeCoefficients } from './properties';
import { own } from './records';

export type Species = SpeciesInfo;

export interface SpeciesTable {
  readonly list: readonly Species[];
  readonly index: ReadonlyMap<string, number>;
  /** Elements present in any species, in order of first appearance. */
  readonly elements: readonly string[];
  /** elementMatrix[e * nSpecies + k] = atoms of element e in species k. */
  readonly elementMatrix: Float64Array;
  /** Density, molar volume, Hf and cp of each species: the file's values, else the built-in table's. */
  readonly data: readonly SpeciesData[];
  /** Volume per kmol of each species in its phase (FORMAT.md "Species data"). */
  readonly volumes: VolumeCoefficients;
}

export function buildSpeciesTable(
  decls: Record<string, SpeciesDecl>,
  diagnostics: Diagnostic[],
): SpeciesTable {
  const list: Species[] = [];
  const index = new Map<string, number>();
  for (const [id, decl] of Object.entries(decls)) {
    try {
      const info = parseSpeciesId(id, decl?.formula);
      index.set(id, list.length);
      list.push(info);
    } catch (e) {
      if (!(e instanceof ChemistryError)) throw e;
      diagnostics.push({ path: joinPath('species', id), message: `species "${id}": ${e.message}`, species: id });
    }
  }
  const elements: string[] = [];
  const elementIndex = new Map<string, number>();
  for (const s of list) {
    for (const el of Object.keys(s.elements)) {
      if (!elementIndex.has(el)) {
        elementIndex.set(el, elements.length);
        elements.push(el);
      }
    }
  }
  const n = list.length;
  const elementMatrix = new Float64Array(elements.length * n);
  list.forEach((s, k) => {
    for (const [el, count] of Object.entries(s.elements)) elementMatrix[elementIndex.get(el)! * n + k] = count;
  });
  const data = list.map((s) => speciesData(s, own(decls, s.id) ?? {}));
  return { list, index, elements, elementMatrix, data, volumes: volumeCoefficients(list, data) };
}

/** Species selector of FORMAT.md: a species id, `phase:X`, or `*`. Higher is more specific. */
export function selectorSpecificity(selector: string, species: Species): number {
  if (selector === species.id) return 3;
  if (selector.startsWith('phase:') && selector.slice(6) === species.phase) return 2;
  if (selector === '*') return 1;
  return 0;
}
