/**
 * Every change to the document is a command: a named recipe run on an immer draft. The history
 * (history.ts) records each as patches, so anything a command does can be undone exactly.
 * Commands keep the document consistent the way a user expects: deleting a unit deletes its
 * streams, renaming it rewrites every reference to it (streams, modes), renaming an outlet
 * rewrites the streams and fractions that name it.
 *
 * The commands that change the plant take the mode they apply to: without one they edit the
 * base flowsheet, with one they edit that mode (mode-edits.ts). Ids are read and written with
 * own.ts, so "__proto__" or "constructor" is an id like any other.
 */
import type { FlowsheetDoc, ModeDecl, StreamDecl, UnitRegistry } from '../../core';
import { initialParams, parseRef, formatRef, plain, freshStreamId, freshUnitId, touches, type PortRef, type Position } from './doc';
import { cloneDeep, freezeDeep } from './deep';
import { followOutlets, withOutlets } from './outlets';
import * as inMode from './mode-edits';
import { deleteEntry, hasOwn, own, setEntry, withEntry } from './own';
import { allUnitIds } from './plant';

export interface Command {
  label: string;
  /** Consecutive commands with the same key (within a short time) merge into one undo step. */
  coalesce?: string;
  /** Changes the draft, or returns a whole new document. */
  run(draft: FlowsheetDoc): void | FlowsheetDoc;
  /** A whole new document (open, new): recorded as one replacement, without immer walking into it. */
  replace?: FlowsheetDoc;
  /** The mode to show after the command (a mode created or renamed), given the new document. */
  selectMode?(doc: FlowsheetDoc): string | undefined;
}

export function renameKey<T>(obj: Record<string, T>, from: string, to: string): Record<string, T> {
  let out: Record<string, T> = {};
  for (const k of Object.keys(obj)) out = withEntry(out, k === from ? to : k, obj[k]);
  return out;
}

function forEachMode(draft: FlowsheetDoc, f: (mode: ModeDecl) => void) {
  for (const name of Object.keys(draft.modes ?? {})) f(draft.modes![name]);
}

export function addUnit(registry: UnitRegistry, type: string, position: Position, id?: string, mode?: string): Command {
  if (mode !== undefined) return inMode.addUnit(registry, mode, type, position, id);
  return {
    label: `add ${type}`,
    run(draft) {
      const t = registry.get(type);
      if (!t) return;
      const uid = id ?? freshUnitId(draft, type);
      if (hasOwn(draft.units, uid)) return;
      setEntry(draft as Record<string, unknown>, 'units', uid, { type, ...initialParams(t), position: { x: Math.round(position.x), y: Math.round(position.y) } });
    },
  };
}

export function removeUnits(ids: readonly string[], mode?: string): Command {
  if (mode !== undefined) return inMode.remove(mode, ids, []);
  return {
    label: ids.length === 1 ? `delete ${ids[0]}` : `delete ${ids.length} units`,
    run(draft) {
      for (const id of ids) {
        if (!deleteEntry(draft.units, id)) continue;
        for (const sid of Object.keys(draft.streams)) if (touches(draft.streams[sid], id)) delete draft.streams[sid];
        forEachMode(draft, (m) => {
          deleteEntry(m.units, id);
          if (m.streams) for (const sid of Object.keys(m.streams)) if (touches(m.streams[sid], id)) delete m.streams[sid];
        });
      }
    },
  };
}

export function removeStreams(ids: readonly string[], mode?: string): Command {
  if (mode !== undefined) return inMode.remove(mode, [], ids);
  return {
    label: ids.length === 1 ? `delete stream ${ids[0]}` : `delete ${ids.length} streams`,
    run(draft) {
      for (const id of ids) deleteEntry(draft.streams, id);
    },
  };
}

/** Deletes units and streams in one step (in a mode: takes them out of that mode). */
export function removeSelection(units: readonly string[], streams: readonly string[], mode?: string): Command {
  if (mode !== undefined) return inMode.remove(mode, units, streams);
  const a = removeStreams(streams);
  const b = removeUnits(units);
  return {
    label: units.length + streams.length === 1 ? (units.length ? b.label : a.label) : `delete ${units.length + streams.length} items`,
    run(draft) {
      a.run(draft);
      b.run(draft);
    },
  };
}

/** Renames a unit everywhere: the base, every mode's patches and routing. Ids are shared by all modes. */
export function renameUnit(from: string, to: string): Command {
  return {
    label: `rename ${from} to ${to}`,
    run(draft) {
      if (from === to || !to || to.includes('.') || allUnitIds(draft).includes(to)) return;
      const inBase = hasOwn(draft.units, from);
      const inModes = Object.values(draft.modes ?? {}).some((m) => hasOwn(m.units, from));
      if (!inBase && !inModes) return;
      if (inBase) draft.units = renameKey(draft.units, from, to);
      const fix = (ref: string) => {
        const r = parseRef(ref);
        return r.unit === from ? formatRef({ unit: to, port: r.port }) : ref;
      };
      const fixAll = (streams: Record<string, StreamDecl>) => {
        for (const id of Object.keys(streams)) {
          const s = streams[id];
          const f = fix(s.from);
          const t = fix(s.to);
          if (f !== s.from) s.from = f;
          if (t !== s.to) s.to = t;
        }
      };
      fixAll(draft.streams);
      forEachMode(draft, (m) => {
        if (m.units && hasOwn(m.units, from)) m.units = renameKey(m.units, from, to);
        if (m.streams) fixAll(m.streams);
      });
    },
  };
}

export function setLabel(id: string, label: string, mode?: string): Command {
  if (mode !== undefined) return inMode.setLabel(mode, id, label);
  return {
    label: `label ${id}`,
    coalesce: `label:${id}`,
    run(draft) {
      const u = own(draft.units, id);
      if (!u) return;
      if (label.trim() === '' || label === id) delete u.label;
      else u.label = label;
    },
  };
}

/** Moves units; a whole drag is one call, so one undo step. In a mode, the mode keeps its own layout. */
export function moveUnits(positions: Readonly<Record<string, Position>>, label = 'move', mode?: string): Command {
  if (mode !== undefined) return inMode.move(mode, positions, label);
  const ids = Object.keys(positions);
  return {
    label: ids.length === 1 ? `${label} ${ids[0]}` : `${label} ${ids.length} units`,
    run(draft) {
      for (const id of ids) {
        const u = own(draft.units, id);
        const p = positions[id];
        if (u && Number.isFinite(p.x) && Number.isFinite(p.y)) u.position = { x: Math.round(p.x), y: Math.round(p.y) };
      }
    },
  };
}

export function connect(from: PortRef, to: PortRef, id?: string, mode?: string): Command {
  if (mode !== undefined) return inMode.connect(mode, from, to, id);
  return {
    label: `connect ${formatRef(from)} → ${formatRef(to)}`,
    run(draft) {
      const sid = id ?? freshStreamId(draft);
      if (hasOwn(draft.streams, sid)) return;
      setEntry(draft as Record<string, unknown>, 'streams', sid, { from: formatRef(from), to: formatRef(to) });
    },
  };
}

export function renameStream(from: string, to: string, mode?: string): Command {
  return {
    label: `rename stream ${from} to ${to}`,
    run(draft) {
      if (from === to || !to.trim()) return;
      if (mode !== undefined) {
        const m = own(draft.modes, mode);
        if (!m?.streams || !hasOwn(m.streams, from) || hasOwn(m.streams, to)) return;
        m.streams = renameKey(m.streams, from, to);
        return;
      }
      if (!hasOwn(draft.streams, from) || hasOwn(draft.streams, to)) return;
      draft.streams = renameKey(draft.streams, from, to);
    },
  };
}

/** Sets one parameter (undefined removes it). Typing in one field is one undo step. */
export function setParam(unitId: string, name: string, value: unknown, mode?: string): Command {
  if (mode !== undefined) return inMode.setParam(mode, unitId, name, value);
  return {
    label: `set ${unitId}.${name}`,
    coalesce: `param:${unitId}:${name}`,
    run(draft) {
      const u = own(draft.units, unitId);
      if (!u || name === 'type') return;
      if (value === undefined) delete u[name];
      else u[name] = cloneDeep(value);
    },
  };
}

/**
 * Replaces a unit's outlet names (`names` parameter). An outlet renamed in place keeps its
 * streams and its entries in the unit's other parameters; streams on a removed outlet are deleted.
 */
export function setOutlets(unitId: string, param: string, names: readonly string[], mode?: string): Command {
  if (mode !== undefined) return inMode.setOutlets(mode, unitId, param, names);
  return {
    label: `set ${unitId}.${param}`,
    coalesce: `param:${unitId}:${param}`,
    run(draft) {
      const u = own(draft.units, unitId);
      if (!u) return;
      const change = withOutlets(plain(u), param, names);
      setEntry(draft as Record<string, unknown>, 'units', unitId, change.unit);
      followOutlets(draft.streams, unitId, change);
    },
  };
}

export function setPlantName(name: string): Command {
  return { label: 'rename plant', coalesce: 'plant:name', run: (d) => void (d.name = name) };
}

export function addSpecies(id: string, formula?: string): Command {
  return addSpeciesList([{ id, formula }]);
}

/** Declares several species in one step (a pasted list); ids already declared are skipped. */
export function addSpeciesList(list: readonly { id: string; formula?: string }[]): Command {
  return {
    label: list.length === 1 ? `add species ${list[0].id}` : `add ${list.length} species`,
    run(draft) {
      for (const { id, formula } of list) {
        if (!id || hasOwn(draft.species, id)) continue;
        setEntry(draft as Record<string, unknown>, 'species', id, formula ? { formula } : {});
      }
    },
  };
}

export function removeSpecies(id: string): Command {
  return { label: `remove species ${id}`, run: (d) => void deleteEntry(d.species, id) };
}

/** Replaces the whole document (open a file, load an example): undoable like any edit. */
export function replaceDocument(doc: FlowsheetDoc, label = 'open'): Command {
  const replace = freezeDeep(doc);
  return { label, replace, run: () => replace };
}
