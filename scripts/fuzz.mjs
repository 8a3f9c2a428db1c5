#!/usr/bin/env node
// Runs the fuzz harness (tests/fuzz/harness.ts) on the command line as a user runs it:
//   node scripts/fuzz.mjs [--seed 1] [--mutants 2000] [--adversarial all|N] [--workers 2] [--timeout 60] [--small] [--out DIR]
// Crashes, hangs and wrong answers are kept in tests/fuzz/findings/<outcome>/<id>/ (command.sh
// reproduces each); the exit status is 1 when there is any.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const r = spawnSync(process.execPath, [tsx, join(root, 'tests', 'fuzz', 'harness.ts'), ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
process.exitCode = r.status ?? 1;
