/** The `flexsheet` command line: dispatches to cli/commands and turns errors into messages. */
import { isMainThread } from 'node:worker_threads';
import { FlexsheetError, formatDiagnostic } from '../core';
import { parseArgs, UsageError } from './args';
import { commands } from './commands';

function usage(): string {
  return ['usage: flexsheet COMMAND ...', '', ...commands.map((c) => `  flexsheet ${c.usage}\n      ${c.summary}`)].join('\n');
}

function main(argv: string[]): number | Promise<number> {
  const [name, ...rest] = argv;
  if (name === 'help' || name === '--help') {
    process.stdout.write(usage() + '\n');
    return 0;
  }
  // Without a command the line is wrong: the usage goes to stderr, as for every usage error.
  if (!name) throw new UsageError('no command given');
  const command = commands.find((c) => c.name === name);
  if (!command) throw new UsageError(`unknown command "${name}"`);
  return command.run(
    parseArgs(rest, command),
    (text) => process.stdout.write(text.endsWith('\n') ? text : text + '\n'),
    (chunk) => process.stdout.write(chunk),
  );
}

/** Longest message line printed: a longer one (that quotes a huge value of the input) is cut. */
const MAX_LINE = 2000;
const shown = (line: string) => (line.length <= MAX_LINE ? line : `${line.slice(0, MAX_LINE)}… (cut: ${line.length.toLocaleString('en-US')} characters)`);

function fail(e: unknown): void {
  if (e instanceof FlexsheetError) {
    process.stderr.write(e.diagnostics.map((d) => shown(`error: ${formatDiagnostic(d)}`)).join('\n') + '\n');
    process.exitCode = 1;
  } else if (e instanceof UsageError) {
    process.stderr.write(`${shown(`flexsheet: ${e.message}`)}\n\n${usage()}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`${shown(`flexsheet: internal error: ${e instanceof Error ? e.message : String(e)}`)}\nPlease report this with the file that caused it.\n`);
    process.exitCode = 70;
  }
}

// A worker thread started from the bundle serves a study (economics-study-worker.ts), not a command.
if (isMainThread) {
  try {
    const code = main(process.argv.slice(2));
    if (typeof code === 'number') process.exitCode = code;
    else code.then((c) => (process.exitCode = c), fail);
  } catch (e) {
    fail(e);
  }
}
