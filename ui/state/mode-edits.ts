/**
 * Edits made while a mode is selected change that mode only (FORMAT.md "Modes"): a unit's values
 * become the merge patch that turns the base unit into what the user set (so the base value
 * stays beside the override, and setting the base value back removes the override); a unit added
 * exists only in the mode; a base unit deleted is taken out of service (`null`); a stream drawn or
 * deleted changes the mode's own routing, which is first copied from the base when the mode had
 * none. Positions dragged in a mode are the mode's own layout. commands.ts routes here.
 */
import { mergePatch, type FlowsheetDoc, type ModeDecl, type StreamDecl, type UnitDecl, type UnitRegistry } from '../../core';
import { cloneDeep } from './deep';
import type { Command } from './commands';
import { formatRef, freshStreamId, freshUnitId, initialParams, plain, touches, type PortRef, type Position } from './doc';
import { followOutlets, withOutlets } from './outlets';
import { diffPatch, SAME } from './merge-diff';
import { defineEntry, deleteEntry, hasOwn, own, setEntry, withEntry } from './own';

type Patch = Record<string, unknown> | null;

function modeDraft(draft: FlowsheetDoc, mode: string): ModeDecl | undefined {
  return own(draft.modes, mode);
}

/** The unit as it runs in the mode (plain), undefined when it is not in the mode or out of service. */
function modeUnit(doc: FlowsheetDoc, mode: string, id: string): UnitDecl | undefined {
  const m = own(doc.modes, mode);
  const base = own(doc.units, id);
  const patch = own(m?.units, id) as Patch | undefined;
  if (patch === null) return undefined;
  if (!base) return patch && typeof patch.type === 'string' ? plain(patch as UnitDecl) : undefined;
  return patch ? (mergePatch(plain(base), plain(patch)) as UnitDecl) : plain(base);
}

/** Writes a unit as the mode should run it: the merge patch from the base unit (the whole unit for one only the mode has). */
function writeModeUnit(draft: FlowsheetDoc, m: ModeDecl, id: string, unit: UnitDecl) {
  const base = own(draft.units, id);
  if (!base) {
    setEntry(m as Record<string, unknown>, 'units', id, unit);
    return;
  }
  const d = diffPatch(plain(base), unit);
  if (d === SAME) {
    deleteEntry(m.units, id);
    if (m.units && Object.keys(m.units).length === 0) delete m.units;
  } else setEntry(m as Record<string, unknown>, 'units', id, d);
}

/** The mode's routing on the draft, copied from the base routing (less the units it takes out) when it had none. */
function ownRouting(draft: FlowsheetDoc, m: ModeDecl): Record<string, StreamDecl> {
  if (!m.streams) {
    const idle = Object.keys(m.units ?? {}).filter((id) => m.units![id] === null);
    const routing: Record<string, StreamDecl> = {};
    for (const sid of Object.keys(draft.streams)) {
      const s = draft.streams[sid];
      if (!idle.some((id) => touches(s, id))) defineEntry(routing, sid, plain(s));
    }
    m.streams = routing;
  }
  return m.streams;
}

function update(mode: string, id: string, label: string, coalesce: string | undefined, f: (u: UnitDecl) => UnitDecl | undefined): Command {
  return {
    label: `${label} in mode ${mode}`,
    coalesce: coalesce && `${coalesce}@${mode}`,
    run(draft) {
      const m = modeDraft(draft, mode);
      const unit = m && modeUnit(draft, mode, id);
      if (!m || !unit) return;
      const next = f(unit);
      if (next) writeModeUnit(draft, m, id, next);
    },
  };
}

export function setParam(mode: string, id: string, name: string, value: unknown): Command {
  return update(mode, id, `set ${id}.${name}`, `param:${id}:${name}`, (u) => (name === 'type' ? undefined : withEntry(u, name, value === undefined ? undefined : cloneDeep(value)) as UnitDecl));
}

export function setLabel(mode: string, id: string, label: string): Command {
  return update(mode, id, `label ${id}`, `label:${id}`, (u) => withEntry(u, 'label', label.trim() === '' || label === id ? undefined : label) as UnitDecl);
}

/** Takes the mode's value of one parameter away: the unit runs with the base value again. */
export function resetParam(mode: string, id: string, name: string): Command {
  return {
    label: `${id}.${name} back to the base value in mode ${mode}`,
    run(draft) {
      const m = modeDraft(draft, mode);
      const patch = own(m?.units, id) as Patch | undefined;
      if (!m || !patch || !hasOwn(draft.units, id)) return;
      deleteEntry(patch, name);
      if (Object.keys(patch).length === 0) deleteEntry(m.units, id);
    },
  };
}

export function setOutlets(mode: string, id: string, param: string, names: readonly string[]): Command {
  return {
    label: `set ${id}.${param} in mode ${mode}`,
    coalesce: `param:${id}:${param}@${mode}`,
    run(draft) {
      const m = modeDraft(draft, mode);
      const unit = m && modeUnit(draft, mode, id);
      if (!m || !unit) return;
      const change = withOutlets(unit, param, names);
      if (change.renames.size || change.removed.length) followOutlets(ownRouting(draft, m), id, change);
      writeModeUnit(draft, m, id, change.unit);
    },
  };
}

export function addUnit(registry: UnitRegistry, mode: string, type: string, position: Position, id?: string): Command {
  return {
    label: `add ${type} in mode ${mode}`,
    run(draft) {
      const t = registry.get(type);
      const m = modeDraft(draft, mode);
      if (!t || !m) return;
      const uid = id ?? freshUnitId(draft, type);
      if (hasOwn(draft.units, uid) || hasOwn(m.units, uid)) return;
      setEntry(m as Record<string, unknown>, 'units', uid, { type, ...initialParams(t), position: { x: Math.round(position.x), y: Math.round(position.y) } });
    },
  };
}

/** Units (only the mode has them) and streams of the mode's routing, added as given (a paste). */
export function addUnits(mode: string, units: Readonly<Record<string, UnitDecl>>, streams: Readonly<Record<string, StreamDecl>>, label: string): Command {
  return {
    label: `${label} in mode ${mode}`,
    run(draft) {
      const m = modeDraft(draft, mode);
      if (!m) return;
      for (const id of Object.keys(units)) if (!hasOwn(draft.units, id) && !hasOwn(m.units, id)) setEntry(m as Record<string, unknown>, 'units', id, cloneDeep(units[id]));
      if (Object.keys(streams).length === 0) return;
      const routing = ownRouting(draft, m);
      for (const sid of Object.keys(streams)) if (!hasOwn(routing, sid)) setEntry(m as Record<string, unknown>, 'streams', sid, { ...streams[sid] });
    },
  };
}

/** Takes base units out of service in the mode, deletes the mode's own units, removes streams from its routing. */
export function remove(mode: string, units: readonly string[], streams: readonly string[]): Command {
  const n = units.length + streams.length;
  return {
    label: `${n === 1 ? `take ${units[0] ?? `stream ${streams[0]}`}` : `take ${n} items`} out of mode ${mode}`,
    run(draft) {
      const m = modeDraft(draft, mode);
      if (!m) return;
      const routingTouched = streams.length > 0 || !!m.streams;
      const routing = routingTouched ? ownRouting(draft, m) : undefined;
      for (const id of units) {
        if (hasOwn(draft.units, id)) setEntry(m as Record<string, unknown>, 'units', id, null);
        else deleteEntry(m.units, id);
        if (routing) for (const sid of Object.keys(routing)) if (touches(routing[sid], id)) delete routing[sid];
      }
      if (routing) for (const sid of streams) deleteEntry(routing, sid);
    },
  };
}

/** Puts a base unit the mode had taken out back into service in it (with the base values). */
export function restore(mode: string, id: string): Command {
  return {
    label: `return ${id} to service in mode ${mode}`,
    run(draft) {
      const m = modeDraft(draft, mode);
      if (m && own(m.units, id) === null) deleteEntry(m.units, id);
    },
  };
}

export function connect(mode: string, from: PortRef, to: PortRef, id?: string): Command {
  return {
    label: `connect ${formatRef(from)} → ${formatRef(to)} in mode ${mode}`,
    run(draft) {
      const m = modeDraft(draft, mode);
      if (!m) return;
      const routing = ownRouting(draft, m);
      const sid = id ?? freshStreamId(draft);
      if (hasOwn(routing, sid)) return;
      setEntry(m as Record<string, unknown>, 'streams', sid, { from: formatRef(from), to: formatRef(to) });
    },
  };
}

/** The mode's own layout: positions in its patches (the base layout is left alone). */
export function move(mode: string, positions: Readonly<Record<string, Position>>, label: string): Command {
  const ids = Object.keys(positions);
  return {
    label: `${ids.length === 1 ? `${label} ${ids[0]}` : `${label} ${ids.length} units`} in mode ${mode}`,
    run(draft) {
      const m = modeDraft(draft, mode);
      if (!m) return;
      for (const id of ids) {
        const p = positions[id];
        if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
        const at = { x: Math.round(p.x), y: Math.round(p.y) };
        const patch = own(m.units, id) as Patch | undefined;
        if (patch === null) continue;
        if (patch) patch.position = at;
        else if (hasOwn(draft.units, id)) setEntry(m as Record<string, unknown>, 'units', id, { position: at });
      }
    },
  };
}
