/**
 * Recovery, grade and the element balance, for display. The core's recovery is the fraction of
 * an element in the feeds (FORMAT.md): where reagents bring the element in too (O from acid, Cl
 * from HCl), that fraction can exceed 100 % and says nothing true. For those elements the table
 * shows recovery against feeds plus reagents instead, and says so in the header and every cell;
 * the balance shows what the feeds and what the reagents bring. Products are named by their labels.
 */
import type { FlowsheetResults, UnitDecl } from '../../core';
import { ATOMIC_WEIGHTS, type SpeciesInfo } from '../../core/chemistry';
import { formatNumber, formatPercent } from '../../core/format';
import { unitLabel } from './doc';
import type { Drain } from './drains';
import { own } from './own';

/** Reagents bring at least this share of an element in: recoveries of it are counted against feeds + reagents. */
const REAGENT_SHARE = 1e-9;

type RecoveryBasis = 'feeds' | 'feeds+reagents';

export interface ElementBalance {
  element: string;
  feeds: number;
  reagents: number;
  products: number;
  basis: RecoveryBasis;
}

/** kg/h of an element in `kg` kg/h of a species. */
export function elementMassOf(species: SpeciesInfo | undefined, kg: number, element: string): number {
  if (!species || !species.elements[element]) return 0;
  return (kg / species.molarMass) * species.elements[element] * (ATOMIC_WEIGHTS[element] ?? 0);
}

/** kg/h of each element brought by the feeds, by the reagents, and leaving through products. */
export function elementBalance(results: FlowsheetResults, species: ReadonlyMap<string, SpeciesInfo>): ElementBalance[] {
  const fromReagents = new Map<string, number>();
  for (const unit of Object.keys(results.reagents)) {
    const doses = results.reagents[unit];
    for (const sp of Object.keys(doses)) {
      const info = species.get(sp);
      for (const el of Object.keys(info?.elements ?? {})) fromReagents.set(el, (fromReagents.get(el) ?? 0) + elementMassOf(info, doses[sp], el));
    }
  }
  return Object.keys(results.elements).map((element) => {
    const { in: total, out } = results.elements[element];
    const reagents = Math.min(total, fromReagents.get(element) ?? 0);
    return { element, feeds: total - reagents, reagents, products: out, basis: reagents > REAGENT_SHARE * total ? 'feeds+reagents' : 'feeds' };
  });
}

interface RecoveryCell {
  text: string;
  value: number | undefined;
  basis: RecoveryBasis;
}

export interface RecoveryTableRow {
  product: string;
  label: string;
  /** A temporary product standing for an open outlet. */
  temporary: boolean;
  massFlow: string;
  recovery: RecoveryCell[];
  grade: string[];
  /** Changes when (and only when) what the row shows changes. */
  key: string;
}

export interface RecoveryTableView {
  elements: string[];
  bases: RecoveryBasis[];
  /** For each element counted against feeds + reagents: the share the reagents bring, as text. */
  notes: string[];
  rows: RecoveryTableRow[];
  balance: { element: string; feeds: string; reagents: string; products: string; closure: string; basis: RecoveryBasis }[];
}

export function recoveryTable(
  results: FlowsheetResults,
  species: ReadonlyMap<string, SpeciesInfo>,
  units: Readonly<Record<string, UnitDecl>>,
  drains: readonly Drain[] = [],
): RecoveryTableView {
  const balance = elementBalance(results, species);
  const byEl = new Map(balance.map((b) => [b.element, b]));
  // The elements the feeds bring first (most first), those reagents bring in too after them.
  const elements = Object.keys(results.elements)
    .filter((el) => Object.values(results.grade).some((g) => (g.elements[el] ?? 0) > 0))
    .sort((a, b) => {
      const x = byEl.get(a)!;
      const y = byEl.get(b)!;
      return Number(x.basis !== 'feeds') - Number(y.basis !== 'feeds') || y.feeds - x.feeds;
    });
  const bases = elements.map((el) => byEl.get(el)!.basis);
  const notes = elements.map((el) => {
    const b = byEl.get(el)!;
    const total = b.feeds + b.reagents;
    return b.basis === 'feeds' ? '' : `${el}: reagents bring ${formatPercent(total > 0 ? b.reagents / total : 0)} of the ${el} in, so its recovery is of feeds + reagents`;
  });
  const temp = new Map(drains.map((d) => [d.temp, d]));
  const head = `${elements.join(',')}|${bases.join(',')}`;
  const rows = Object.keys(results.grade).map((product) => {
    const g = results.grade[product];
    const drain = temp.get(product);
    const unit = own(units, product);
    const label = drain ? `open outlet ${drain.unit}.${drain.port} (temporary)` : unit ? unitLabel(product, unit) : product;
    const recovery: RecoveryCell[] = elements.map((el, i) => {
      const b = byEl.get(el)!;
      const m = (g.elements[el] ?? 0) * g.massFlow;
      const denominator = bases[i] === 'feeds' ? b.feeds : b.feeds + b.reagents;
      const value = m > 0 && denominator > 0 ? m / denominator : m > 0 ? undefined : 0;
      return { value, basis: bases[i], text: value === undefined ? '' : value === 0 ? '' : formatPercent(value) };
    });
    const grade = elements.map((el) => (g.elements[el] ? formatPercent(g.elements[el]) : ''));
    const massFlow = formatNumber(g.massFlow);
    return { product, label, temporary: !!drain, massFlow, recovery, grade, key: `${head}|${product}|${label}|${massFlow}|${recovery.map((c) => c.text).join('|')}|${grade.join('|')}` };
  });
  return {
    elements,
    bases,
    notes,
    rows,
    balance: balance.map((b) => ({
      element: b.element,
      feeds: formatNumber(b.feeds),
      reagents: b.reagents > 0 ? formatNumber(b.reagents) : '',
      products: formatNumber(b.products),
      closure: formatNumber(b.products - b.feeds - b.reagents, 2),
      basis: b.basis,
    })),
  };
}

export interface SpecificationRow {
  product: string;
  label: string;
  name: string;
  met: boolean;
  /** Each limit as read: "Li2CO3(s) 99.62 % ≥ 99.5 %". */
  limits: { text: string; met: boolean }[];
}

/** Each product's grade against its specification, for display; products by their labels. */
export function specificationRows(results: FlowsheetResults, units: Readonly<Record<string, UnitDecl>>): SpecificationRow[] {
  return Object.entries(results.specifications ?? {}).map(([product, s]) => {
    const unit = own(units, product);
    return {
    product,
    label: unit ? unitLabel(product, unit) : product,
    name: s.basis === 'dry' ? `${s.name} (dry basis)` : s.name,
    met: s.met,
    limits: s.checks.map((c) => ({ text: `${c.of} ${formatPercent(c.value)} ${c.bound === 'min' ? '≥' : '≤'} ${formatPercent(c.limit)}`, met: c.met })),
    };
  });
}
