/**
 * Puts each solver diagnostic where the user will look for it: on the unit, the port or the stream
 * at fault. A diagnostic names them in its fields (unit, port, stream) or in its JSON path
 * (`units.leach.reactions[0].equation`, `streams.s4.to`); "no steady state" names a whole loop
 * in its message, and every unit of the loop and every stream inside it is marked.
 */
import type { Diagnostic, StreamDecl } from '../../core';
import { parseRef } from './doc';
import { hasOwn } from './own';

export interface DiagnosticMap {
  units: Map<string, Diagnostic[]>;
  /** Key "<unit>.<port>". */
  ports: Map<string, Diagnostic[]>;
  streams: Map<string, Diagnostic[]>;
  /** Diagnostics about the plant as a whole (species, basis, the file). */
  general: Diagnostic[];
}

/** Splits a JSON path of core/diagnostics.ts joinPath into its segments. */
export function pathSegments(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  const re = /\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\.?([A-Za-z_$][\w$]*)/g;
  let m: RegExpExecArray | null;
  let last = 0;
  while ((m = re.exec(path)) !== null) {
    if (m.index !== last) break;
    last = re.lastIndex;
    if (m[1] !== undefined) out.push(Number(m[1]));
    else if (m[2] !== undefined) out.push(JSON.parse(m[2]) as string);
    else out.push(m[3]);
  }
  return out;
}

function push<K>(map: Map<K, Diagnostic[]>, key: K, d: Diagnostic) {
  const list = map.get(key);
  if (list) {
    if (!list.includes(d)) list.push(d);
  } else map.set(key, [d]);
}

/** Unit ids quoted in a "no steady state" message: `the recycle loop through units "a", "b"`. */
function loopUnits(message: string): string[] {
  const m = /through units ((?:"[^"]*"(?:, )?)+)/.exec(message);
  if (!m) return [];
  return [...m[1].matchAll(/"([^"]*)"/g)].map((x) => x[1]);
}

/** `plant` is what the diagram draws: the base plant or a mode's (plant.ts). */
export function mapDiagnostics(diagnostics: readonly Diagnostic[], plant: { units: Readonly<Record<string, unknown>>; streams: Readonly<Record<string, StreamDecl>> }): DiagnosticMap {
  const doc = plant;
  const map: DiagnosticMap = { units: new Map(), ports: new Map(), streams: new Map(), general: [] };
  for (const d of diagnostics) {
    let placed = false;
    const seg = pathSegments(d.path);
    let stream = d.stream;
    if (!stream && seg[0] === 'streams' && typeof seg[1] === 'string') stream = seg[1];
    if (!stream && seg[0] === 'modes' && seg[2] === 'streams' && typeof seg[3] === 'string') stream = seg[3];
    if (stream && hasOwn(doc.streams, stream)) {
      push(map.streams, stream, d);
      placed = true;
    }
    let unit = d.unit;
    if (!unit && seg[0] === 'units' && typeof seg[1] === 'string') unit = seg[1];
    if (!unit && seg[0] === 'modes' && seg[2] === 'units' && typeof seg[3] === 'string') unit = seg[3];
    const loop = d.message.startsWith('no steady state') ? loopUnits(d.message) : [];
    const units = loop.length ? loop : unit ? [unit] : [];
    for (const u of units) {
      if (!hasOwn(doc.units, u)) continue;
      // A stream problem is shown on the stream; its unit gets it too unless the stream exists.
      if (!stream || !hasOwn(doc.streams, stream) || loop.length) push(map.units, u, d);
      placed = true;
    }
    if (unit && d.port && hasOwn(doc.units, unit)) push(map.ports, `${unit}.${d.port}`, d);
    if (loop.length > 1) {
      const inLoop = new Set(loop);
      for (const id of Object.keys(doc.streams)) {
        const s = doc.streams[id];
        if (inLoop.has(parseRef(s.from).unit) && inLoop.has(parseRef(s.to).unit)) push(map.streams, id, d);
      }
    }
    if (!placed) map.general.push(d);
  }
  return map;
}
