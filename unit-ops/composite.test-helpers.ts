/** Helpers for the composite unit tests, on top of tests/support/solve.ts: read flows and doses in kmol/h. */
import { molar, solveDoc } from '../tests/support/solve';

export function run(doc: unknown) {
  const { solution, results: r } = solveDoc(doc);
  const { list, index } = solution.plant.species;
  return {
    r,
    /** kmol/h of a species in a stream, 0 when absent. */
    n: (stream: string, species: string) => molar(r, stream, species),
    /** kmol/h of a reagent dosed in a unit (the results give kg/h; divided by the species' molar mass). */
    dose: (unit: string, species: string) => (r.reagents[unit]?.[species] ?? 0) / list[index.get(species)!].molarMass,
  };
}

/** Largest relative element imbalance, feeds + reagents vs products. */
export function worstImbalance(r: ReturnType<typeof run>['r']): number {
  let worst = 0;
  for (const { in: a, out: b } of Object.values(r.elements)) worst = Math.max(worst, Math.abs(b - a) / Math.max(a, 1e-300));
  return worst;
}
