/**
 * A study for a file that has none: every price written as a number in the product and feed
 * valuations (per kg, per species, per payable element) varied ±20 % (relative, uniform), with the
 * margin of every mode as metrics — the editor's "quick price study".
 */
import type { FlowsheetDoc } from '../../document';
import { formatPath, type Segment } from '../../params';
import { economicsOf, modeNames } from '../margin';
import type { StudyDecl } from './spec';

const isObject = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);

/** Paths of the numbers that are prices in a valuation (a bare number, {value}, perKg, species, payable price). */
function pricePaths(v: unknown, base: Segment[]): Segment[][] {
  if (typeof v === 'number') return [base];
  if (!isObject(v)) return [];
  if (typeof v.value === 'number') return [[...base, 'value']];
  const out: Segment[][] = [];
  if (v.perKg !== undefined) out.push(...pricePaths(v.perKg, [...base, 'perKg']));
  if (isObject(v.species)) for (const [sp, p] of Object.entries(v.species)) out.push(...pricePaths(p, [...base, 'species', sp]));
  if (isObject(v.payable)) for (const [el, p] of Object.entries(v.payable)) if (isObject(p)) out.push(...pricePaths(p.price, [...base, 'payable', el, 'price']));
  return out;
}

export function quickPriceStudy(doc: FlowsheetDoc, samples = 2000): StudyDecl {
  const prices = economicsOf(doc).prices ?? {};
  const parameters: StudyDecl['parameters'] = {};
  for (const kind of ['products', 'feeds'] as const) {
    for (const [unit, v] of Object.entries(prices[kind] ?? {})) {
      for (const path of pricePaths(v, ['economics', 'prices', kind, unit])) {
        const name = `${kind === 'feeds' ? 'feed ' : ''}${formatPath(path.slice(3)).replace(/\.value$/, '')}`;
        parameters[name] = { path: formatPath(path), distribution: { uniform: [0.8, 1.2] }, relative: true };
      }
    }
  }
  const metrics = Object.fromEntries(modeNames(doc).map((m) => [`${m} margin, per h`, formatPath(['modes', m, 'margin'])]));
  return { description: 'Every product and feed price ±20 % (uniform, relative)', method: 'monte-carlo', samples, seed: 1, parameters, metrics };
}
