/**
 * Modes of FORMAT.md: one plant, several ways to run it. A mode's `units` is a JSON merge patch
 * (RFC 7386) per unit id — `null` takes a unit out of service — its `streams` replace the routing
 * when given, and its `specs` patch the specifications as `units` patches units. Streams that touch
 * a unit out of service are dropped with it. Every id is an ordinary key (records.ts).
 */
import { joinPath, quoteId, type Diagnostic } from './diagnostics';
import type { FlowsheetDoc, SpecDecl, StreamDecl, UnitDecl } from './document';
import { dict, dictFrom, has, own } from './records';

/** RFC 7386 merge patch, without recursion limits beyond the document's (read.ts checks depth). */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const base = isObject(target) ? dictFrom(target as Record<string, unknown>) : dict<unknown>();
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete base[key];
    else base[key] = mergePatch(own(base, key), value);
  }
  return base;
}

const isObject = (v: unknown): boolean => v !== null && typeof v === 'object' && !Array.isArray(v);

export function streamEndUnit(ref: string): string {
  const dot = ref.lastIndexOf('.');
  return dot < 0 ? ref : ref.slice(0, dot);
}

export interface ModeView {
  units: Record<string, UnitDecl>;
  streams: Record<string, StreamDecl>;
  specs: Record<string, SpecDecl>;
  /** Units the mode takes out of service. */
  idle: string[];
  /** Units the mode adds or changes (their merged parameters are checked again). */
  changed: string[];
}

/** The units, streams and specs that run in `mode` (the base flowsheet when mode is undefined). */
export function applyMode(doc: FlowsheetDoc, mode: string | undefined, diagnostics: Diagnostic[]): ModeView | undefined {
  const specs = dictFrom(doc.specs);
  if (mode === undefined) return { units: dictFrom(doc.units), streams: dictFrom(doc.streams), specs, idle: [], changed: [] };
  const decl = own(doc.modes, mode);
  if (!decl) {
    const known = Object.keys(doc.modes ?? {});
    diagnostics.push({
      path: 'modes',
      message: known.length ? `mode ${quoteId(mode)} does not exist (modes: ${known.join(', ')})` : `mode ${quoteId(mode)} does not exist: this flowsheet has no modes`,
    });
    return undefined;
  }
  const base = joinPath('modes', mode);
  const units = dictFrom(doc.units);
  const idle: string[] = [];
  const changed: string[] = [];
  for (const [id, patch] of Object.entries(decl.units ?? {})) {
    const path = joinPath(joinPath(base, 'units'), id);
    if (patch === null) {
      if (!has(units, id)) diagnostics.push({ path, message: `mode "${mode}" takes out unit "${id}", which does not exist`, unit: id });
      delete units[id];
      idle.push(id);
    } else if (has(units, id)) {
      units[id] = mergePatch(units[id], patch) as UnitDecl;
      changed.push(id);
    } else if (typeof patch.type === 'string') {
      units[id] = patch as UnitDecl;
      changed.push(id);
    } else {
      diagnostics.push({ path, message: `mode "${mode}" changes unit "${id}", which does not exist (a new unit needs a "type")`, unit: id });
    }
  }
  for (const [id, patch] of Object.entries(decl.specs ?? {})) {
    if (patch === null) delete specs[id];
    else specs[id] = mergePatch(own(specs, id), patch) as SpecDecl;
  }
  const idleSet = new Set(idle);
  let streams = dict<StreamDecl>();
  if (decl.streams) streams = dictFrom(decl.streams);
  else for (const [id, s] of Object.entries(doc.streams)) if (!idleSet.has(streamEndUnit(s.from)) && !idleSet.has(streamEndUnit(s.to))) streams[id] = s;
  return { units, streams, specs, idle, changed };
}
