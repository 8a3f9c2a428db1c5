/** The `flexsheet` command line. */
import { readFileSync } from 'node:fs';
import { FlexsheetError, formatDiagnostic } from '../core';
import { solve } from '../index';
import { formatSolve, solveJson } from './solve-report';

const USAGE = `usage: flexsheet solve FILE [--mode NAME] [--json]

  solve    read, check and solve a flowsheet file; print its stream table, reagents,
           element balance, recoveries and grades (--json: the JSON of FORMAT.md)`;

class UsageError extends Error {}

interface Args {
  command: string;
  files: string[];
  flags: Map<string, string | true>;
}

const VALUE_FLAGS = new Set(['--mode', '--from', '--to']);
const BOOLEAN_FLAGS = new Set(['--json', '--help']);

function parseArgs(argv: string[]): Args {
  const [command, ...rest] = argv;
  const files: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (VALUE_FLAGS.has(a)) {
      const v = rest[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value`);
      flags.set(a, v);
    } else if (BOOLEAN_FLAGS.has(a)) flags.set(a, true);
    else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else files.push(a);
  }
  return { command: command ?? '', files, flags };
}

function readFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new FlexsheetError([{ path: path, message: code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a flowsheet file' : `cannot be read (${code})` }]);
  }
}

function main(argv: string[]): number {
  const args = parseArgs(argv);
  if (!args.command || args.flags.has('--help') || args.command === 'help') {
    process.stdout.write(USAGE + '\n');
    return args.command ? 0 : 2;
  }
  const mode = args.flags.get('--mode') as string | undefined;
  switch (args.command) {
    case 'solve': {
      if (args.files.length !== 1) throw new UsageError('solve takes one FILE');
      const results = solve(readFile(args.files[0]), { mode });
      process.stdout.write(args.flags.has('--json') ? JSON.stringify(solveJson(results)) + '\n' : formatSolve(results) + '\n');
      return 0;
    }
    default:
      throw new UsageError(`unknown command "${args.command}"`);
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  if (e instanceof FlexsheetError) {
    process.stderr.write(e.diagnostics.map((d) => `error: ${formatDiagnostic(d)}`).join('\n') + '\n');
    process.exitCode = 1;
  } else if (e instanceof UsageError) {
    process.stderr.write(`flexsheet: ${e.message}\n${USAGE}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`flexsheet: internal error: ${e instanceof Error ? e.message : String(e)}\nPlease report this with the file that caused it.\n`);
    process.exitCode = 70;
  }
}
