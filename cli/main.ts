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
  if (!name || name === 'help' || name === '--help') {
    process.stdout.write(usage() + '\n');
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) throw new UsageError(`unknown command "${name}"`);
  return command.run(
    parseArgs(rest, command),
    (text) => process.stdout.write(text.endsWith('\n') ? text : text + '\n'),
    (chunk) => process.stdout.write(chunk),
  );
}

function fail(e: unknown): void {
  if (e instanceof FlexsheetError) {
    process.stderr.write(e.diagnostics.map((d) => `error: ${formatDiagnostic(d)}`).join('\n') + '\n');
    process.exitCode = 1;
  } else if (e instanceof UsageError) {
    process.stderr.write(`flexsheet: ${e.message}\n\n${usage()}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`flexsheet: internal error: ${e instanceof Error ? e.message : String(e)}\nPlease report this with the file that caused it.\n`);
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
