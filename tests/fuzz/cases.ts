/**
 * The inputs of a fuzz run: seeded mutants of every shipped plant and fixture, mutated pilot CSVs,
 * and a fixed list of adversarial files and command lines (deep nesting, huge ids and numbers,
 * NaN-like strings, prototype-named ids everywhere, nulls and empty objects in place of objects,
 * duplicated ports, 10⁵ streams, a wrong type at every node), each run through a command.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatPath } from '../../core';
import { int, mutateCsv, mutateJson, nodesOf, oddId, pathText, pick, PROTOTYPE_NAMES, writeJson, type Rng } from './mutate';

export interface FuzzCase {
  id: string;
  kind: 'mutant' | 'csv' | 'adversarial';
  /** What the input is, in one line. */
  label: string;
  /** The command run: `solve`, `sweep`, … */
  command: string;
  /** Files written into the case's folder, by name; a function is called when the case runs. */
  files: Record<string, string | (() => string)>;
  /** The command line after `flexsheet`; an argument `@name` is the path of file `name`. */
  args: string[];
  /** Slow or memory-hungry: left out of small runs. */
  big?: boolean;
}

export const root = join(import.meta.dirname, '..', '..');
const read = (p: string) => readFileSync(join(root, p), 'utf8');

/** Every shipped plant and fixture, and the pilot CSVs with the flowsheet each belongs to. */
function sources(): { plants: string[]; csvs: { csv: string; plant: string }[] } {
  const plants = [
    ...readdirSync(join(root, 'flowsheets')).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json')).map((f) => `flowsheets/${f}`),
    ...readdirSync(join(root, 'tests', 'fixtures')).filter((f) => f.endsWith('.json')).map((f) => `tests/fixtures/${f}`),
  ].sort();
  const csvs = readdirSync(join(root, 'flowsheets', 'pilot'))
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((f) => {
      // The CSV names its flowsheet in its comments ("Reconcile with: bin/flexsheet reconcile PLANT DATA").
      const text = read(`flowsheets/pilot/${f}`);
      const plant = /reconcile (\S+\.json)/.exec(text)?.[1] ?? /(tests\/fixtures\/\S+\.json|flowsheets\/\S+\.json)/.exec(text)?.[1];
      if (!plant) throw new Error(`flowsheets/pilot/${f}: no flowsheet named in its comments`);
      return { csv: `flowsheets/pilot/${f}`, plant };
    });
  return { plants, csvs };
}

/** The cost of a command on a plant, for small runs: the black-mass plants take seconds. */
const SMALL = ['tests/fixtures/recycle-purge.json', 'tests/fixtures/economics-two-mode.json', 'tests/fixtures/reconcile-leach-sx.json', 'flowsheets/pilot/leach-sx-pilot.csv'];

function modesOf(doc: unknown): string[] {
  const m = doc && typeof doc === 'object' ? (doc as { modes?: unknown }).modes : undefined;
  return m && typeof m === 'object' && !Array.isArray(m) ? Object.keys(m) : [];
}

/** --mode NAME: a mode of the file, none, or one it does not have. */
function modeArgs(rng: Rng, doc: unknown, flag = '--mode'): string[] {
  const modes = modesOf(doc);
  const r = rng();
  if (r < 0.55 && modes.length) return [flag, pick(rng, modes)];
  if (r < 0.85) return [];
  return [flag, pick(rng, [...PROTOTYPE_NAMES, 'no-such-mode', ' ', 'ünï', 'x'.repeat(300)])];
}

/** A `--set UNIT.PATH=FROM:TO:N` for one of the plant's numeric parameters (or a broken one). */
function sweepSet(rng: Rng, doc: unknown): string {
  const units = doc && typeof doc === 'object' ? (doc as { units?: unknown }).units : undefined;
  const leaves = units && typeof units === 'object' ? nodesOf(units).filter((n) => typeof n.value === 'number' && n.path.length >= 2 && n.path[1] !== 'position' && n.path[1] !== 'equipment') : [];
  if (!leaves.length || rng() < 0.1) return pick(rng, ['x=0:1:2', '__proto__.flows.x=0:1:2', '=0:1:2', 'a.b=1:2', 'a.b=NaN:1:3', 'a.b=0:1:100001']);
  const n = pick(rng, leaves);
  const [unit, ...rest] = n.path as (string | number)[];
  const v = n.value as number;
  const [from, to] = pick(rng, [
    [v * 0.5, v * 1.5],
    [0, v],
    [v, v * 10 ** int(rng, 1, 8)],
    [-v, v],
    [0, 1],
    [1e-300, 1e300],
  ]);
  const pts = pick(rng, [1, 2, 3, 5, 0, 100001]);
  return `${String(unit)}.${formatPath(rest)}=${from}:${to}:${pts}`;
}

/** The command line for a mutated flowsheet. */
function commandFor(rng: Rng, doc: unknown, csv: string | undefined): { command: string; args: string[] } {
  const json = () => (rng() < 0.7 ? ['--json'] : []);
  const command = pick(rng, ['solve', 'solve', 'solve', 'solve', 'report', 'sweep', 'economics', 'switchover', 'campaign', 'compare', ...(csv ? ['reconcile', 'reconcile'] : [])]);
  switch (command) {
    case 'solve':
    case 'report':
    case 'economics':
      return { command, args: [command, '@plant.json', ...modeArgs(rng, doc), ...json()] };
    case 'sweep':
      return { command, args: ['sweep', '@plant.json', '--set', sweepSet(rng, doc), ...(rng() < 0.2 ? ['--set', sweepSet(rng, doc)] : []), ...modeArgs(rng, doc), ...(rng() < 0.3 ? ['--csv', '@out.csv'] : [])] };
    case 'switchover': {
      const modes = modesOf(doc);
      const pair = modes.length && rng() < 0.6 ? ['--from', pick(rng, modes), '--to', pick(rng, modes)] : rng() < 0.2 ? ['--from', pick(rng, PROTOTYPE_NAMES), '--to', pick(rng, [...modes, 'x'])] : [];
      return { command, args: ['switchover', '@plant.json', ...pair, ...json()] };
    }
    case 'campaign':
      return { command, args: ['campaign', '@plant.json', ...json()] };
    case 'reconcile':
      return { command, args: ['reconcile', '@plant.json', '@data.csv', ...modeArgs(rng, doc), ...(rng() < 0.2 ? ['--no-fit'] : []), ...(rng() < 0.5 ? ['--json'] : []), ...(rng() < 0.2 ? ['--csv', '@out.csv'] : [])] };
    default:
      return { command: 'compare', args: ['compare', '@plant.json', ...(csv && rng() < 0.5 ? ['@data.csv'] : []), ...(rng() < 0.4 ? ['--all-modes'] : modeArgs(rng, doc)), ...json()] };
  }
}

/** `count` seeded mutants: flowsheet mutants on every source, and (one in five) pilot-CSV mutants. */
export function mutants(rng: Rng, count: number, small: boolean): FuzzCase[] {
  const { plants, csvs } = sources();
  const usable = small ? plants.filter((p) => SMALL.includes(p)) : plants;
  const usableCsvs = small ? csvs.filter((c) => SMALL.includes(c.csv)) : csvs;
  const csvOf = (plant: string) => csvs.find((c) => c.plant === plant)?.csv;
  const out: FuzzCase[] = [];
  for (let i = 0; i < count; i++) {
    const id = `mut-${String(i).padStart(5, '0')}`;
    if (usableCsvs.length && rng() < 0.2) {
      const { csv, plant } = pick(rng, usableCsvs);
      const m = mutateCsv(rng, read(csv));
      const compare = rng() < 0.3;
      const doc = JSON.parse(read(plant));
      out.push({
        id,
        kind: 'csv',
        label: `${csv}: ${m.edits.join('; ')}`,
        command: compare ? 'compare' : 'reconcile',
        files: { 'plant.json': read(plant), 'data.csv': m.text },
        args: compare ? ['compare', '@plant.json', '@data.csv', ...(rng() < 0.5 ? ['--json'] : [])] : ['reconcile', '@plant.json', '@data.csv', ...modeArgs(rng, doc, '--mode').slice(0, rng() < 0.5 ? 0 : 2), ...(rng() < 0.3 ? ['--no-fit'] : []), ...(rng() < 0.4 ? ['--json'] : [])],
      });
      continue;
    }
    const plant = pick(rng, usable);
    const m = mutateJson(rng, read(plant));
    let doc: unknown;
    try {
      doc = JSON.parse(m.text);
    } catch {
      doc = undefined;
    }
    const csv = csvOf(plant);
    const { command, args } = commandFor(rng, doc, csv);
    out.push({ id, kind: 'mutant', label: `${plant}: ${m.edits.join('; ')}`, command, files: { 'plant.json': m.text, ...(csv ? { 'data.csv': read(csv) } : {}) }, args });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Adversarial files.

type Doc = Record<string, any>;
const recycle = (): Doc => JSON.parse(read('tests/fixtures/recycle-purge.json'));
const economics = (): Doc => JSON.parse(read('tests/fixtures/economics-two-mode.json'));
const leachSx = (): Doc => JSON.parse(read('tests/fixtures/reconcile-leach-sx.json'));
const own = (o: object, k: string, v: unknown) => Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });

/** A copy of `doc` with unit `from` renamed `to` in its table, its stream ends, its modes and economics. */
function renameUnit(doc: Doc, from: string, to: string): Doc {
  const text = JSON.stringify(doc, (k, v) => (typeof v === 'string' && (k === 'from' || k === 'to') && v.startsWith(`${from}.`) ? `${to}${v.slice(from.length)}` : v));
  const d = JSON.parse(text.replaceAll(`"${from}":`, `${JSON.stringify(to)}:`));
  return d;
}

const ECONOMICS_COMMANDS = ['economics', 'switchover', 'campaign'];

export function adversarial(rng: Rng): FuzzCase[] {
  const out: FuzzCase[] = [];
  const add = (label: string, files: FuzzCase['files'], args: string[], big = false) => {
    out.push({ id: `adv-${String(out.length).padStart(4, '0')}`, kind: 'adversarial', label, command: args[0], files, args, big });
  };
  const plant = (label: string, doc: unknown, command = 'solve', extra: string[] = ['--json'], big = false) =>
    add(label, { 'plant.json': typeof doc === 'string' ? doc : writeJson(doc, 0) }, [command, '@plant.json', ...extra], big);
  const ALL = ['solve', 'report', ...ECONOMICS_COMMANDS, 'sweep', 'compare'];
  /** The file through each of `commands` (every command that reads a flowsheet when omitted). */
  const everyCommand = (label: string, doc: unknown, commands = ALL) => {
    for (const c of commands) {
      const first = Object.keys((doc as Doc)?.units ?? {})[0];
      const extra = c === 'report' ? [] : c === 'sweep' ? ['--set', `${first}.flows["H2O(l)"]=1:2:2`] : c === 'compare' ? ['--all-modes', '--json'] : ['--json'];
      plant(`${label} (${c})`, doc, c, extra);
    }
  };

  // Deep nesting, in the text and in a parsed mode patch.
  plant('10,000 "["', '['.repeat(10000));
  plant('10,000 {"a":', '{"a":'.repeat(10000));
  plant('10,000 "[" inside a string, then valid', writeJson({ ...recycle(), description: '['.repeat(10000) }, 0));
  const deepPatch = writeJson({ ...economics(), modes: { ...economics().modes, deep: { units: { leach: { deep: 'DEEP' } } } } }, 0).replace('"DEEP"', `${'{"x":'.repeat(10000)}1${'}'.repeat(10000)}`);
  for (const c of ['solve', ...ECONOMICS_COMMANDS]) plant(`mode patch nested 10,000 deep (${c})`, deepPatch, c, c === 'solve' ? ['--mode', 'deep'] : []);
  const nest = (n: number) => JSON.parse('['.repeat(n) + ']'.repeat(n));
  plant('an extra top-level key nested 63 deep (allowed)', { ...recycle(), extra: nest(63) });
  plant('an extra top-level key nested 64 deep', { ...recycle(), extra: nest(64) });

  // Huge ids.
  const long = (n: number) => 'u'.repeat(n);
  for (const n of [256, 257, 10_000_000]) {
    const big = n > 1e6;
    plant(`a unit id of ${n} characters`, renameUnit(recycle(), 'bleed', long(n)), 'solve', ['--json'], big);
    const d = recycle();
    d.streams = { ...d.streams, [long(n)]: d.streams.s4 };
    delete d.streams.s4;
    plant(`a stream id of ${n} characters`, d, 'solve', ['--json'], big);
    const sp = recycle();
    sp.species[`${'C'.repeat(Math.min(n, 300))}(s)`] = {};
    plant(`a species id of ${Math.min(n, 300) + 3} characters`, sp);
    const m = economics();
    own(m.modes, long(n), m.modes.zinc);
    if (!big) plant(`a mode name of ${n} characters`, m, 'solve', ['--mode', long(n), '--json']);
    if (!big) plant(`a mode name of ${n} characters (campaign)`, m, 'campaign', ['--json']);
  }
  plant('--mode of 100,000 characters', economics(), 'solve', ['--mode', long(100_000)]);

  // Huge and tiny numbers, numbers as strings.
  const flows = (basis: string, f: Record<string, unknown>, extra: (d: Doc) => void = () => {}) => {
    const d = recycle();
    d.basis = basis;
    d.units.fresh.flows = f;
    extra(d);
    return d;
  };
  plant('a flow of 1e308 kg/h', flows('kg/h', { 'NaCl(aq)': 1e308, 'H2O(l)': 1 }));
  plant('two feeds at 1.5e308 kg/h', flows('kg/h', { 'NaCl(aq)': 1.5e308, 'H2O(l)': 1.5e308 }));
  plant('a flow of 1e306 t/h', flows('t/h', { 'NaCl(aq)': 1, 'H2O(l)': 1e306 }));
  plant('a flow of 1e12 t/h (at the limit)', flows('t/h', { 'NaCl(aq)': 1e12, 'H2O(l)': 1e12 }));
  plant('a flow of 1e12 mol/s (at the limit)', flows('mol/s', { 'NaCl(aq)': 1e12, 'H2O(l)': 1 }));
  plant('a flow written 1e999', writeJson(flows('kg/h', { 'NaCl(aq)': 1, 'H2O(l)': 1 }), 0).replace('"H2O(l)":1', '"H2O(l)":1e999'));
  plant('a flow written -1e999', writeJson(flows('kg/h', { 'NaCl(aq)': 1, 'H2O(l)': 1 }), 0).replace('"H2O(l)":1', '"H2O(l)":-1e999'));
  plant('a flow written -0', writeJson(flows('kg/h', { 'NaCl(aq)': 1, 'H2O(l)': 1 }), 0).replace('"H2O(l)":1', '"H2O(l)":-0'));
  plant('a flow written NaN (not JSON)', writeJson(flows('kg/h', { 'NaCl(aq)': 1, 'H2O(l)': 1 }), 0).replace('"H2O(l)":1', '"H2O(l)":NaN'));
  plant('denormal flows (5e-324 kmol/h)', flows('kmol/h', { 'NaCl(aq)': 5e-324, 'H2O(l)': 5e-324 }));
  plant('flows of 1e-300 and 1e12 kmol/h side by side', flows('kmol/h', { 'NaCl(aq)': 1e-300, 'H2O(l)': 1e12 }));
  plant('a flow of 1e-12 beside 1e12', flows('kmol/h', { 'NaCl(aq)': 1e-12, 'H2O(l)': 1e12 }));
  for (const s of ['NaN', 'Infinity', '-Infinity', '1e999', '12', '', ' ', '0x10', '1_000']) plant(`a flow of "${s}"`, flows('kmol/h', { 'NaCl(aq)': s, 'H2O(l)': 1 }));
  for (const [purge, label] of [[1e-12, '1e-12'], [1e-300, '1e-300'], [5e-324, '5e-324'], [0, '0'], [1 - 1e-16, '1-1e-16']] as const) {
    const d = recycle();
    d.units.split.fractions = { recycle: 1 - purge, purge };
    plant(`a recycle with a ${label} purge`, d);
    plant(`a recycle with a ${label} purge (sweep)`, d, 'sweep', ['--set', 'split.fractions.recycle=0.5:0.999999:3']);
  }
  for (const [a, b] of [[0.9 + 9e-10, 0.1], [0.9 + 1e-6, 0.1], [0.9, 0.1 - 1e-13], ['0.9', 0.1], [0.9, null], [-0.1, 1.1], [1e308, 1e308]] as const) {
    const d = recycle();
    d.units.split.fractions = { recycle: a, purge: b };
    plant(`splitter fractions ${a} and ${b}`, d);
  }
  for (const T of [-273.15, -273.16, 5000, 5001, 'NaN', 1e308, null]) {
    const d = recycle();
    d.units.mix.T = T;
    plant(`a unit at T = ${T}`, d);
  }

  // Prototype-named ids everywhere.
  for (const name of PROTOTYPE_NAMES) {
    for (const unit of ['fresh', 'mix', 'split', 'bleed']) plant(`unit "${unit}" renamed "${name}"`, renameUnit(recycle(), unit, name));
    const st = recycle();
    const streams: Doc = {};
    for (const [k, v] of Object.entries(st.streams)) own(streams, k === 's3' ? name : k, v);
    st.streams = streams;
    plant(`stream "s3" renamed "${name}"`, st);
    const outlet = recycle();
    outlet.units.split.outlets = ['recycle', name];
    outlet.units.split.fractions = JSON.parse(`{"recycle":0.9,${JSON.stringify(name)}:0.1}`);
    outlet.streams.s4 = { from: `split.${name}`, to: 'bleed.in' };
    plant(`splitter outlet "${name}"`, outlet);
    plant(`splitter outlet "${name}" (sweep)`, outlet, 'sweep', ['--set', `split.fractions.${name}=0.05:0.2:3`]);
    const sp = recycle();
    own(sp.species, name, {});
    plant(`species "${name}"`, sp);
    const spf = recycle();
    own(spf.units.fresh.flows, name, 1);
    plant(`a feed flow of species "${name}"`, spf);
    // Modes and economics.
    const m = economics();
    const modes: Doc = {};
    for (const [k, v] of Object.entries(m.modes)) own(modes, k === 'zinc' ? name : k, v);
    m.modes = modes;
    if (m.economics?.modes?.zinc) {
      const em: Doc = {};
      for (const [k, v] of Object.entries(m.economics.modes)) own(em, k === 'zinc' ? name : k, v);
      m.economics.modes = em;
    }
    everyCommand(`mode "zinc" renamed "${name}"`, m);
    plant(`mode "zinc" renamed "${name}" (solve --mode)`, m, 'solve', ['--mode', name, '--json']);
    plant(`mode "zinc" renamed "${name}" (switchover --from copper --to)`, m, 'switchover', ['--from', 'copper', '--to', name, '--json']);
    plant(`--mode "${name}" on a plant without modes`, recycle(), 'solve', ['--mode', name, '--json']);
    plant(`--mode "${name}" on a plant without it (economics)`, economics(), 'economics', ['--mode', name, '--json']);
    plant(`--from "${name}" on a plant without it`, economics(), 'switchover', ['--from', name, '--to', 'zinc']);
    const econUnits = ['leach', 'liquor', 'residue', 'polish', 'ore'];
    ALL.forEach((c, j) => {
      const unit = econUnits[(j + PROTOTYPE_NAMES.indexOf(name)) % econUnits.length];
      everyCommand(`economics unit "${unit}" renamed "${name}"`, renameUnit(economics(), unit, name), [c]);
    });
    const prices = economics();
    for (const section of ['reagents', 'products', 'feeds'] as const) {
      const table = prices.economics.prices[section] ?? {};
      const first = Object.keys(table)[0];
      if (first) own(table, name, table[first]);
    }
    everyCommand(`economics prices named "${name}"`, prices);
    const spec = recycle();
    spec.specs = {};
    own(spec.specs, name, { target: { stream: 's4', species: 'NaCl(aq)', quantity: 'molarFlow', value: 5 }, adjust: { unit: 'fresh', param: ['flows', 'NaCl(aq)'], min: 0, max: 100 } });
    plant(`spec "${name}"`, spec);
    const specParam = recycle();
    specParam.specs = { s: { target: { stream: 's4', species: 'NaCl(aq)', quantity: 'molarFlow', value: 5 }, adjust: { unit: 'split', param: ['fractions', name], min: 0, max: 1 } } };
    plant(`spec adjusting fractions.${name}`, specParam);
    // Reconciliation with prototype names in the plant and the CSV.
    const rx = renameUnit(leachSx(), 'leach', name);
    const csv = read('flowsheets/pilot/leach-sx-pilot.csv').replaceAll('reagent:leach', `reagent:${name}`);
    add(`reconcile: the reagent-dosing unit named "${name}"`, { 'plant.json': writeJson(rx, 0), 'data.csv': csv }, ['reconcile', '@plant.json', '@data.csv', '--json']);
    add(`reconcile then solve: the dosing unit "${name}" (compare)`, { 'plant.json': writeJson(rx, 0), 'data.csv': csv }, ['compare', '@plant.json', '@data.csv', '@plant.json', '--json']);
    const rs = leachSx();
    const rsStreams: Doc = {};
    for (const [k, v] of Object.entries(rs.streams)) own(rsStreams, k === 'cake' ? name : k, v);
    rs.streams = rsStreams;
    add(`reconcile: stream "cake" named "${name}" in plant and CSV`, { 'plant.json': writeJson(rs, 0), 'data.csv': read('flowsheets/pilot/leach-sx-pilot.csv').replace(/^([AB]),cake,/gm, `$1,${name},`) }, ['reconcile', '@plant.json', '@data.csv']);
    for (const col of ['run', 'stream', 'component', 'unit']) {
      const idx = ['run', 'stream', 'component', 'value', 'unit', 'sd'].indexOf(col);
      const lines = read('flowsheets/pilot/leach-sx-pilot.csv').split('\n');
      const edited = lines.map((l) => (/^[AB],/.test(l) && l.includes('cake') ? l.split(',').map((c, i) => (i === idx ? name : c)).join(',') : l)).join('\n');
      add(`pilot CSV: ${col} "${name}" on the cake rows`, { 'plant.json': read('tests/fixtures/reconcile-leach-sx.json'), 'data.csv': edited }, ['reconcile', '@plant.json', '@data.csv']);
    }
    add(`reconcile --run "${name}"`, { 'plant.json': read('tests/fixtures/reconcile-leach-sx.json'), 'data.csv': read('flowsheets/pilot/leach-sx-pilot.csv') }, ['reconcile', '@plant.json', '@data.csv', '--run', name]);
  }

  // Nulls, empty objects and wrong types in place of objects.
  for (const v of [null, [], 'x', 42, true, {}]) plant(`the whole file is ${JSON.stringify(v)}`, v);
  for (const key of ['units', 'streams', 'species', 'modes', 'economics', 'specs', 'name', 'basis', 'format']) {
    for (const v of [null, {}, [], 'x', 0]) {
      const d = economics();
      d[key] = v;
      if (key === 'units' || key === 'economics' || key === 'modes') everyCommand(`${key} is ${JSON.stringify(v)}`, d, v === null ? ALL : ['solve', ...ECONOMICS_COMMANDS]);
      else plant(`${key} is ${JSON.stringify(v)}`, d);
    }
  }
  for (const unit of Object.keys(economics().units)) {
    for (const v of [null, {}, [], 'mixer']) {
      const d = economics();
      d.units[unit] = v;
      everyCommand(`unit "${unit}" is ${JSON.stringify(v)}`, d, v === null ? ALL : ['solve', ...ECONOMICS_COMMANDS]);
    }
    const eq = economics();
    eq.units[unit].equipment = pick(rng, [null, {}, [], 'x', { holdup: null }, { changeover: null }, { service: null }, { holdup: { mass: -1 } }, { changeover: { time: 1e308, cost: 1e308 } }]);
    everyCommand(`unit "${unit}": equipment ${JSON.stringify(eq.units[unit].equipment)}`, eq, ECONOMICS_COMMANDS);
  }
  for (const path of ['modes.zinc', 'modes.zinc.units', 'modes.zinc.streams', 'modes.zinc.units.ore', 'modes.zinc.units.leach.reactions', 'economics.prices', 'economics.prices.reagents', 'economics.modes', 'economics.campaign', 'economics.modes.zinc', 'economics.modes.copper.availability']) {
    for (const v of [null, {}, [], 'x', -1]) {
      const d = economics();
      const keys = path.split('.');
      let o = d;
      for (const k of keys.slice(0, -1)) o = o?.[k];
      if (!o || typeof o !== 'object') continue;
      o[keys.at(-1)!] = v;
      everyCommand(`${path} is ${JSON.stringify(v)}`, d, path.startsWith('modes') ? ['solve', ...ECONOMICS_COMMANDS] : ECONOMICS_COMMANDS);
    }
  }
  for (const stream of Object.keys(recycle().streams)) {
    for (const v of [null, {}, { from: 'mix.out' }, { from: null, to: null }, { from: 'mix', to: 'split' }, { from: '.out', to: 'split.' }]) {
      const d = recycle();
      d.streams[stream] = v;
      plant(`stream ${stream} is ${JSON.stringify(v)}`, d);
    }
  }

  // Duplicated ports.
  {
    const d = recycle();
    d.streams.s5 = { from: 'split.purge', to: 'bleed.in' };
    plant('two streams from one outlet', d);
    const e = recycle();
    e.units.split.outlets = ['recycle', 'recycle'];
    plant('a splitter listing one outlet twice', e);
    const f = recycle();
    f.streams.s5 = { from: 'bleed.in', to: 'mix.in' };
    plant('a stream from an inlet', f);
    const g = recycle();
    g.streams.s5 = { from: 'mix.out', to: 'mix.in' };
    plant('a stream from a unit to itself', g);
    plant('duplicate keys in the JSON text', writeJson(recycle(), 0).replace('"s4":', '"s1":{"from":"fresh.out","to":"mix.in"},"s4":'));
    plant('the same stream id twice in the text', writeJson(recycle(), 0).replace('"s4":', '"s3":{"from":"split.purge","to":"bleed.in"},"s4":'));
  }

  // Big plants: 10⁵ streams.
  const chain = (n: number, json: boolean) => {
    const units: Doc = { feed: { type: 'feed', flows: { 'NaCl(aq)': 1, 'H2O(l)': 10 } } };
    const streams: Doc = {};
    let prev = 'feed.out';
    for (let i = 0; i < n; i++) {
      units[`m${i}`] = { type: 'mixer' };
      streams[`s${i}`] = { from: prev, to: `m${i}.in` };
      prev = `m${i}.out`;
    }
    units.out = { type: 'product' };
    streams.last = { from: prev, to: 'out.in' };
    return () => writeJson({ format: 'flexsheet/1', name: 'chain', basis: 'kmol/h', species: { 'NaCl(aq)': {}, 'H2O(l)': {} }, units, streams }, 0) + (json ? '' : '\n');
  };
  add('a chain of 100,000 mixers (10⁵ streams)', { 'plant.json': chain(100_000, true) }, ['solve', '@plant.json', '--json'], true);
  add('a chain of 100,000 mixers (report)', { 'plant.json': chain(100_000, false) }, ['report', '@plant.json'], true);
  const fan = () => {
    const units: Doc = { mix: { type: 'mixer' }, out: { type: 'product' } };
    const streams: Doc = { last: { from: 'mix.out', to: 'out.in' } };
    for (let i = 0; i < 100_000; i++) {
      units[`f${i}`] = { type: 'feed', flows: { 'H2O(l)': 1 } };
      streams[`s${i}`] = { from: `f${i}.out`, to: 'mix.in' };
    }
    return writeJson({ format: 'flexsheet/1', name: 'fan', basis: 'kmol/h', species: { 'H2O(l)': {} }, units, streams }, 0);
  };
  add('100,000 feeds into one mixer', { 'plant.json': fan }, ['solve', '@plant.json'], true);
  add('a file of 130 million characters', { 'plant.json': () => writeJson(recycle(), 0).replace('{', `{${' '.repeat(130_000_000)}`) }, ['solve', '@plant.json'], true);

  // Reactions: the limit and past it.
  for (const n of [1000, 1001, 10_000]) {
    const d = recycle();
    d.units.mix = { type: 'reactor', reactions: Array.from({ length: n }, () => ({ equation: 'NaCl(aq) -> NaCl(aq)', key: 'NaCl(aq)', conversion: 0 })) };
    plant(`a reactor with ${n} reactions`, d, 'solve', [], n > 1001);
  }

  // Odd species.
  for (const sp of ['X(s)', 'C999999999(s)', 'Na[99+](aq)', 'H2O', '(aq)', 'H2O(l)(l)', 'NaCl·1e9H2O(s)', 'Na1e308Cl(s)']) {
    const d = recycle();
    d.species[sp] = {};
    d.units.fresh.flows[sp] = 1;
    plant(`species "${sp}" fed`, d);
  }

  // A wrong type at every node of the recycle fixture, and at a node of each level of the economics fixture.
  const swaps = [null, {}, [], 'x', 1.5, true];
  for (const n of nodesOf(recycle())) {
    for (const v of swaps) {
      const d = recycle();
      if (!n.path.length) continue;
      let o: any = d;
      for (const k of n.path.slice(0, -1)) o = o[k];
      o[n.path.at(-1)!] = v;
      plant(`${pathText(n.path)} → ${JSON.stringify(v)}`, d, pick(rng, ['solve', 'solve', 'report', 'sweep', 'economics', 'compare']), []);
    }
  }
  for (const n of nodesOf(economics())) {
    if (!n.path.length || rng() < 0.5) continue;
    const d = economics();
    let o: any = d;
    for (const k of n.path.slice(0, -1)) o = o[k];
    const v = pick(rng, swaps);
    o[n.path.at(-1)!] = v;
    const c = pick(rng, ['solve', ...ECONOMICS_COMMANDS, ...ECONOMICS_COMMANDS]);
    plant(`economics fixture ${pathText(n.path)} → ${JSON.stringify(v)} (${c})`, d, c, c === 'solve' ? modeArgs(rng, d) : []);
  }

  // Command lines.
  const fx = { 'plant.json': read('tests/fixtures/recycle-purge.json') };
  const ec = { 'plant.json': read('tests/fixtures/economics-two-mode.json') };
  const rc = { 'plant.json': read('tests/fixtures/reconcile-leach-sx.json'), 'data.csv': read('flowsheets/pilot/leach-sx-pilot.csv') };
  const lines: [FuzzCase['files'], string[]][] = [
    [{}, []],
    [{}, ['help']],
    [{}, ['--help']],
    [{}, ['frobnicate']],
    [{}, ['units', 'extra']],
    [{}, ['units', '--json']],
    [{}, ['schema', '--validators']],
    [{}, ['schema', '--validators', '/nonexistent-dir/x.ts']],
    [{}, ['schema', '--validators', '@']],
    [{}, ['solve']],
    [fx, ['solve', '@plant.json', '@plant.json']],
    [fx, ['solve', '@plant.json', '--mode']],
    [fx, ['solve', '@plant.json', '--mode', '']],
    [fx, ['solve', '@plant.json', '--mode', '--json']],
    [fx, ['solve', '@plant.json', '--frob']],
    [fx, ['solve', '@']],
    [fx, ['solve', '/nonexistent/file.json']],
    [{ 'plant.json': '' }, ['solve', '@plant.json']],
    [{ 'plant.json': '\ufeff' + read('tests/fixtures/recycle-purge.json') }, ['solve', '@plant.json', '--json']],
    [{ 'plant.json': '\u0000\u0001\u00ff\ud800' }, ['solve', '@plant.json']],
    [{ 'plant.json': read('tests/fixtures/recycle-purge.json').replace(/\n/g, '\r\n') }, ['solve', '@plant.json', '--json']],
    [fx, ['sweep', '@plant.json']],
    [fx, ['sweep', '@plant.json', '--set']],
    [fx, ['sweep', '@plant.json', '--set', 'split.fractions.purge=0.05:0.5:0']],
    [fx, ['sweep', '@plant.json', '--set', 'split.fractions.purge=0.05:0.5:100001']],
    [fx, ['sweep', '@plant.json', '--set', 'split.fractions.purge=0.05:0.5:-1']],
    [fx, ['sweep', '@plant.json', '--set', 'split.fractions.purge=NaN:0.5:3']],
    [fx, ['sweep', '@plant.json', '--set', 'split.fractions.purge=1e999:0.5:3']],
    [fx, ['sweep', '@plant.json', '--set', 'split.fractions.purge=0.5:0.05:3']],
    [fx, ['sweep', '@plant.json', '--set', 'split.fractions.purge=-1:2:3']],
    [fx, ['sweep', '@plant.json', '--set', 'split.fractions.recycle=0:1:5']],
    [fx, ['sweep', '@plant.json', '--set', 'split.fractions.recycle=0.5:0.99:3', '--set', 'fresh.flows["NaCl(aq)"]=1:1e12:3']],
    [fx, ['sweep', '@plant.json', '--set', 'fresh.flows["NaCl(aq)"]=1:1e300:3']],
    [fx, ['sweep', '@plant.json', '--set', 'fresh.flows["NaCl(aq)"]=-5:5:3']],
    [fx, ['sweep', '@plant.json', '--set', 'fresh.flows["KCl(aq)"]=1:2:3']],
    [fx, ['sweep', '@plant.json', '--set', 'fresh.flows.__proto__=1:2:3']],
    [fx, ['sweep', '@plant.json', '--set', '__proto__.flows=1:2:3']],
    [fx, ['sweep', '@plant.json', '--set', 'constructor.name=1:2:3']],
    [fx, ['sweep', '@plant.json', '--set', 'split.fractions.constructor=0:1:3']],
    [fx, ['sweep', '@plant.json', '--set', 'split.outlets[0]=0:1:3']],
    [fx, ['sweep', '@plant.json', '--set', 'split=0:1:3']],
    [fx, ['sweep', '@plant.json', '--set', 'split.type=0:1:3']],
    [fx, ['sweep', '@plant.json', '--set', 'specs.x.target.value=0:1:3']],
    [fx, ['sweep', '@plant.json', '--set', 'split.fractions.purge=0.1:0.2:1000', '--set', 'fresh.flows["NaCl(aq)"]=1:2:1000', '--set', 'fresh.flows["H2O(l)"]=1:2:1000']],
    [fx, ['sweep', '@plant.json', '--set', 'split.fractions.purge=0.1:0.2:3', '--out', 'streams.s4.massFlow["NaCl(aq)"]', '--out', '__proto__', '--out', 'streams.constructor', '--out', 'x[', '--out', 'recovery.bleed.Na']],
    [fx, ['sweep', '@plant.json', '--set', 'split.fractions.purge=0.1:0.2:3', '--csv', '/nonexistent-dir/out.csv']],
    [fx, ['sweep', '@plant.json', '--set', 'split.fractions.purge=0.1:0.2:3', '--csv', '@']],
    [fx, ['report', '@plant.json', '--mode', '__proto__']],
    [ec, ['switchover', '@plant.json', '--from', 'copper']],
    [ec, ['switchover', '@plant.json', '--from', 'copper', '--to', 'copper', '--json']],
    [ec, ['switchover', '@plant.json', '--from', '', '--to', 'zinc']],
    [ec, ['economics', '@plant.json', '--mode', '']],
    [ec, ['campaign', '@plant.json', '--mode', 'zinc']],
    [rc, ['reconcile', '@plant.json']],
    [rc, ['reconcile', '@data.csv', '@plant.json']],
    [rc, ['reconcile', '@plant.json', '@plant.json']],
    [rc, ['reconcile', '@plant.json', '@data.csv', '--alpha', 'NaN']],
    [rc, ['reconcile', '@plant.json', '@data.csv', '--alpha', '0']],
    [rc, ['reconcile', '@plant.json', '@data.csv', '--alpha', '1e-300']],
    [rc, ['reconcile', '@plant.json', '@data.csv', '--alpha', '0.4999999']],
    [rc, ['reconcile', '@plant.json', '@data.csv', '--balances', 'x']],
    [rc, ['reconcile', '@plant.json', '@data.csv', '--balances', 'species', '--json']],
    [rc, ['reconcile', '@plant.json', '@data.csv', '--run', 'Z']],
    [rc, ['reconcile', '@plant.json', '@data.csv', '--mode', 'hot', '--run', 'B']],
    [rc, ['reconcile', '@plant.json', '@data.csv', '--mode', 'constructor']],
    [rc, ['reconcile', '@plant.json', '@data.csv', '--csv', '/nonexistent-dir/x.csv']],
    [rc, ['reconcile', '@plant.json', '@data.csv', '--write-fitted', '@out.json']],
    [rc, ['reconcile', '@plant.json', '@data.csv', '--run', 'A', '--write-fitted', '@']],
    [rc, ['reconcile', '@plant.json', '@data.csv', '--run', 'A', '--no-fit', '--write-fitted', '@out.json']],
    [rc, ['compare']],
    [rc, ['compare', '@data.csv', '@plant.json']],
    [rc, ['compare', '@plant.json', '@data.csv', '--elements', '__proto__,,constructor, ,Zz']],
    [rc, ['compare', '@plant.json', '@data.csv', '@data.csv', '--all-modes', '--json']],
    [rc, ['compare', '@plant.json', '--mode', 'hot', '--all-modes']],
    [rc, ['compare', '@plant.json', '@data.csv', '--run', '__proto__']],
    [rc, ['compare', '@plant.json', '@data.csv', '--csv', '/nonexistent-dir/x.csv']],
    [{ ...rc, 'data.csv': '' }, ['reconcile', '@plant.json', '@data.csv']],
    [{ ...rc, 'data.csv': 'run,stream,component,value,unit,sd,note\n' }, ['reconcile', '@plant.json', '@data.csv']],
    [{ ...rc, 'data.csv': '\u0000\u0001,\n"unterminated' }, ['reconcile', '@plant.json', '@data.csv']],
    [{ ...rc, 'data.csv': 'a,b\n'.repeat(200_000) }, ['reconcile', '@plant.json', '@data.csv']],
    [{ ...rc, 'data.csv': read('flowsheets/pilot/leach-sx-pilot.csv').replace(/,kg\/h,/g, ',kg/h,').replace(/\n/g, '\n'.repeat(3)) }, ['reconcile', '@plant.json', '@data.csv']],
    [{ ...rc, 'data.csv': read('flowsheets/pilot/leach-sx-pilot.csv').replace(/(\d+\.\d+),kg\/h/g, '1e308,kg/h') }, ['reconcile', '@plant.json', '@data.csv', '--json']],
    [{ ...rc, 'data.csv': read('flowsheets/pilot/leach-sx-pilot.csv').replace(/(\d+\.\d+),kg\/h/g, '1e-320,kg/h') }, ['reconcile', '@plant.json', '@data.csv']],
    [{ ...rc, 'data.csv': read('flowsheets/pilot/leach-sx-pilot.csv').replace(/,(\d+(\.\d+)?),([^,]*)$/gm, ',0,$3') }, ['reconcile', '@plant.json', '@data.csv']],
    [{ ...rc, 'data.csv': read('flowsheets/pilot/leach-sx-pilot.csv').replace(/,(\d+(\.\d+)?),([^,]*)$/gm, ',1e-300,$3') }, ['reconcile', '@plant.json', '@data.csv']],
    [{ ...rc, 'data.csv': read('flowsheets/pilot/leach-sx-pilot.csv').replace(/,(\d+(\.\d+)?),([^,]*)$/gm, ',1e300,$3') }, ['reconcile', '@plant.json', '@data.csv']],
    [{ ...rc, 'data.csv': read('flowsheets/pilot/leach-sx-pilot.csv').replace(/,wt%,/g, ',1e999,') }, ['reconcile', '@plant.json', '@data.csv']],
  ];
  for (const [files, args] of lines) add(`command line: flexsheet ${args.join(' ')}`, files, args.length ? args : ['(none)']);
  // Ids a user might use, solved through every command.
  for (let i = 0; i < 6; i++) {
    const id = oddId(rng);
    everyCommand(`economics unit "leach" renamed "${id.slice(0, 30)}"`, renameUnit(economics(), 'leach', id));
  }
  return out.map((c) => (c.args[0] === '(none)' ? { ...c, command: '(none)', args: [] } : c));
}
