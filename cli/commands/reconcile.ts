import { parseJsonText, type FlowsheetDoc } from '../../core';
import { applyFit, formatReconciliationReport, MIN_ALPHA, measurementsReportCsv, reconcileRuns, type BalanceLevel } from '../../core/reconcile';
import { registry } from '../../unit-ops';
import { readTextFile, stringFlag, UsageError, writeOutput, type Command } from '../args';

export function balanceFlag(value: string | undefined): BalanceLevel | undefined {
  if (value === undefined) return undefined;
  if (value !== 'element' && value !== 'species') throw new UsageError(`--balances is "element" or "species", not "${value}"`);
  return value;
}

export function alphaFlag(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const a = Number(value);
  if (!(a >= MIN_ALPHA && a < 0.5)) throw new UsageError(`--alpha is a significance level from ${MIN_ALPHA} to 0.5 (e.g. 0.05), not "${value}"`);
  return a;
}

export const reconcileCommand: Command = {
  name: 'reconcile',
  usage:
    'reconcile FILE DATA.csv [--mode NAME] [--run NAME] [--balances element|species] [--alpha 0.05] [--keep-gross-errors] [--no-fit] [--json] [--csv OUT.csv] [--write-fitted OUT.json]',
  summary:
    'reconcile pilot measurements (CSV) against the flowsheet balances: adjusted values, χ² and measurement tests, gross errors, unobservable flows, fitted unit parameters',
  valueFlags: ['--mode', '--run', '--balances', '--alpha', '--csv', '--write-fitted'],
  booleanFlags: ['--json', '--no-fit', '--keep-gross-errors'],
  run(args, out) {
    if (args.files.length !== 2) throw new UsageError('reconcile takes a flowsheet FILE and a DATA.csv file');
    const [file, dataFile] = args.files;
    const mode = stringFlag(args, '--mode');
    const text = readTextFile(file);
    const runs = reconcileRuns(text, registry, readTextFile(dataFile), {
      mode,
      run: stringFlag(args, '--run'),
      balances: balanceFlag(stringFlag(args, '--balances')),
      alpha: alphaFlag(stringFlag(args, '--alpha')),
      eliminate: !args.flags.has('--keep-gross-errors'),
      fit: !args.flags.has('--no-fit'),
      fileName: dataFile,
    });
    const csvPath = stringFlag(args, '--csv');
    if (csvPath) {
      const parts = runs.map((r, i) => {
        const csv = measurementsReportCsv(r.report);
        return i === 0 ? csv : csv.slice(csv.indexOf('\n') + 1);
      });
      writeOutput(csvPath, parts.join(''));
    }
    const fittedPath = stringFlag(args, '--write-fitted');
    if (fittedPath) {
      if (runs.length !== 1) throw new UsageError(`--write-fitted needs one run: choose it with --run (runs: ${runs.map((r) => r.run).join(', ')})`);
      if (!runs[0].fits) throw new UsageError('--write-fitted needs the parameter fit: leave out --no-fit');
      const doc = parseJsonText(text) as FlowsheetDoc;
      writeOutput(fittedPath, JSON.stringify(applyFit(doc, runs[0].fits, mode), null, 2) + '\n');
    }
    if (args.flags.has('--json')) {
      out(JSON.stringify(runs.length === 1 ? runs[0].report : { runs: runs.map((r) => r.report) }));
      return 0;
    }
    out(runs.map((r) => formatReconciliationReport(r.report)).join('\n\n' + '='.repeat(72) + '\n\n'));
    return 0;
  },
};
