/** `flexsheet solve` as readable tables. */
import { textTable } from '../core/format';
import { dict, formatDiagnostic, type FlowsheetResults, type SpecificationResult } from '../core';
import { num, pct } from './table';

export function formatSolve(r: FlowsheetResults): string {
  const out: string[] = [];
  out.push(`${r.name}${r.mode ? ` — mode ${r.mode}` : ''}`);
  if (r.idle.length) out.push(`Out of service: ${r.idle.join(', ')}`);

  out.push('', 'Streams (kg/h)');
  const ids = Object.keys(r.streams);
  const species = [...new Set(ids.flatMap((id) => Object.keys(r.streams[id].massFlow)))];
  const chunk = 8;
  for (let i = 0; i < ids.length; i += chunk) {
    const cols = ids.slice(i, i + chunk);
    const rows = species
      .filter((sp) => cols.some((c) => r.streams[c].massFlow[sp]))
      .map((sp) => [sp, ...cols.map((c) => num(r.streams[c].massFlow[sp]))]);
    rows.push(['total kg/h', ...cols.map((c) => num(r.streams[c].totals.mass))]);
    rows.push(['total kmol/h', ...cols.map((c) => num(r.streams[c].totals.molar))]);
    rows.push(...liquorRows(r, cols));
    out.push(textTable(['species', ...cols], rows), '');
  }

  const reagentRows = Object.entries(r.reagents).flatMap(([unit, doses]) => Object.entries(doses).map(([sp, m]) => [unit, sp, num(m)]));
  if (reagentRows.length) out.push('Reagents dosed', textTable(['unit', 'species', 'kg/h'], reagentRows, ['l', 'l', 'r']), '');

  out.push(
    'Element balance (kg/h): feeds + reagents in, products out',
    textTable(
      ['element', 'in', 'out', 'out − in'],
      Object.entries(r.elements).map(([el, b]) => [el, num(b.in, 8), num(b.out, 8), (b.out - b.in).toExponential(2)]),
    ),
    '',
  );

  const products = Object.keys(r.recovery);
  const elements = [...new Set(products.flatMap((p) => Object.keys(r.recovery[p])))];
  const specs = Object.entries(r.specs ?? {});
  if (specs.length) out.push('Specifications', textTable(['spec', 'parameter found', 'target reached'], specs.map(([id, s]) => [id, num(s.value, 8), num(s.target, 8)])), '');
  out.push('Recovery of feed elements to products', textTable(['element', ...products], elements.map((el) => [el, ...products.map((p) => pct(r.recovery[p][el]))])), '');
  out.push(
    'Product grade (mass fraction of element)',
    textTable(
      ['element', ...products],
      [
        ['kg/h', ...products.map((p) => num(r.grade[p].massFlow))],
        ...[...new Set(products.flatMap((p) => Object.keys(r.grade[p].elements)))].map((el) => [el, ...products.map((p) => pct(r.grade[p].elements[el]))]),
      ],
    ),
    '',
  );
  if (r.specifications) out.push(...specificationLines(r.specifications));
  if (r.duties && Object.keys(r.duties).length) {
    out.push('Duties (kW; positive: heat supplied)', textTable(['unit', 'kW'], Object.entries(r.duties).map(([u, q]) => [u, num(q, 5)])), '');
  }
  if (r.heatBalance) {
    const h = r.heatBalance;
    out.push(
      'Heat balance (kW; enthalpies from the elements at 25 °C)',
      textTable(
        ['', 'kW'],
        [
          ['sensible heat in with the feeds', num(h.feeds, 5)],
          ['heat released by the reactions', num(h.reactions, 5)],
          ['duties', num(h.duties, 5)],
          ['sensible heat out with the products', num(h.products, 5)],
          ['closure (in − out)', (h.feeds + h.reactions + h.duties - h.products).toExponential(2)],
        ],
      ),
      '',
    );
  }
  const figures = Object.entries(r.unitFigures ?? {}).flatMap(([u, f]) => Object.entries(f).map(([name, v]) => [u, name, num(v.value, 6), v.unit]));
  if (figures.length) out.push('Unit figures', textTable(['unit', 'figure', 'value', 'unit of measure'], figures, ['l', 'l', 'r', 'l']), '');
  for (const w of r.warnings ?? []) out.push(`warning: ${formatDiagnostic(w)}`);
  if (r.volumeMissing?.length) out.push(`no density or molar volume (they add no volume): ${r.volumeMissing.join(', ')}`);
  const s = r.solver;
  out.push(
    `Solved ${s.unknowns} unknowns (${s.nonzeros} nonzeros, ${s.blocks} blocks, largest ${s.largestBlock}) in ${(s.assembleMs + s.solveMs).toFixed(1)} ms; relative residual ${s.relativeResidual.toExponential(1)}`,
  );
  return out.join('\n');
}

/** Each product's grade against its specification: one row per limit, and whether it is met. */
export function specificationLines(specs: Readonly<Record<string, SpecificationResult>>): string[] {
  const rows = Object.entries(specs).flatMap(([unit, s]) =>
    s.checks.map((c, i) => [i ? '' : unit, i ? '' : `${s.name}${s.basis === 'dry' ? ' (dry)' : ''}`, c.of, `${c.bound === 'min' ? '≥' : '≤'} ${pct(c.limit)}`, pct(c.value), c.met ? 'met' : 'MISSED']),
  );
  return ['Product specifications', textTable(['product', 'specification', 'of', 'limit', 'reached', ''], rows, ['l', 'l', 'l', 'r', 'r', 'l']), ''];
}

/** The JSON of FORMAT.md, with the extra tables after the required ones. */
export function solveJson(r: FlowsheetResults): unknown {
  // Keyed by the file's stream ids: `__proto__` is an id like any other.
  const streams = dict<unknown>();
  for (const [id, s] of Object.entries(r.streams)) {
    streams[id] = { from: s.from, to: s.to, massFlow: s.massFlow, molarFlow: s.molarFlow, T: s.T, volumeFlow: s.volumeFlow, concentration: s.concentration, solidsFraction: s.solidsFraction, pH: s.pH, totals: s.totals };
  }
  return {
    streams,
    reagents: r.reagents,
    elements: r.elements,
    recovery: r.recovery,
    specs: r.specs,
    ...(r.volumeMissing ? { volumeMissing: r.volumeMissing } : {}),
    ...(r.unitFigures ? { unitFigures: r.unitFigures } : {}),
    ...(r.duties ? { duties: r.duties, heatBalance: r.heatBalance } : {}),
    ...(r.energyMissing ? { energyMissing: r.energyMissing } : {}),
    grade: r.grade,
    ...(r.specifications ? { specifications: r.specifications } : {}),
    warnings: (r.warnings ?? []).map(formatDiagnostic),
    name: r.name,
    mode: r.mode,
    idle: r.idle,
    solver: r.solver,
  };
}

/** m³/h of solution and solids, % solids, pH and °C under each stream's flows. */
function liquorRows(r: FlowsheetResults, cols: string[]): string[][] {
  const at = (c: string) => r.streams[c];
  const rows: string[][] = [
    ['solution m³/h', ...cols.map((c) => num(at(c).volumeFlow?.aq))],
    ['organic m³/h', ...cols.map((c) => num(at(c).volumeFlow?.org))],
    ['solids m³/h', ...cols.map((c) => num(at(c).volumeFlow?.s))],
    ['gas Nm³/h', ...cols.map((c) => num(at(c).volumeFlow?.g))],
    ['% solids', ...cols.map((c) => (at(c).solidsFraction ? `${(100 * at(c).solidsFraction!).toFixed(2)}` : '–'))],
    ['pH', ...cols.map((c) => (at(c).pH !== undefined ? at(c).pH!.toFixed(2) : '–'))],
    ['T °C', ...cols.map((c) => (at(c).T !== undefined ? at(c).T!.toFixed(1) : '–'))],
  ];
  return rows.filter((row) => row.slice(1).some((v) => v !== '–'));
}
