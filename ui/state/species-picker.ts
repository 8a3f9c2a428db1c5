/**
 * Declaring species the quick way: a built-in list to pick from (the species of core/properties'
 * table, which carry densities and enthalpies, and every species the shipped plants declare, with
 * their formulas), a phase offered when the id has none, and a pasted list of many
 * ("CoSO4(aq)", "Graphite(s) = C", one per line or separated by commas or semicolons), each
 * checked the way the core reads it.
 */
import type { FlowsheetDoc } from '../../core';
import { checkSpeciesId } from './validate';

export interface CatalogEntry {
  id: string;
  formula?: string;
  /** The shipped plants that declare it. */
  plants: string[];
  /** It has built-in data (density or molar volume, enthalpy). */
  data?: boolean;
}

/** The built-in species and those the shipped plants declare, in alphabetical order. */
export function speciesCatalog(plants: readonly { name: string; doc: FlowsheetDoc }[], builtIn: readonly { id: string; formula?: string }[] = []): CatalogEntry[] {
  const byId = new Map<string, CatalogEntry>();
  for (const b of builtIn) byId.set(b.id, { id: b.id, formula: b.formula, plants: [], data: true });
  for (const p of plants) {
    for (const id of Object.keys(p.doc.species)) {
      const e = byId.get(id) ?? { id, formula: p.doc.species[id]?.formula, plants: [] };
      if (!e.plants.includes(p.name)) e.plants.push(p.name);
      byId.set(id, e);
    }
  }
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}

const PHASES = ['(s)', '(aq)', '(l)', '(g)', '(org)'] as const;

/** Ids with a phase for text typed without one ("CoSO4" → "CoSO4(s)", "CoSO4(aq)", ...). */
export function withPhases(text: string): string[] {
  const t = text.trim();
  if (!t || /\((s|l|g|aq|org)\)$/.test(t)) return [];
  return PHASES.map((p) => `${t}${p}`);
}

export interface PastedSpecies {
  id: string;
  formula?: string;
  problem?: string;
}

/** Reads a pasted list of species; each entry is checked against the plant and the entries before it. */
export function readSpeciesList(text: string, doc: FlowsheetDoc, catalog: readonly CatalogEntry[] = []): PastedSpecies[] {
  const entries = text
    .split(/[\n;]+/)
    .flatMap((line) => (line.includes('=') ? [line] : line.split(/[,\t]+/)))
    .map((e) => e.trim())
    .filter(Boolean);
  const seen = new Set<string>();
  return entries.map((entry) => {
    const [rawId, rawFormula] = entry.split('=').map((x) => x.trim());
    const known = catalog.find((c) => c.id === rawId);
    const formula = rawFormula || known?.formula || undefined;
    const id = rawId;
    const problem = seen.has(id) ? `"${id}" is listed twice` : checkSpeciesId(doc, id, formula);
    seen.add(id);
    return { id, ...(formula ? { formula } : {}), ...(problem ? { problem } : {}) };
  });
}
