import { basename } from 'node:path';
import { compileFlowsheet, FlexsheetError, solvePlant, type CompiledFlowsheet, type FlowsheetDoc } from '../../core';
import { formatOrDash, textTable } from '../../core/format';
import { caseFromReport, compareCases, comparisonToCsv, reconcileData, summarizeSolution, type CaseSummary, type Comparison } from '../../core/reconcile';
import { registry } from '../../unit-ops';
import { readTextFile, stringFlag, UsageError, writeOutput, type Command } from '../args';
import { alphaFlag, balanceFlag } from './reconcile';

function formatComparison(c: Comparison): string {
  const parts: string[] = [];
  const sections: [Comparison['rows'][number]['metric'], string][] = [
    ['recovery', 'Recovery of feed elements to products (? = not determined by the data)'],
    ['grade', 'Product grade, mass fraction of element'],
    ['mass flow', 'Product mass flow, kg/h'],
  ];
  for (const [metric, title] of sections) {
    const rows = c.rows.filter((r) => r.metric === metric);
    if (!rows.length) continue;
    const cell = (v: { value: number | null; sd?: number | null }) => {
      if (v.value === null) return '?';
      if (metric === 'mass flow') return formatOrDash(v.value) + (v.sd ? ` ±${formatOrDash(v.sd, 2)}` : '');
      return `${(v.value * 100).toFixed(2)}${v.sd ? ` ±${(v.sd * 100).toFixed(2)}` : ''} %`;
    };
    parts.push(title);
    parts.push(
      textTable(
        metric === 'mass flow' ? ['product', ...c.cases] : ['product', 'element', ...c.cases],
        rows.map((r) => (metric === 'mass flow' ? [r.product, ...r.values.map(cell)] : [r.product, r.element, ...r.values.map(cell)])),
        metric === 'mass flow' ? ['l'] : ['l', 'l'],
      ),
    );
    parts.push('');
  }
  return parts.join('\n').trimEnd();
}

export const compareCommand: Command = {
  name: 'compare',
  usage:
    'compare FILE... [--mode NAME] [--all-modes] [--run NAME] [--elements Li,Co,...] [--balances element|species] [--alpha 0.05] [--csv OUT.csv] [--json]',
  summary:
    'recovery and grade per element and product side by side: each flowsheet FILE solved (every mode with --all-modes), each DATA.csv reconciled against the flowsheet before it, one column per run',
  valueFlags: ['--mode', '--run', '--elements', '--balances', '--alpha', '--csv'],
  booleanFlags: ['--json', '--all-modes'],
  run(args, out) {
    if (!args.files.length) throw new UsageError('compare takes one or more files: flowsheets (.json) and pilot data (.csv) after the flowsheet they belong to');
    const mode = stringFlag(args, '--mode');
    const elements = stringFlag(args, '--elements')?.split(',').map((e) => e.trim()).filter(Boolean);
    const cases: CaseSummary[] = [];
    let current: { plant: CompiledFlowsheet; x: Float64Array; name: string } | undefined;
    for (const file of args.files) {
      const name = basename(file);
      const text = readTextFile(file);
      if (/\.csv$/i.test(file)) {
        if (!current) throw new UsageError(`${file}: pilot data come after the flowsheet they belong to (compare FLOWSHEET.json DATA.csv ...)`);
        const runs = reconcileData(current.plant, current.x, text, {
          run: stringFlag(args, '--run'),
          balances: balanceFlag(stringFlag(args, '--balances')),
          alpha: alphaFlag(stringFlag(args, '--alpha')),
          fit: false,
          fileName: file,
        });
        for (const r of runs) cases.push(caseFromReport(r.run ? `${name}:${r.run}` : name, r.report));
        continue;
      }
      const plant = compileFlowsheet(text, registry, { mode });
      const x = solvePlant(plant).x;
      current = { plant, x, name };
      cases.push(summarizeSolution(mode ? `${name} [${mode}]` : name, plant, x));
      if (args.flags.has('--all-modes')) {
        const doc = plant.doc as FlowsheetDoc;
        for (const m of Object.keys(doc.modes ?? {})) {
          if (m === mode) continue;
          try {
            const p = compileFlowsheet(doc, registry, { mode: m });
            cases.push(summarizeSolution(`${name} [${m}]`, p, solvePlant(p).x));
          } catch (e) {
            if (e instanceof FlexsheetError) throw new FlexsheetError(e.diagnostics.map((d) => ({ ...d, path: `${file}: mode ${m}: ${d.path}` })));
            throw e;
          }
        }
      }
    }
    const comparison = compareCases(cases, elements);
    const csvPath = stringFlag(args, '--csv');
    if (csvPath) writeOutput(csvPath, comparisonToCsv(comparison));
    out(args.flags.has('--json') ? JSON.stringify(comparison) : formatComparison(comparison));
    return 0;
  },
};
