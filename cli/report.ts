/**
 * `flexsheet report`: the plant's key figures per product and per tonne of feed, computed from
 * solved results by a pure function (no core or unit-op imports beyond types).
 *
 * The feed basis is the solid feedstock: the solid-phase mass of every stream that leaves a source
 * unit (black mass, magnet scrap). Water, solutions and organic make-up fed by source units are
 * listed as other inputs, per tonne of that feedstock too. When no source stream carries solids,
 * the basis is the total mass of every source stream.
 */
import { textTable } from '../core/format';
import type { FlowsheetResults, SpecificationResult } from '../core';
import { specificationLines } from './solve-report';
import { num, pct } from './table';

interface ReportProduct {
  id: string;
  /** kg/h leaving through this product. */
  massFlow: number;
  /** kg per tonne of feedstock. */
  perTonne: number;
  /** Fraction of each element of the feedstock (H and O aside) that leaves here. */
  recovery: Record<string, number>;
  /** Mass fraction of each element in the product. */
  elementGrade: Record<string, number>;
  /** Mass fraction of each species in the product, largest first. */
  speciesGrade: Array<{ species: string; fraction: number }>;
}

export interface PlantReport {
  name: string;
  mode?: string;
  /** kg/h of feedstock that the per-tonne figures refer to, and what it is. */
  basis: { massFlow: number; what: 'solid feed' | 'total feed'; sources: string[] };
  /** Other inputs from source units (water, solutions, organic make-up): kg/h and kg/t. */
  inputs: Array<{ source: string; massFlow: number; perTonne: number; feedstock: number }>;
  /** Reagents dosed: per unit and species, kg/h and kg/t. */
  reagents: Array<{ unit: string; species: string; massFlow: number; perTonne: number }>;
  /** Reagents summed over units, per species. */
  reagentTotals: Array<{ species: string; massFlow: number; perTonne: number }>;
  products: ReportProduct[];
  /** Each product's grade against the specification it declares. */
  specifications?: Record<string, SpecificationResult>;
  /** Largest |out − in| / in over the elements. */
  worstImbalance: number;
}

export interface ReportContext {
  /** Ids of the units whose outlets bring material into the plant (units of a source type, e.g. `feed`). */
  sources: readonly string[];
  /** Element counts of every species id, e.g. {"Li2CO3(s)": {Li: 2, C: 1, O: 3}}. */
  speciesElements: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/** Elements whose recovery means nothing: they come in mostly with water, air and reagents. */
const CARRIER_ELEMENTS = new Set(['H', 'O']);

/**
 * Builds the report. Recoveries are those of the results (fraction of the element in all feeds),
 * listed for the elements of the feedstock streams (source streams that carry solids, or every
 * source stream when none does) except H and O.
 */
export function buildReport(r: FlowsheetResults, ctx: ReportContext): PlantReport {
  const sourceSet = new Set(ctx.sources);
  const sourceStreams = Object.values(r.streams).filter((s) => sourceSet.has(s.from.slice(0, s.from.lastIndexOf('.'))));
  const bySource = new Map<string, { total: number; solid: number }>();
  for (const s of sourceStreams) {
    const unit = s.from.slice(0, s.from.lastIndexOf('.'));
    const acc = bySource.get(unit) ?? { total: 0, solid: 0 };
    acc.total += s.totals.mass;
    acc.solid += s.totals.byPhase.s ?? 0;
    bySource.set(unit, acc);
  }
  const solid = [...bySource.values()].reduce((a, b) => a + b.solid, 0);
  const total = [...bySource.values()].reduce((a, b) => a + b.total, 0);
  const what = solid > 0 ? ('solid feed' as const) : ('total feed' as const);
  const basisMass = solid > 0 ? solid : total;
  const perTonne = (kgPerHour: number) => (basisMass > 0 ? (kgPerHour / basisMass) * 1000 : 0);

  const inputs = [...bySource.entries()].map(([source, m]) => {
    const feedstock = what === 'solid feed' ? m.solid : m.total;
    return { source, massFlow: m.total, perTonne: perTonne(m.total), feedstock };
  });

  const reagents: PlantReport['reagents'] = [];
  const totals = new Map<string, number>();
  for (const [unit, doses] of Object.entries(r.reagents)) {
    for (const [species, m] of Object.entries(doses)) {
      reagents.push({ unit, species, massFlow: m, perTonne: perTonne(m) });
      totals.set(species, (totals.get(species) ?? 0) + m);
    }
  }
  const reagentTotals = [...totals.entries()].map(([species, m]) => ({ species, massFlow: m, perTonne: perTonne(m) }));

  const feedstockElements = new Set<string>();
  for (const s of sourceStreams) {
    const stock = what === 'total feed' || (s.totals.byPhase.s ?? 0) > 0;
    if (!stock) continue;
    for (const [species, m] of Object.entries(s.massFlow)) {
      if (m <= 0) continue;
      for (const el of Object.keys(ctx.speciesElements[species] ?? {})) if (!CARRIER_ELEMENTS.has(el)) feedstockElements.add(el);
    }
  }

  const products: ReportProduct[] = Object.keys(r.recovery).map((id) => {
    const g = r.grade[id];
    const recovery: Record<string, number> = {};
    for (const el of feedstockElements) recovery[el] = r.recovery[id]?.[el] ?? 0;
    return {
      id,
      massFlow: g?.massFlow ?? 0,
      perTonne: perTonne(g?.massFlow ?? 0),
      recovery,
      elementGrade: { ...(g?.elements ?? {}) },
      speciesGrade: Object.entries(g?.species ?? {})
        .map(([species, fraction]) => ({ species, fraction }))
        .sort((a, b) => b.fraction - a.fraction),
    };
  });

  let worst = 0;
  for (const { in: a, out: b } of Object.values(r.elements)) if (a > 0) worst = Math.max(worst, Math.abs(b - a) / a);

  return {
    name: r.name,
    ...(r.mode !== undefined ? { mode: r.mode } : {}),
    basis: { massFlow: basisMass, what, sources: inputs.filter((i) => i.feedstock > 0).map((i) => i.source) },
    inputs,
    reagents,
    reagentTotals,
    products,
    ...(r.specifications ? { specifications: r.specifications } : {}),
    worstImbalance: worst,
  };
}

/** The report as text tables. */
export function formatReport(rep: PlantReport, chunk = 6): string {
  const out: string[] = [];
  out.push(`${rep.name}${rep.mode ? ` — mode ${rep.mode}` : ''}`);
  out.push(
    `Basis: ${num(rep.basis.massFlow)} kg/h of ${rep.basis.what} (${rep.basis.sources.join(', ') || 'none'}); "per t" = per tonne of it. Worst element imbalance ${rep.worstImbalance.toExponential(1)}.`,
    '',
  );
  out.push(
    'Inputs',
    textTable(
      ['source', 'kg/h', 'kg/t'],
      rep.inputs.map((i) => [i.source, num(i.massFlow), num(i.perTonne)]),
    ),
    '',
  );
  if (rep.reagents.length) {
    out.push('Reagents dosed', textTable(['unit', 'species', 'kg/h', 'kg/t'], rep.reagents.map((g) => [g.unit, g.species, num(g.massFlow), num(g.perTonne)]), ['l', 'l', 'r', 'r']), '');
    out.push('Reagents, plant total', textTable(['species', 'kg/h', 'kg/t'], rep.reagentTotals.map((g) => [g.species, num(g.massFlow), num(g.perTonne)])), '');
  }
  out.push(
    'Products',
    textTable(
      ['product', 'kg/h', 'kg/t', 'main species (mass fraction)'],
      rep.products.map((p) => [
        p.id,
        num(p.massFlow),
        num(p.perTonne),
        p.speciesGrade
          .slice(0, 3)
          .map((s) => `${s.species} ${pct(s.fraction)}`)
          .join(', '),
      ]),
      ['l', 'r', 'r', 'l'],
    ),
    '',
  );
  const elements = [...new Set(rep.products.flatMap((p) => Object.keys(p.recovery)))];
  const gradeElements = [...new Set(rep.products.flatMap((p) => Object.keys(p.elementGrade)))];
  for (let i = 0; i < rep.products.length; i += chunk) {
    const cols = rep.products.slice(i, i + chunk);
    out.push(
      'Recovery of each element of the feedstock (H, O left out)',
      textTable(['element', ...cols.map((p) => p.id)], elements.map((el) => [el, ...cols.map((p) => (p.recovery[el] ? pct(p.recovery[el]) : '–'))])),
      '',
      'Grade (mass fraction of element in the product)',
      textTable(['element', ...cols.map((p) => p.id)], gradeElements.map((el) => [el, ...cols.map((p) => (p.elementGrade[el] ? pct(p.elementGrade[el]) : '–'))])),
      '',
    );
  }
  if (rep.specifications) out.push(...specificationLines(rep.specifications));
  return out.join('\n').trimEnd();
}
