/** Species selectors of FORMAT.md: a species id, `phase:X`, or `*`; the most specific one wins. */
import { PHASES } from '../core/chemistry';
import { selectorSpecificity } from '../core/species';
import type { CompileContext, Phase } from '../core/unit-type';

/** Checks every selector of a {selector: value} map; false after recording errors. */
export function checkSelectors(map: Record<string, number>, ctx: CompileContext, path: string): boolean {
  let ok = true;
  for (const selector of Object.keys(map)) {
    const at = `${path}[${JSON.stringify(selector)}]`;
    if (selector === '*') continue;
    if (selector.startsWith('phase:')) {
      if (!PHASES.includes(selector.slice(6) as Phase)) {
        ctx.error(at, `"${selector}" is not a phase selector (phase:s, phase:l, phase:g, phase:aq, phase:org)`);
        ok = false;
      }
    } else if (ctx.speciesIndex(selector, at) === undefined) ok = false;
  }
  return ok;
}

/** The value of the most specific selector that matches species k, or `fallback`. */
export function selectValue(map: Record<string, number>, ctx: CompileContext, k: number, fallback = 0): number {
  const species = ctx.species.list[k];
  let best = 0;
  let value = fallback;
  for (const [selector, v] of Object.entries(map)) {
    const s = selectorSpecificity(selector, species);
    if (s > best) {
      best = s;
      value = v;
    }
  }
  return value;
}
