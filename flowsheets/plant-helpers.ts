/** Shared by the reference-plant tests: load a shipped flowsheet and solve it in a mode. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { solve, type FlowsheetResults } from '../index';

const read = (name: string) => readFileSync(fileURLToPath(new URL(`./${name}`, import.meta.url)), 'utf8');

export function load(name: string): Record<string, any> {
  return JSON.parse(read(name));
}

export function solveFile(name: string, mode?: string): FlowsheetResults {
  return solve(read(name), { mode });
}

/** Largest |out − in|/in over the elements. */
export function worstImbalance(r: FlowsheetResults): number {
  let worst = 0;
  for (const { in: a, out: b } of Object.values(r.elements)) worst = Math.max(worst, Math.abs(b - a) / a);
  return worst;
}

/** kg/h of a species leaving through a product unit (all its inlet streams). */
export function productSpecies(r: FlowsheetResults, product: string, species: string): number {
  return r.grade[product].species[species] * r.grade[product].massFlow || 0;
}

/** kg/h (every phase) of the streams that leave unit `feed`. */
export function feedMass(r: FlowsheetResults, feed: string): number {
  return Object.values(r.streams)
    .filter((s) => s.from === `${feed}.out`)
    .reduce((a, s) => a + s.totals.mass, 0);
}

/** Every number in a flowsheet needs its source beside it: each unit and feed has notes. */
export function unitsWithoutNotes(doc: Record<string, any>): string[] {
  return Object.entries(doc.units as Record<string, { notes?: unknown }>)
    .filter(([, u]) => !u.notes || (Array.isArray(u.notes) && u.notes.length === 0))
    .map(([id]) => id);
}

/** HDD magnet scrap, Belfqueh et al. 2023 (REFERENCE-DATA §3.1), kg/h in 1 t/h of scrap. */
export const MAGNET_FEED = { Nd: 228, Pr: 33, Dy: 12, Fe: 626, B: 9, Co: 15, Ni: 6 };

/** Mass fraction of RE oxides (Nd2O3 + Pr6O11 + Dy2O3) in a product. */
export function oxidePurity(r: FlowsheetResults, product: string): number {
  const sp = r.grade[product].species;
  return (sp['Nd2O3(s)'] ?? 0) + (sp['Pr6O11(s)'] ?? 0) + (sp['Dy2O3(s)'] ?? 0);
}

/** Fraction of the Nd + Pr + Dy fed (by mass) that leaves through a product. */
export function reRecovery(r: FlowsheetResults, product: string): number {
  const rec = r.recovery[product];
  const f = MAGNET_FEED;
  return (rec.Nd * f.Nd + rec.Pr * f.Pr + rec.Dy * f.Dy) / (f.Nd + f.Pr + f.Dy);
}
