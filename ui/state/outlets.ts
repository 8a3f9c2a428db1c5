/**
 * Renaming, adding and removing a unit's outlets: the unit's other parameters that name an outlet
 * (fractions, splits) and the streams leaving it follow the change.
 */
import type { StreamDecl, UnitDecl } from '../../core';
import { formatRef, parseRef } from './doc';
import { withEntry } from './own';

export interface OutletChange {
  unit: UnitDecl;
  renames: Map<string, string>;
  removed: string[];
}

/** A unit with its outlet names replaced: keys naming a renamed outlet renamed, keys of removed ones dropped. */
export function withOutlets(unit: UnitDecl, param: string, names: readonly string[]): OutletChange {
  const old = Array.isArray(unit[param]) ? (unit[param] as string[]).slice() : [];
  const renames = new Map<string, string>();
  old.forEach((o, i) => {
    if (i < names.length && names[i] !== o && !old.includes(names[i])) renames.set(o, names[i]);
  });
  const removed = old.filter((o) => !names.includes(o) && !renames.has(o));
  const next: UnitDecl = { ...unit, [param]: [...names] };
  for (const key of Object.keys(next)) {
    const value = next[key];
    if (key === param || value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    const map = value as Record<string, unknown>;
    if (!Object.keys(map).some((k) => renames.has(k) || removed.includes(k))) continue;
    let out: Record<string, unknown> = {};
    for (const k of Object.keys(map)) if (!removed.includes(k)) out = withEntry(out, renames.get(k) ?? k, map[k]);
    next[key] = out;
  }
  return { unit: next, renames, removed };
}

/** Streams leaving a renamed outlet follow it; streams on a removed outlet are deleted. */
export function followOutlets(streams: Record<string, StreamDecl>, unitId: string, change: Pick<OutletChange, 'renames' | 'removed'>) {
  for (const sid of Object.keys(streams)) {
    const s = streams[sid];
    const r = parseRef(s.from);
    if (r.unit !== unitId) continue;
    if (change.renames.has(r.port)) s.from = formatRef({ unit: unitId, port: change.renames.get(r.port)! });
    else if (change.removed.includes(r.port)) delete streams[sid];
  }
}

