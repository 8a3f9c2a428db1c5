/** What the diagram shows of a stream: the colour of its line, its label. */
import type { StreamResult } from '../../core';
import { formatNumber } from '../../core/format';

/** The phase carrying most of a stream's mass (the colour of its line on the diagram). */
export function dominantPhase(r: StreamResult | undefined): string | undefined {
  if (!r) return undefined;
  let best: string | undefined;
  let max = 0;
  for (const p of Object.keys(r.totals.byPhase)) if (r.totals.byPhase[p] > max) [best, max] = [p, r.totals.byPhase[p]];
  return best;
}

/** A stream's label on the diagram: "s4 · 1,234 kg/h". */
export function streamLabel(id: string, r: StreamResult | undefined, problem: boolean): string {
  return `${id}${r ? ` · ${formatNumber(r.totals.mass)} kg/h` : ''}${problem ? ' ⚠' : ''}`;
}
