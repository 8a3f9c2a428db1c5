/**
 * Modes of FORMAT.md: one plant, several ways to run it. A mode's `units` is a JSON merge patch
 * (RFC 7386) per unit id — `null` takes a unit out of service — and its `streams` replace the
 * routing when given. Streams that touch a unit out of service are dropped with it.
 */
import { joinPath, type Diagnostic } from './diagnostics';
import type { FlowsheetDoc, StreamDecl, UnitDecl } from './document';

export function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const base: Record<string, unknown> =
    target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete base[key];
    else base[key] = mergePatch(base[key], value);
  }
  return base;
}

export function streamEndUnit(ref: string): string {
  const dot = ref.lastIndexOf('.');
  return dot < 0 ? ref : ref.slice(0, dot);
}

export interface ModeView {
  units: Record<string, UnitDecl>;
  streams: Record<string, StreamDecl>;
  /** Units the mode takes out of service. */
  idle: string[];
}

/** The units and streams that run in `mode` (the base flowsheet when mode is undefined). */
export function applyMode(doc: FlowsheetDoc, mode: string | undefined, diagnostics: Diagnostic[]): ModeView | undefined {
  if (mode === undefined) return { units: doc.units, streams: doc.streams, idle: [] };
  const decl = doc.modes?.[mode];
  if (!decl) {
    const known = Object.keys(doc.modes ?? {});
    diagnostics.push({
      path: 'modes',
      message: known.length
        ? `mode "${mode}" does not exist (modes: ${known.join(', ')})`
        : `mode "${mode}" does not exist: this flowsheet has no modes`,
    });
    return undefined;
  }
  const units: Record<string, UnitDecl> = { ...doc.units };
  const idle: string[] = [];
  for (const [id, patch] of Object.entries(decl.units ?? {})) {
    const path = joinPath(joinPath(joinPath('modes', mode), 'units'), id);
    if (patch === null) {
      if (!(id in units)) diagnostics.push({ path, message: `mode "${mode}" takes out unit "${id}", which does not exist`, unit: id });
      delete units[id];
      idle.push(id);
    } else if (id in units) {
      units[id] = mergePatch(units[id], patch) as UnitDecl;
    } else if (typeof patch.type === 'string') {
      units[id] = patch as UnitDecl;
    } else {
      diagnostics.push({ path, message: `mode "${mode}" changes unit "${id}", which does not exist (a new unit needs a "type")`, unit: id });
    }
  }
  let streams: Record<string, StreamDecl>;
  if (decl.streams) {
    streams = decl.streams;
  } else {
    const idleSet = new Set(idle);
    streams = {};
    for (const [id, s] of Object.entries(doc.streams)) {
      if (!idleSet.has(streamEndUnit(s.from)) && !idleSet.has(streamEndUnit(s.to))) streams[id] = s;
    }
  }
  return { units, streams, idle };
}
