/** Command-line arguments and the errors a command may raise. */
import { readFileSync, writeFileSync } from 'node:fs';
import { FlexsheetError } from '../core';

export class UsageError extends Error {}

export interface Args {
  files: string[];
  flags: Map<string, string | true>;
  /** Every value of each repeatable flag, in order. */
  lists?: Map<string, string[]>;
}

export interface Command {
  name: string;
  /** One usage line, e.g. `solve FILE [--mode NAME] [--json]`. */
  usage: string;
  /** One line. */
  summary: string;
  /** Flags that take a value, e.g. ['--mode']. */
  valueFlags?: string[];
  /** Flags that stand alone, e.g. ['--json']. */
  booleanFlags?: string[];
  /** Flags that take a value and may be given more than once, e.g. ['--set']. */
  repeatFlags?: string[];
  /** Writes to standard output (`out` a line at a time, `raw` without adding a newline); returns the exit code (or a promise of it, for a command that waits on workers). */
  run(args: Args, out: (text: string) => void, raw?: (chunk: string) => void): number | Promise<number>;
}

export function parseArgs(argv: string[], command: Command): Args {
  const files: string[] = [];
  const flags = new Map<string, string | true>();
  const lists = new Map<string, string[]>();
  const valueFlags = new Set(command.valueFlags ?? []);
  const booleanFlags = new Set(command.booleanFlags ?? []);
  const repeatFlags = new Set(command.repeatFlags ?? []);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (repeatFlags.has(a)) {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value`);
      lists.set(a, [...(lists.get(a) ?? []), v]);
    } else if (valueFlags.has(a)) {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value`);
      flags.set(a, v);
    } else if (booleanFlags.has(a)) flags.set(a, true);
    else if (a.startsWith('--')) throw new UsageError(`${command.name}: unknown option ${a}`);
    else files.push(a);
  }
  return { files, flags, lists };
}

export function stringFlag(args: Args, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

export function readTextFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot be read (${code})`;
    throw new FlexsheetError([{ path, message: why }]);
  }
}

/** Writes a file or reports, in process terms, why it cannot. */
export function writeOutput(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (e) {
    throw new FlexsheetError([{ path, message: `cannot be written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` }]);
  }
}
