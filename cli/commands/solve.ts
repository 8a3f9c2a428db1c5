import { parseJsonText } from '../../core';
import { solve } from '../../index';
import { checkMemory } from '../memory';
import { readTextFile, stringFlag, UsageError, type Command } from '../args';
import { bufferedWriter, writeJson } from '../json-stream';
import { formatSolve, solveJson } from '../solve-report';

export const solveCommand: Command = {
  name: 'solve',
  usage: 'solve FILE [--mode NAME] [--json]',
  summary: 'read, check and solve a flowsheet; print streams, reagents, element balance, recoveries and grades',
  valueFlags: ['--mode'],
  booleanFlags: ['--json'],
  run(args, out, raw) {
    if (args.files.length !== 1) throw new UsageError('solve takes one FILE');
    const doc = parseJsonText(readTextFile(args.files[0]));
    checkMemory(doc);
    const results = solve(doc, { mode: stringFlag(args, '--mode') });
    if (!args.flags.has('--json')) out(formatSolve(results));
    else if (!raw) out(JSON.stringify(solveJson(results)));
    else {
      // Table by table: a big plant's JSON is longer than the longest string V8 can hold.
      const writer = bufferedWriter(raw);
      writeJson(solveJson(results), (chunk) => writer.write(chunk), 3);
      writer.write('\n');
      writer.flush();
    }
    return 0;
  },
};
