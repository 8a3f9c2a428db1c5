import { textTable } from '../../core/format';
import { compilePlant, FlexsheetError, parsePath, type Segment } from '../../core';
import { csvLine } from '../../core/csv';
import { linspace } from '../../core/sweep';
import { registry } from '../../unit-ops';
import { readTextFile, stringFlag, UsageError, writeOutput, type Command } from '../args';
import { progressBar } from '../progress';
import { num } from '../table';

export const sweepCommand: Command = {
  name: 'sweep',
  usage: 'sweep FILE --set UNIT.PATH=FROM:TO:N [--set ...] [--mode NAME] [--out RESULT.PATH ...] [--csv OUT]',
  summary: 'solve the plant over a grid of parameter values (compiled once) and tabulate chosen results',
  valueFlags: ['--mode', '--csv'],
  repeatFlags: ['--set', '--out'],
  run(args, out) {
    if (args.files.length !== 1) throw new UsageError('sweep takes one FILE');
    const sets = args.lists?.get('--set') ?? [];
    if (!sets.length) throw new UsageError('sweep needs at least one --set UNIT.PATH=FROM:TO:N');
    const plant = compilePlant(readTextFile(args.files[0]), registry, { mode: stringFlag(args, '--mode') });
    const axes = sets.map((s) => {
      const eq = s.lastIndexOf('=');
      if (eq <= 0) throw new UsageError(`--set ${s}: write UNIT.PATH=FROM:TO:N`);
      let path: Segment[];
      let values: number[];
      try {
        path = plant.parameterPath(s.slice(0, eq));
        values = linspace(s.slice(eq + 1));
      } catch (e) {
        if (e instanceof FlexsheetError) throw e;
        throw new UsageError(`--set ${s}: ${(e as Error).message}`);
      }
      return { path, values };
    });
    const outputs = args.lists?.get('--out');
    for (const o of outputs ?? []) {
      try {
        parsePath(o);
      } catch {
        throw new UsageError(`--out ${o}: write a path into the results, e.g. recovery.bleed.Na or streams.s4.massFlow["NaCl(aq)"]`);
      }
    }
    const bar = progressBar('sweep');
    const result = plant.sweep(axes, { outputs, onProgress: (d, t) => bar.update(d, t) });
    bar.done(`${result.rows.length} points, ${result.refused.size} refused`);
    const csv = stringFlag(args, '--csv');
    if (csv) writeOutput(csv, [csvLine([...result.columns, 'refused']), ...result.rows.map((r, i) => csvLine([...r, result.refused.get(i) ?? '']))].join('\n') + '\n');
    const shown = result.rows.map((r, i) => [...r.map((v) => (v === null ? '–' : num(v, 6))), result.refused.get(i) ? 'refused' : '']);
    out(textTable([...result.columns, ''], shown));
    for (const [i, why] of result.refused) out(`point ${i + 1} refused: ${why}`);
    return 0;
  },
};
