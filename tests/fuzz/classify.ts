/**
 * What a run of the command line came to: ok (exit 0 and a sane answer), a clean refusal (exit 1 or
 * 2, a located message on stderr, no stack trace, nothing on stdout), a crash (exit 70, a signal, a
 * stack trace, output on stdout with a refusal, or a refusal that is not clean), a hang (killed at
 * the timeout), or a wrong answer with exit 0 (NaN/null/Infinity, a negative flow, an element
 * balance open beyond 1e-9 relative, a stream or product of the file missing, a mode the file does
 * not have).
 */

export type Outcome = 'ok' | 'refusal' | 'crash' | 'hang' | 'wrong';
export const OUTCOMES: readonly Outcome[] = ['ok', 'refusal', 'crash', 'hang', 'wrong'];

export interface Run {
  code: number | null;
  signal: string | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  /** stdout was longer than what was kept: its answer is not checked. */
  stdoutCut: boolean;
}

/** What the answer is checked against: the file given (parsed) and the command line. */
export interface Expectation {
  command: string;
  args: string[];
  doc: unknown;
}

export interface Verdict {
  outcome: Outcome;
  reason: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const has = (o: unknown, k: string) => isObj(o) && Object.prototype.hasOwnProperty.call(o, k);
const at = (o: unknown, k: string): unknown => (has(o, k) ? (o as Obj)[k] : undefined);

const STACK = /^\s+at .+(:\d+:\d+\)?|\(native\)|<anonymous>\)?)$/m;
const NOT_A_NUMBER = /(^|[\s|(,:=])(-?Infinity|NaN)([\s|),%]|$)|\bundefined\b|\[object Object\]/m;
/** A refusal's line this long is not a message a user can read (an echoed 10-million-character id). */
const MAX_MESSAGE_LINE = 10_000;

export function classify(run: Run, expect: Expectation): Verdict {
  if (run.timedOut) return { outcome: 'hang', reason: 'killed at the timeout' };
  if (run.signal) return { outcome: 'crash', reason: `killed by ${run.signal}: ${firstLine(run.stderr)}` };
  if (STACK.test(run.stderr)) return { outcome: 'crash', reason: `stack trace on stderr: ${firstLine(run.stderr)}` };
  if (run.code === 70 || /internal error|FATAL ERROR/.test(run.stderr)) return { outcome: 'crash', reason: `exit ${run.code}: ${firstLine(run.stderr)}` };
  if (run.code === 1 || run.code === 2) return refusal(run);
  if (run.code !== 0) return { outcome: 'crash', reason: `exit ${run.code}: ${firstLine(run.stderr)}` };
  const wrong = run.stdoutCut ? undefined : checkAnswer(run.stdout, expect);
  return wrong ? { outcome: 'wrong', reason: wrong } : { outcome: 'ok', reason: '' };
}

function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim()) ?? '';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

function refusal(run: Run): Verdict {
  const crash = (why: string): Verdict => ({ outcome: 'crash', reason: `unclean refusal (exit ${run.code}): ${why}` });
  if (run.stdout.length) return crash(`${run.stdout.length} characters on stdout: ${firstLine(run.stdout)}`);
  const lines = run.stderr.split('\n').filter((l) => l.trim());
  const long = lines.find((l) => l.length > MAX_MESSAGE_LINE);
  if (long) return crash(`a message line of ${long.length.toLocaleString('en-US')} characters`);
  if (run.code === 1) {
    const errors = lines.filter((l) => l.startsWith('error: '));
    if (!errors.length) return crash(`no "error:" line on stderr: ${firstLine(run.stderr)}`);
    const unlocated = errors.find((l) => !/^error: [^:]*\S: \S/.test(l) && !/^error: \S.*?: \S/.test(l));
    if (unlocated) return crash(`a message without its place: ${unlocated.slice(0, 200)}`);
    // A message may quote what the file says ("NaN"); unquoted, it is the program's own.
    const garbled = errors.find((l) => /(^|[^"'\w])(undefined|NaN)([^"'\w]|$)|\[object Object\]/.test(l));
    if (garbled) return crash(`a garbled message: ${garbled.slice(0, 200)}`);
  } else if (!/^flexsheet: \S/.test(lines[0] ?? '')) return crash(`a usage error without "flexsheet: ...": ${firstLine(run.stderr)}`);
  return { outcome: 'refusal', reason: firstLine(run.stderr) };
}

/** The flag's value in a command line, if given. */
function flag(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Streams and product units the answer must show for a mode (or the base plant). */
function expected(doc: unknown, mode: string | undefined): { streams: string[]; products: string[] } {
  const units = at(doc, 'units');
  let streams = at(doc, 'streams');
  const idle = new Set<string>();
  const types = new Map<string, unknown>();
  if (isObj(units)) for (const [id, u] of Object.entries(units)) types.set(id, at(u, 'type'));
  if (mode !== undefined) {
    const m = at(at(doc, 'modes'), mode);
    if (isObj(at(m, 'streams'))) streams = at(m, 'streams');
    const patches = at(m, 'units');
    if (isObj(patches)) {
      for (const [id, p] of Object.entries(patches)) {
        if (p === null) idle.add(id);
        else if (has(p, 'type')) types.set(id, at(p, 'type'));
        else if (!types.has(id)) types.set(id, undefined);
      }
    }
  }
  const unitOf = (end: unknown) => (typeof end === 'string' ? end.slice(0, end.lastIndexOf('.')) : '');
  const liveStreams = isObj(streams) ? Object.entries(streams).filter(([, s]) => !idle.has(unitOf(at(s, 'from'))) && !idle.has(unitOf(at(s, 'to')))).map(([id]) => id) : [];
  const products = [...types].filter(([id, t]) => t === 'product' && !idle.has(id)).map(([id]) => id);
  return { streams: liveStreams, products };
}

/** The first null or non-number in v; the economics commands write a quantity without bound as "Infinity" (docs/economics.md). */
const ECONOMICS = ['economics', 'switchover', 'campaign', 'study'];

function firstNull(v: unknown, economics: boolean, path = ''): string | undefined {
  const stack: [unknown, string][] = [[v, path]];
  while (stack.length) {
    const [x, p] = stack.pop()!;
    if (x === null) return p || '(root)';
    if (typeof x === 'string' && /^(-?Infinity|NaN)$/.test(x) && !(economics && /^-?Infinity$/.test(x))) return `${p} ("${x}")`;
    if (Array.isArray(x)) x.forEach((y, i) => stack.push([y, `${p}[${i}]`]));
    else if (isObj(x)) for (const [k, y] of Object.entries(x)) stack.push([y, `${p}.${k}`]);
  }
  return undefined;
}

function checkAnswer(stdout: string, e: Expectation): string | undefined {
  const writesFile = e.command === 'schema' && e.args.includes('--validators');
  if (!stdout.trim()) return writesFile ? undefined : 'exit 0 with nothing on stdout';
  const json = e.args.includes('--json') || (e.command === 'schema' && !writesFile);
  if (!json) return NOT_A_NUMBER.test(stdout) ? `not a number in the output: …${stdout.slice(Math.max(0, stdout.search(NOT_A_NUMBER) - 60), stdout.search(NOT_A_NUMBER) + 40).replace(/\s+/g, ' ')}…` : undefined;
  let out: unknown;
  try {
    out = JSON.parse(stdout);
  } catch {
    return 'stdout is not JSON';
  }
  // Reconciliation and comparison write null for what the data do not determine.
  if (e.command !== 'reconcile' && e.command !== 'compare') {
    const n = firstNull(out, ECONOMICS.includes(e.command));
    if (n) return `null or a non-number at ${n}`;
  }
  const mode = flag(e.args, '--mode');
  const modes = isObj(at(e.doc, 'modes')) ? Object.keys(at(e.doc, 'modes') as Obj) : [];
  if (mode !== undefined && !modes.includes(mode)) return `answered for mode "${mode}", which the file does not have (modes: ${modes.join(', ') || 'none'})`;
  switch (e.command) {
    case 'solve':
      return checkSolve(out, e.doc, mode);
    case 'report':
      return checkReport(out, e.doc, mode);
    case 'economics':
      return checkEconomics(out, e.doc, modes, mode);
    case 'switchover':
    case 'campaign': {
      const listed = at(out, 'modes');
      const names = Array.isArray(listed) ? listed : [at(out, 'from'), at(out, 'to')];
      const unknown = names.find((m) => typeof m !== 'string' || !(modes.length ? modes.includes(m) : m === '(base)'));
      return unknown === undefined ? undefined : `mode "${String(unknown)}" in the answer, which the file does not have (modes: ${modes.join(', ') || 'none'})`;
    }
    default:
      return undefined;
  }
}

function checkSolve(out: unknown, doc: unknown, mode: string | undefined): string | undefined {
  if (mode !== undefined ? at(out, 'mode') !== mode : has(out, 'mode')) return `"mode" is ${JSON.stringify(at(out, 'mode'))}, asked ${JSON.stringify(mode)}`;
  const { streams, products } = expected(doc, mode);
  const shown = at(out, 'streams');
  const missing = streams.find((s) => !has(shown, s));
  if (missing !== undefined) return `stream "${missing}" of the file is missing from the answer`;
  if (isObj(shown)) {
    for (const [id, s] of Object.entries(shown)) {
      for (const table of ['massFlow', 'molarFlow']) {
        const flows = at(s, table);
        if (isObj(flows)) for (const [sp, v] of Object.entries(flows)) if (typeof v === 'number' && v < 0) return `negative flow: streams.${id}.${table}["${sp}"] = ${v}`;
      }
    }
  }
  const recovery = at(out, 'recovery');
  const lost = products.find((p) => !has(recovery, p));
  if (lost !== undefined) return `product "${lost}" is missing from the recoveries`;
  const elements = at(out, 'elements');
  if (isObj(elements)) {
    for (const [el, b] of Object.entries(elements)) {
      const i = at(b, 'in');
      const o = at(b, 'out');
      if (typeof i !== 'number' || typeof o !== 'number') return `element ${el}: in or out is not a number`;
      if (Math.abs(i - o) > 1e-9 * Math.max(Math.abs(i), Math.abs(o))) return `element ${el} does not balance: in ${i}, out ${o} kg/h (relative ${(Math.abs(i - o) / Math.max(Math.abs(i), Math.abs(o))).toExponential(2)})`;
    }
  }
  return undefined;
}

function checkReport(out: unknown, doc: unknown, mode: string | undefined): string | undefined {
  if (mode !== undefined ? at(out, 'mode') !== mode : has(out, 'mode')) return `"mode" is ${JSON.stringify(at(out, 'mode'))}, asked ${JSON.stringify(mode)}`;
  const listed = at(out, 'products');
  const ids = new Set(Array.isArray(listed) ? listed.map((p) => at(p, 'id')) : []);
  const lost = expected(doc, mode).products.find((p) => !ids.has(p));
  if (lost !== undefined) return `product "${lost}" is missing from the report`;
  for (const p of Array.isArray(listed) ? listed : []) {
    const m = at(p, 'massFlow');
    if (typeof m === 'number' && m < 0) return `product "${String(at(p, 'id'))}" has a negative mass flow ${m}`;
  }
  return undefined;
}

function checkEconomics(out: unknown, doc: unknown, modes: string[], mode: string | undefined): string | undefined {
  const listed = at(out, 'modes');
  if (!Array.isArray(listed)) return '"modes" is not a list';
  for (const m of listed) {
    const name = at(m, 'mode');
    const known = modes.length ? modes.includes(name as string) : name === '(base)';
    if (!known) return `mode "${String(name)}" in the answer, which the file does not have (modes: ${modes.join(', ') || 'none'})`;
    if (mode !== undefined && name !== mode) return `mode "${String(name)}" answered, asked "${mode}"`;
    // A product unit is sold (products) or paid for (disposal: residues, effluents).
    const listedUnits = [at(m, 'products'), at(m, 'disposal')].flatMap((l) => (Array.isArray(l) ? l.map((p) => at(p, 'unit')) : []));
    const units = new Set(listedUnits);
    const lost = expected(doc, modes.length ? (name as string) : undefined).products.find((p) => !units.has(p));
    if (lost !== undefined) return `mode "${String(name)}": product "${lost}" is missing from the economics`;
  }
  if (modes.length && mode === undefined && listed.length !== modes.length) return `${listed.length} modes answered, the file has ${modes.length}`;
  return undefined;
}
