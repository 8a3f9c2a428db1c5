/**
 * Seeded mutations of flowsheet files and pilot CSVs for the fuzz harness (tests/fuzz/harness.ts).
 * A JSON mutant is the parsed document with one to three edits (values, keys, deletions,
 * duplications, type swaps), written back as text, sometimes truncated. Numbers JSON.stringify
 * cannot write (-0, 1e999, a bare NaN) are written through placeholders so the text holds them
 * as a user's editor would.
 */

export type Rng = () => number;

export const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '__defineGetter__'];

export const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)];
export const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));

/** Ids a user (or a hostile file) may write: prototype names, long, unicode, odd characters. */
export function oddId(rng: Rng): string {
  return pick(rng, [
    ...PROTOTYPE_NAMES,
    ...PROTOTYPE_NAMES,
    'x'.repeat(256),
    'y'.repeat(257),
    'z'.repeat(int(rng, 1000, 5000)),
    'ünït-日本-🧪',
    'שלום\u200f',
    'a\u200bb',
    'e\u0301',
    '',
    ' ',
    'a.b',
    'a"b',
    '\\',
    '0',
    '-1',
    'null',
    '<script>alert(1)</script>',
    '=cmd|\' /C calc\'!A0',
  ]);
}

const RAW = '\u0000RAW:';
/** A placeholder that `writeJson` replaces by the raw text (so the file holds `-0` or `1e999`). */
const raw = (text: string) => `${RAW}${text}\u0000`;

/** JSON text of a mutated document, with the raw placeholders written out. */
export function writeJson(doc: unknown, indent: number): string {
  return JSON.stringify(doc, null, indent).replace(/"\\u0000RAW:([^"\\]*)\\u0000"/g, '$1');
}

/** A number, or something in its place, that a file might carry. */
function numberMutation(rng: Rng, x: number): [unknown, string] {
  const k = int(rng, 1, 14);
  const options: [unknown, string][] = [
    [x * 10 ** k, `×1e${k}`],
    [x / 10 ** k, `÷1e${k}`],
    [-x, 'negated'],
    [-Math.abs(x) - 1, 'negative'],
    [0, '0'],
    [raw('-0'), '-0'],
    [1e308, '1e308'],
    [raw('1e999'), '1e999 (Infinity once parsed)'],
    [-1e308, '-1e308'],
    [5e-324, 'denormal'],
    [1e-300, '1e-300'],
    [x + 1e-10, '+1e-10'],
    [x * (1 + 1e-9), '×(1+1e-9)'],
    [1 + 9e-10, '1+9e-10'],
    [Number.MAX_SAFE_INTEGER, 'MAX_SAFE_INTEGER'],
    [1e12, '1e12'],
    [1e12 * (1 + 1e-15), 'just above 1e12'],
    ['NaN', '"NaN"'],
    ['Infinity', '"Infinity"'],
    ['-Infinity', '"-Infinity"'],
    ['1e999', '"1e999"'],
    [String(x), 'as a string'],
    [raw('NaN'), 'bare NaN'],
    [null, 'null'],
    [true, 'true'],
    [[x], 'in an array'],
    [{ value: x }, 'in an object'],
  ];
  return pick(rng, options);
}

type Path = (string | number)[];
interface Node {
  path: Path;
  value: unknown;
  parent: Record<string | number, unknown> | unknown[] | undefined;
  key: string | number | undefined;
}

/** Every node of a document with its path (own properties only). */
export function nodesOf(doc: unknown): Node[] {
  const out: Node[] = [{ path: [], value: doc, parent: undefined, key: undefined }];
  const stack: Node[] = [out[0]];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.value === null || typeof n.value !== 'object') continue;
    const entries: [string | number, unknown][] = Array.isArray(n.value) ? n.value.map((v, i) => [i, v]) : Object.entries(n.value);
    for (const [k, v] of entries) {
      const child: Node = { path: [...n.path, k], value: v, parent: n.value as Record<string, unknown>, key: k };
      out.push(child);
      stack.push(child);
    }
  }
  return out;
}

export const pathText = (p: Path): string => p.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k.length > 40 ? `${k.slice(0, 40)}…` : k}`)).join('') || '(root)';

/** A copy of an object with one key renamed, keeping the order of keys. */
function renamed(o: Record<string, unknown>, from: string, to: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) Object.defineProperty(out, k === from ? to : k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

/** Sets a child in place (own property, even for `__proto__`). */
function setChild(parent: Node['parent'], key: string | number, value: unknown): void {
  Object.defineProperty(parent, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Renames an id everywhere it is used: keys equal to it, string values equal to it, and stream
 * ends "<id>.port" (not `type` values, which name unit types).
 */
function renameEverywhere(doc: unknown, from: string, to: string, ends: boolean): unknown {
  const walk = (v: unknown, key: string | number | undefined): unknown => {
    if (typeof v === 'string') {
      if (key === 'type' || key === 'format' || key === 'basis') return v;
      if (v === from) return to;
      if (ends && v.startsWith(`${from}.`) && (key === 'from' || key === 'to')) return `${to}${v.slice(from.length)}`;
      return v;
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, i));
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) setChild(out, k === from ? to : k, walk(x, k));
      return out;
    }
    return v;
  };
  return walk(doc, undefined);
}

/** Id tables of a flowsheet: where renaming a key renames an id. */
const ID_TABLES: readonly Path[] = [['units'], ['streams'], ['species'], ['modes'], ['specs']];

function idKeys(doc: Record<string, unknown>): { table: Path; id: string }[] {
  const out: { table: Path; id: string }[] = [];
  const keysAt = (p: Path) => {
    let o: unknown = doc;
    for (const k of p) o = o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined;
    return o && typeof o === 'object' && !Array.isArray(o) ? Object.keys(o) : [];
  };
  for (const t of ID_TABLES) for (const id of keysAt(t)) out.push({ table: t, id });
  const units = (doc.units && typeof doc.units === 'object' ? doc.units : {}) as Record<string, { outlets?: unknown }>;
  for (const [u, decl] of Object.entries(units)) {
    if (decl && Array.isArray(decl.outlets)) for (const o of decl.outlets) if (typeof o === 'string') out.push({ table: ['units', u, 'outlets'], id: o });
  }
  const econ = doc.economics as Record<string, unknown> | undefined;
  if (econ && typeof econ === 'object') {
    for (const section of ['reagents', 'products', 'feeds']) for (const id of keysAt(['economics', 'prices', section])) out.push({ table: ['economics', 'prices', section], id });
    for (const id of keysAt(['economics', 'modes'])) out.push({ table: ['economics', 'modes'], id });
  }
  return out;
}

export interface JsonMutant {
  text: string;
  /** What was done, one line per edit. */
  edits: string[];
}

/** One edit of the document, in place or returning a new root. */
function editOnce(rng: Rng, doc: unknown, edits: string[]): unknown {
  const nodes = nodesOf(doc);
  const numbers = nodes.filter((n) => typeof n.value === 'number' && n.parent);
  const withParent = nodes.filter((n) => n.parent);
  const op = pick(rng, ['value', 'value', 'value', 'rename-id', 'rename-id', 'rename-key', 'delete', 'duplicate', 'type', 'type', 'stream', 'mode']);
  if (op === 'value' && numbers.length) {
    const n = pick(rng, numbers);
    const [v, what] = numberMutation(rng, n.value as number);
    setChild(n.parent, n.key!, v);
    edits.push(`value ${pathText(n.path)}: ${n.value} → ${what}`);
    return doc;
  }
  if (op === 'rename-id' && doc && typeof doc === 'object') {
    const ids = idKeys(doc as Record<string, unknown>);
    if (ids.length) {
      const { table, id } = pick(rng, ids);
      const to = oddId(rng);
      edits.push(`rename ${pathText(table)} "${id.slice(0, 40)}" → "${to.slice(0, 40)}"${to.length > 40 ? ` (${to.length} chars)` : ''} everywhere`);
      return renameEverywhere(doc, id, to, table[0] === 'units');
    }
  }
  if (op === 'rename-key') {
    const objects = withParent.filter((n) => n.value && typeof n.value === 'object' && !Array.isArray(n.value) && Object.keys(n.value).length);
    if (objects.length) {
      const n = pick(rng, objects);
      const key = pick(rng, Object.keys(n.value as object));
      const to = oddId(rng);
      setChild(n.parent, n.key!, renamed(n.value as Record<string, unknown>, key, to));
      edits.push(`rename key ${pathText([...n.path, key])} → "${to.slice(0, 40)}"`);
      return doc;
    }
  }
  if (op === 'delete' && withParent.length) {
    const n = pick(rng, withParent);
    if (Array.isArray(n.parent)) n.parent.splice(n.key as number, 1);
    else delete (n.parent as Record<string, unknown>)[n.key!];
    edits.push(`delete ${pathText(n.path)}`);
    return doc;
  }
  if (op === 'duplicate' && withParent.length) {
    const n = pick(rng, withParent);
    const copy = structuredClone(n.value);
    if (Array.isArray(n.parent)) n.parent.splice(n.key as number, 0, copy);
    else setChild(n.parent, pick(rng, [`${n.key}_2`, ...PROTOTYPE_NAMES]), copy);
    edits.push(`duplicate ${pathText(n.path)}`);
    return doc;
  }
  if (op === 'type' && nodes.length) {
    const n = pick(rng, nodes);
    const v = pick(rng, [null, {}, [], '', 'x', 0, 1, true, [n.value], { x: n.value }]);
    edits.push(`type ${pathText(n.path)} → ${JSON.stringify(v)?.slice(0, 40)}`);
    if (!n.parent) return v;
    setChild(n.parent, n.key!, v);
    return doc;
  }
  if (op === 'stream' && doc && typeof doc === 'object') {
    // Duplicated or crossed ports: a second stream from the same outlet or into another unit's outlet.
    const streams = (doc as { streams?: Record<string, { from?: unknown; to?: unknown }> }).streams;
    const list = streams && typeof streams === 'object' ? Object.entries(streams) : [];
    if (list.length) {
      const [id, s] = pick(rng, list);
      const [other] = pick(rng, list);
      const kind = pick(rng, ['same', 'swap', 'self', 'from-other']);
      const copy = { ...s };
      if (kind === 'swap') [copy.from, copy.to] = [s.to, s.from];
      if (kind === 'self' && typeof s.from === 'string') copy.to = `${s.from.split('.')[0]}.in`;
      if (kind === 'from-other') copy.from = streams![other]?.from;
      setChild(streams, `${id}_dup`, copy);
      edits.push(`stream ${id}: duplicated (${kind})`);
      return doc;
    }
  }
  if (op === 'mode' && doc && typeof doc === 'object') {
    const d = doc as Record<string, unknown>;
    const units = d.units && typeof d.units === 'object' ? Object.keys(d.units) : [];
    if (units.length) {
      const modes = (d.modes && typeof d.modes === 'object' ? d.modes : (d.modes = {})) as Record<string, unknown>;
      const name = pick(rng, ['extra', ...PROTOTYPE_NAMES]);
      const u = pick(rng, units);
      const patch = pick(rng, [null, {}, { type: 'mixer' }, { flows: null }, { fractions: { x: 1 } }, { T: 90 }]);
      setChild(modes, name, { units: Object.defineProperty({}, u, { value: patch, enumerable: true, writable: true, configurable: true }) });
      edits.push(`mode "${name}": units.${u} = ${JSON.stringify(patch)}`);
      return doc;
    }
  }
  edits.push('(no edit)');
  return doc;
}

/** A seeded mutant of a flowsheet's text: one to three edits, sometimes cut short. */
export function mutateJson(rng: Rng, text: string): JsonMutant {
  let doc: unknown = JSON.parse(text);
  const edits: string[] = [];
  const n = rng() < 0.6 ? 1 : rng() < 0.7 ? 2 : 3;
  for (let i = 0; i < n; i++) doc = editOnce(rng, doc, edits);
  let out = writeJson(doc, rng() < 0.7 ? 2 : 0);
  if (rng() < 0.06) {
    const at = int(rng, 0, out.length - 1);
    out = out.slice(0, at);
    edits.push(`truncated at character ${at}`);
  }
  return { text: out, edits };
}

/** Splits one CSV line, honouring double quotes. */
function csvCells(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (cell += '"', i++);
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') (cells.push(cell), (cell = ''));
    else cell += c;
  }
  cells.push(cell);
  return cells;
}

const csvCell = (c: string) => (/[",\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);

/** A seeded mutant of a pilot CSV: cell edits, rows deleted or duplicated, the header broken, the text cut. */
export function mutateCsv(rng: Rng, text: string): JsonMutant {
  const lines = text.split('\n');
  const header = lines.findIndex((l) => /^run,/.test(l) || /^stream,/.test(l));
  const columns = header >= 0 ? csvCells(lines[header]) : [];
  const data = lines.map((_, i) => i).filter((i) => i > header && lines[i].trim() && !lines[i].startsWith('#'));
  const edits: string[] = [];
  const n = rng() < 0.6 ? 1 : 2;
  for (let e = 0; e < n && data.length; e++) {
    const row = pick(rng, data);
    const cells = csvCells(lines[row]);
    const op = pick(rng, ['cell', 'cell', 'cell', 'cell', 'delete-row', 'duplicate-row', 'header', 'columns']);
    if (op === 'cell') {
      const c = int(rng, 0, cells.length - 1);
      const name = columns[c] ?? `column ${c + 1}`;
      const x = Number(cells[c]);
      const numeric = cells[c] !== '' && Number.isFinite(x);
      const value = numeric
        ? pick(rng, [String(x * 10 ** int(rng, 1, 12)), String(x / 10 ** int(rng, 1, 12)), String(-x), '0', '-0', '1e308', '1e999', '-1e308', 'NaN', 'Infinity', '', 'abc', '1,5', '5e-324', ' 12 ', '0x10', '=1+1'])
        : pick(rng, [...PROTOTYPE_NAMES, ...PROTOTYPE_NAMES, '', 'nosuch', 'reagent:constructor', 'reagent:__proto__', 'Zz', 'wt%', 'g/L', 'kg/h', 'm3/h', 'mg/L', 'ppm', '%solids', 'SG', 't', 'h', '=cmd|\' /C calc\'!A0', '+1', '@SUM(A1)', 'x'.repeat(300), 'ü日本', '"']);
      edits.push(`row ${row + 1} ${name}: "${cells[c].slice(0, 30)}" → "${value.slice(0, 30)}"`);
      cells[c] = value;
      lines[row] = cells.map(csvCell).join(',');
    } else if (op === 'delete-row') {
      edits.push(`row ${row + 1} deleted`);
      lines[row] = '';
    } else if (op === 'duplicate-row') {
      edits.push(`row ${row + 1} duplicated`);
      lines.splice(row, 0, lines[row]);
    } else if (op === 'header' && header >= 0) {
      const h = csvCells(lines[header]);
      const c = int(rng, 0, h.length - 1);
      const v = pick(rng, ['', ...PROTOTYPE_NAMES, 'value', 'VALUE', 'run']);
      edits.push(`header column ${c + 1}: "${h[c]}" → "${v}"`);
      h[c] = v;
      lines[header] = h.join(',');
    } else {
      const extra = pick(rng, ['drop', 'add']);
      edits.push(`row ${row + 1}: ${extra === 'drop' ? 'last cell dropped' : 'extra cells'}`);
      lines[row] = extra === 'drop' ? cells.slice(0, -1).map(csvCell).join(',') : `${lines[row]},x,y`;
    }
  }
  let out = lines.join(rng() < 0.1 ? '\r\n' : '\n');
  if (rng() < 0.05) out = `\ufeff${out}`;
  if (rng() < 0.06) {
    const at = int(rng, 0, out.length - 1);
    out = out.slice(0, at);
    edits.push(`truncated at character ${at}`);
  }
  return { text: out, edits };
}
