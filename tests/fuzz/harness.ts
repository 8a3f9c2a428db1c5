/**
 * The fuzz harness: runs the real command line (`bin/flexsheet`, as a process) on seeded mutants of
 * every shipped plant and fixture, mutated pilot CSVs and adversarial files, through every command;
 * classifies each run (tests/fuzz/classify.ts), prints the counts per outcome and per command, and
 * keeps every crash, hang and wrong answer in a folder with the command that reproduces it.
 *
 *   node scripts/fuzz.mjs [--seed 1] [--mutants 2000] [--workers 2] [--timeout 60] [--small] [--out DIR]
 *
 * The same seed gives the same inputs. tests/fuzz/fuzz.test.ts runs a small budget in CI.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { mulberry32 } from '../../core/random';
import { adversarial, mutants, root, type FuzzCase } from './cases';
import { classify, OUTCOMES, type Outcome, type Run, type Verdict } from './classify';
import { knownAs } from './known';

export interface FuzzOptions {
  seed: number;
  /** Seeded mutants (flowsheets and pilot CSVs). */
  mutants: number;
  /** Adversarial cases: all of them, or a seeded sample of this many. */
  adversarial: 'all' | number;
  /** Only the small fixtures and no big adversarial files (the CI budget). */
  small: boolean;
  workers: number;
  timeoutMs: number;
  /** Where crashes, hangs and wrong answers are kept (nothing is written when omitted). */
  out?: string;
  log?: (line: string) => void;
}

export interface Finding {
  id: string;
  label: string;
  command: string;
  args: string[];
  outcome: Outcome;
  reason: string;
  ms: number;
  /** Owned elsewhere and reported (known.ts): who owns it. */
  known?: string;
}

export interface FuzzSummary {
  runs: number;
  counts: Record<Outcome, number>;
  byCommand: Record<string, Record<Outcome, number>>;
  /** Every crash, hang and wrong answer, known ones included. */
  findings: Finding[];
  seconds: number;
}

const BIN = join(root, 'bin', 'flexsheet');
/** stdout kept per run; a longer answer (a 10⁵-stream plant's JSON) is not checked. */
const MAX_KEPT = 256 * 2 ** 20;
const KNOWN_COMMANDS = ['solve', 'sweep', 'report', 'units', 'schema', 'reconcile', 'compare', 'economics', 'switchover', 'campaign', 'study'];

export function cases(o: Pick<FuzzOptions, 'seed' | 'mutants' | 'adversarial' | 'small'>): FuzzCase[] {
  const rng = mulberry32(o.seed);
  let adv = adversarial(mulberry32(o.seed ^ 0x5eed)).filter((c) => !(o.small && c.big));
  if (o.adversarial !== 'all') {
    const pickRng = mulberry32(o.seed + 1);
    const chosen: FuzzCase[] = [];
    const pool = adv.slice();
    while (chosen.length < o.adversarial && pool.length) chosen.push(pool.splice(Math.floor(pickRng() * pool.length), 1)[0]);
    adv = chosen;
  }
  return [...adv, ...mutants(rng, o.mutants, o.small)];
}

/** The folder of a case: its files, and its arguments with `@name` made paths. */
function materialise(c: FuzzCase, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(c.files)) writeFileSync(join(dir, name), typeof text === 'function' ? text() : text);
  return c.args.map((a) => (a.startsWith('@') ? join(dir, a.slice(1)) : a));
}

function runProcess(args: string[], cwd: string, timeoutMs: number): Promise<Run & { ms: number }> {
  return new Promise((resolve) => {
    const start = Date.now();
    const child = spawn(BIN, args, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    let cut = false;
    let timedOut = false;
    child.stdout.on('data', (b: Buffer) => {
      if (outBytes + b.length > MAX_KEPT) cut = true;
      else out.push(b);
      outBytes += b.length;
    });
    child.stderr.on('data', (b: Buffer) => {
      if (errBytes < 16 * 2 ** 20) err.push(b);
      errBytes += b.length;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal: timedOut ? null : signal, timedOut, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), stdoutCut: cut, ms: Date.now() - start });
    });
  });
}

/** The parsed flowsheet the answer is checked against: the first JSON file on the command line. */
function docOf(c: FuzzCase): unknown {
  const i = c.args.findIndex((a) => a.startsWith('@') && a.endsWith('.json') && c.files[a.slice(1)] !== undefined);
  if (i < 0) return undefined;
  const f = c.files[c.args[i].slice(1)];
  const text = typeof f === 'function' ? undefined : f;
  if (text === undefined || text.length > 50e6) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function keep(out: string, c: FuzzCase, verdict: Verdict, run: Run & { ms: number }, from: string): void {
  const dir = join(out, verdict.outcome, c.id);
  mkdirSync(dir, { recursive: true });
  cpSync(from, dir, { recursive: true });
  const quoted = c.args.map((a) => (a.startsWith('@') ? `"$here/${a.slice(1)}"` : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
  writeFileSync(join(dir, 'command.sh'), `#!/bin/sh\n# ${c.label.slice(0, 300)}\nhere=$(cd "$(dirname "$0")" && pwd)\nexec "${BIN}" ${quoted}\n`, { mode: 0o755 });
  writeFileSync(join(dir, 'stdout.txt'), run.stdout.slice(0, 2 ** 20));
  writeFileSync(join(dir, 'stderr.txt'), run.stderr.slice(0, 2 ** 20));
  writeFileSync(join(dir, 'case.json'), JSON.stringify({ id: c.id, kind: c.kind, label: c.label, command: c.command, args: c.args, outcome: verdict.outcome, reason: verdict.reason, exit: run.code, signal: run.signal, ms: run.ms }, null, 2) + '\n');
}

export async function fuzz(o: FuzzOptions): Promise<FuzzSummary> {
  const log = o.log ?? (() => {});
  const start = Date.now();
  const all = cases(o);
  const scratch = mkdtempSync(join(tmpdir(), 'flexsheet-fuzz-'));
  const counts = Object.fromEntries(OUTCOMES.map((k) => [k, 0])) as Record<Outcome, number>;
  const byCommand: Record<string, Record<Outcome, number>> = {};
  const findings: Finding[] = [];
  // The first call may build the command line's bundle: do it once, before the workers race.
  await runProcess(['help'], root, 120_000);
  log(`fuzz: seed ${o.seed}, ${all.length} runs (${all.filter((c) => c.kind === 'adversarial').length} adversarial, ${all.filter((c) => c.kind !== 'adversarial').length} mutants), ${o.workers} workers, timeout ${o.timeoutMs / 1000} s`);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < all.length) {
      const c = all[next++];
      const dir = join(scratch, c.id);
      const args = materialise(c, dir);
      const run = await runProcess(args, dir, c.big ? o.timeoutMs * 3 : o.timeoutMs);
      const verdict = classify(run, { command: c.command, args: c.args, doc: docOf(c) });
      counts[verdict.outcome]++;
      const command = KNOWN_COMMANDS.includes(c.command) ? c.command : '(other)';
      byCommand[command] ??= Object.fromEntries(OUTCOMES.map((k) => [k, 0])) as Record<Outcome, number>;
      byCommand[command][verdict.outcome]++;
      if (verdict.outcome === 'crash' || verdict.outcome === 'hang' || verdict.outcome === 'wrong') {
        const known = knownAs(c.command, verdict)?.owner;
        findings.push({ id: c.id, label: c.label.slice(0, 300), command: c.command, args: c.args, outcome: verdict.outcome, reason: verdict.reason, ms: run.ms, ...(known ? { known } : {}) });
        if (o.out) keep(o.out, c, verdict, run, dir);
        log(`${verdict.outcome.toUpperCase()}${known ? ` (known, ${known})` : ''} ${c.id} [${c.args.join(' ').slice(0, 160)}] ${c.label.slice(0, 200)}\n    → ${verdict.reason}`);
      }
      rmSync(dir, { recursive: true, force: true });
      if (++done % 100 === 0) log(`  ${done}/${all.length} runs, ${Math.round((Date.now() - start) / 1000)} s: ${OUTCOMES.map((k) => `${k} ${counts[k]}`).join(', ')}`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, o.workers) }, worker));
  rmSync(scratch, { recursive: true, force: true });
  const summary: FuzzSummary = { runs: all.length, counts, byCommand, findings, seconds: (Date.now() - start) / 1000 };
  if (o.out) {
    mkdirSync(o.out, { recursive: true });
    writeFileSync(join(o.out, 'summary.json'), JSON.stringify({ options: { ...o, log: undefined }, ...summary }, null, 2) + '\n');
  }
  return summary;
}

/** The counts as a table: one row per command, one column per outcome. */
export function formatSummary(s: FuzzSummary): string {
  const head = ['command', ...OUTCOMES, 'runs'];
  const rows = Object.entries(s.byCommand)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([c, k]) => [c, ...OUTCOMES.map((o) => String(k[o])), String(OUTCOMES.reduce((n, o) => n + k[o], 0))]);
  rows.push(['all', ...OUTCOMES.map((o) => String(s.counts[o])), String(s.runs)]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((x, i) => (i ? x.padStart(widths[i]) : x.padEnd(widths[i]))).join('  ');
  const known = s.findings.filter((f) => f.known);
  const owners = [...new Set(known.map((f) => f.known))].map((o) => `${o} ${known.filter((f) => f.known === o).length}`);
  return [line(head), ...rows.map(line), '', `${s.runs} runs in ${Math.round(s.seconds)} s; of the ${s.findings.length} crashes, hangs and wrong answers, ${known.length} are known and reported to their owners${owners.length ? ` (${owners.join(', ')})` : ''}`].join('\n');
}

function parseCli(argv: string[]): FuzzOptions {
  const o: FuzzOptions = { seed: 1, mutants: 2000, adversarial: 'all', small: false, workers: 2, timeoutMs: 60_000, out: join(root, 'tests', 'fuzz', 'findings') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--seed') o.seed = Number(value());
    else if (a === '--mutants') o.mutants = Number(value());
    else if (a === '--adversarial') {
      const v = value();
      o.adversarial = v === 'all' ? 'all' : Number(v);
    } else if (a === '--workers') o.workers = Number(value());
    else if (a === '--timeout') o.timeoutMs = Number(value()) * 1000;
    else if (a === '--small') o.small = true;
    else if (a === '--out') o.out = value();
    else throw new Error(`unknown option ${a} (options: --seed N --mutants N --adversarial all|N --workers N --timeout S --small --out DIR)`);
  }
  if (![o.seed, o.mutants, o.workers, o.timeoutMs].every(Number.isFinite)) throw new Error('--seed, --mutants, --workers and --timeout take numbers');
  return o;
}

async function main(argv: string[]): Promise<number> {
  const o = parseCli(argv);
  if (o.out && existsSync(o.out)) rmSync(o.out, { recursive: true, force: true });
  const s = await fuzz({ ...o, log: (l) => console.log(l) });
  console.log('\n' + formatSummary(s));
  if (o.out) console.log(`\nCrashes, hangs and wrong answers: ${s.findings.length}${s.findings.length ? ` (inputs and command.sh in ${o.out}/<outcome>/<id>/)` : ''}; summary in ${join(o.out, 'summary.json')}`);
  return s.findings.some((f) => !f.known) ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e) => {
      console.error(`fuzz: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 2;
    },
  );
}
