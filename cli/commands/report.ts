import { compile, solvePlant, tabulate } from '../../index';
import { readTextFile, stringFlag, UsageError, type Command } from '../args';
import { buildReport, formatReport } from '../report';

export const reportCommand: Command = {
  name: 'report',
  usage: 'report FILE [--mode NAME] [--json]',
  summary: 'solve a flowsheet and print, per product, the recovery of every element and its grade, and per tonne of feed the reagents and products',
  valueFlags: ['--mode'],
  booleanFlags: ['--json'],
  run(args, out) {
    if (args.files.length !== 1) throw new UsageError('report takes one FILE');
    const plant = compile(readTextFile(args.files[0]), { mode: stringFlag(args, '--mode') });
    const sources = plant.units.filter((u) => u.type.role === 'source').map((u) => u.id);
    const speciesElements = Object.fromEntries(plant.species.list.map((sp) => [sp.id, sp.elements]));
    const rep = buildReport(tabulate(solvePlant(plant)), { sources, speciesElements });
    out(args.flags.has('--json') ? JSON.stringify(rep) : formatReport(rep));
    return 0;
  },
};
