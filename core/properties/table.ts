/**
 * The built-in species table and its index. An entry is found by its id, by one of its
 * aliases, by the id with the hydrate separator normalised ("CoSO4*7H2O(s)" → "CoSO4·7H2O(s)"),
 * or by element vector, charge and phase (so "NaA(org)" with formula NaC16H34O4P finds the
 * sodium-loaded D2EHPA, and "Graphite(s)" with formula C finds graphite).
 */
import { parseSpeciesId, type SpeciesInfo } from '../chemistry';
import { AQUEOUS } from './data/aqueous';
import { FLUIDS } from './data/fluids';
import { LEGACY_ORGANIC_SALTS, ORGANICS } from './data/organics';
import { SOLIDS_B } from './data/salts';
import { SOLIDS_A } from './data/solids';
import type { SpeciesEntry } from './types';

/** "CoSO4*7H2O(s)" and "CoSO4·7H2O(s)" name one species. */
export function normaliseId(id: string): string {
  return id.replace(/\*/g, '·').replace(/\s+/g, '');
}

/** Element vector, charge and phase as one string: "C16H34NaO4P|0|org". */
export function compositionKey(info: Pick<SpeciesInfo, 'elements' | 'charge' | 'phase'>): string {
  const parts = Object.keys(info.elements)
    .filter((el) => info.elements[el] !== 0)
    .sort()
    .map((el) => `${el}${Number(info.elements[el]!.toFixed(6))}`);
  return `${parts.join('')}|${info.charge}|${info.phase}`;
}

function legacyOrganic(aqueous: ReadonlyMap<string, SpeciesEntry>): SpeciesEntry[] {
  const out: SpeciesEntry[] = [];
  for (const formula of LEGACY_ORGANIC_SALTS) {
    const aq = aqueous.get(`${formula}(aq)`);
    if (!aq) continue;
    const note = `as ${aq.id}`;
    const copy = <T>(s: { value: T } | undefined) => (s ? { value: s.value, src: 'EST-LEGACY-ORG', note } : undefined);
    out.push({ id: `${formula}(org)`, molarVolume: copy(aq.molarVolume), Hf: copy(aq.Hf), cp: copy(aq.cp) });
  }
  return out;
}

function allEntries(): SpeciesEntry[] {
  const aqueous = new Map(AQUEOUS.map((e) => [e.id, e]));
  return [...SOLIDS_A, ...SOLIDS_B, ...AQUEOUS, ...FLUIDS, ...ORGANICS, ...legacyOrganic(aqueous)];
}

export interface SpeciesTableIndex {
  readonly entries: readonly SpeciesEntry[];
  readonly byId: ReadonlyMap<string, SpeciesEntry>;
  /** Composition key → entry; keys shared by two entries map to undefined (ambiguous). */
  readonly byComposition: ReadonlyMap<string, SpeciesEntry | undefined>;
}

function buildIndex(entries: readonly SpeciesEntry[]): SpeciesTableIndex {
  const byId = new Map<string, SpeciesEntry>();
  const byComposition = new Map<string, SpeciesEntry | undefined>();
  for (const e of entries) {
    for (const id of [e.id, ...(e.aliases ?? [])]) byId.set(normaliseId(id), e);
    const key = compositionKey(parseSpeciesId(e.id, e.formula));
    byComposition.set(key, byComposition.has(key) ? undefined : e);
  }
  return { entries, byId, byComposition };
}

export const BUILT_IN: SpeciesTableIndex = buildIndex(allEntries());

/** The built-in entry for a species: by id, alias, normalised id, then composition. */
export function findEntry(info: SpeciesInfo, table: SpeciesTableIndex = BUILT_IN): SpeciesEntry | undefined {
  return table.byId.get(normaliseId(info.id)) ?? table.byComposition.get(compositionKey(info));
}
