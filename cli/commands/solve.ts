import { solve } from '../../index';
import { readTextFile, stringFlag, UsageError, type Command } from '../args';
import { formatSolve, solveJson } from '../solve-report';

export const solveCommand: Command = {
  name: 'solve',
  usage: 'solve FILE [--mode NAME] [--json]',
  summary: 'read, check and solve a flowsheet; print streams, reagents, element balance, recoveries and grades',
  valueFlags: ['--mode'],
  booleanFlags: ['--json'],
  run(args, out) {
    if (args.files.length !== 1) throw new UsageError('solve takes one FILE');
    const results = solve(readTextFile(args.files[0]), { mode: stringFlag(args, '--mode') });
    out(args.flags.has('--json') ? JSON.stringify(solveJson(results)) : formatSolve(results));
    return 0;
  },
};
