/**
 * Every change to the document is a command: a named recipe run on an immer draft. The history
 * (history.ts) records each as patches, so anything a command does can be undone exactly.
 * Commands keep the document consistent the way a user expects: deleting a unit deletes its
 * streams, renaming it rewrites every reference to it (streams, modes), renaming an outlet
 * rewrites the streams and fractions that name it.
 */
import { current, isDraft } from 'immer';
import type { FlowBasis, FlowsheetDoc, ModeDecl, StreamDecl, UnitRegistry } from '../../core';
import { formatRef, freshId, initialParams, parseRef, type PortRef, type Position } from './doc';

export interface Command {
  label: string;
  /** Consecutive commands with the same key (within a short time) merge into one undo step. */
  coalesce?: string;
  /** Changes the draft, or returns a whole new document. */
  run(draft: FlowsheetDoc): void | FlowsheetDoc;
}

const plain = <T>(value: T): T => structuredClone(isDraft(value) ? (current(value as never) as T) : value);

/** A stream id not yet used: s1, s2, ... */
export function freshStreamId(doc: FlowsheetDoc): string {
  for (let i = Object.keys(doc.streams).length + 1; ; i++) if (!(`s${i}` in doc.streams)) return `s${i}`;
}

function renameKey<T>(obj: Record<string, T>, from: string, to: string): Record<string, T> {
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k === from ? to : k, v]));
}

function touches(s: StreamDecl, unit: string): boolean {
  return parseRef(s.from).unit === unit || parseRef(s.to).unit === unit;
}

function forEachMode(draft: FlowsheetDoc, f: (mode: ModeDecl) => void) {
  for (const m of Object.values(draft.modes ?? {})) f(m);
}

export function addUnit(registry: UnitRegistry, type: string, position: Position, id?: string): Command {
  return {
    label: `add ${type}`,
    run(draft) {
      const t = registry.get(type);
      if (!t) return;
      const uid = id ?? freshId(Object.keys(draft.units), type);
      if (uid in draft.units) return;
      draft.units[uid] = { type, ...initialParams(t), position: { x: Math.round(position.x), y: Math.round(position.y) } };
    },
  };
}

export function removeUnits(ids: readonly string[]): Command {
  return {
    label: ids.length === 1 ? `delete ${ids[0]}` : `delete ${ids.length} units`,
    run(draft) {
      for (const id of ids) {
        if (!(id in draft.units)) continue;
        delete draft.units[id];
        for (const [sid, s] of Object.entries(draft.streams)) if (touches(s, id)) delete draft.streams[sid];
        forEachMode(draft, (m) => {
          if (m.units && id in m.units) delete m.units[id];
          if (m.streams) for (const [sid, s] of Object.entries(m.streams)) if (touches(s, id)) delete m.streams[sid];
        });
      }
    },
  };
}

export function removeStreams(ids: readonly string[]): Command {
  return {
    label: ids.length === 1 ? `delete stream ${ids[0]}` : `delete ${ids.length} streams`,
    run(draft) {
      for (const id of ids) delete draft.streams[id];
    },
  };
}

/** Deletes units and streams in one step. */
export function removeSelection(units: readonly string[], streams: readonly string[]): Command {
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

export function renameUnit(from: string, to: string): Command {
  return {
    label: `rename ${from} to ${to}`,
    run(draft) {
      if (from === to || !(from in draft.units) || to in draft.units || !to || to.includes('.')) return;
      draft.units = renameKey(draft.units, from, to);
      const fix = (ref: string) => {
        const r = parseRef(ref);
        return r.unit === from ? formatRef({ unit: to, port: r.port }) : ref;
      };
      for (const s of Object.values(draft.streams)) {
        s.from = fix(s.from);
        s.to = fix(s.to);
      }
      forEachMode(draft, (m) => {
        if (m.units && from in m.units) m.units = renameKey(m.units, from, to);
        for (const s of Object.values(m.streams ?? {})) {
          s.from = fix(s.from);
          s.to = fix(s.to);
        }
      });
    },
  };
}

export function setLabel(id: string, label: string): Command {
  return {
    label: `label ${id}`,
    coalesce: `label:${id}`,
    run(draft) {
      const u = draft.units[id];
      if (!u) return;
      if (label.trim() === '' || label === id) delete u.label;
      else u.label = label;
    },
  };
}

export function duplicateUnits(ids: readonly string[], offset: Position = { x: 40, y: 40 }): Command {
  return {
    label: ids.length === 1 ? `duplicate ${ids[0]}` : `duplicate ${ids.length} units`,
    run(draft) {
      for (const id of ids) {
        const u = draft.units[id];
        if (!u) continue;
        const copy = plain(u);
        const nid = freshId(Object.keys(draft.units), id.replace(/\d+$/, '') || id);
        const p = copy.position as Position | undefined;
        copy.position = { x: (p?.x ?? 0) + offset.x, y: (p?.y ?? 0) + offset.y };
        if (typeof copy.label === 'string') copy.label = `${copy.label} (copy)`;
        draft.units[nid] = copy;
      }
    },
  };
}

/** Moves units; a whole drag is one call, so one undo step. */
export function moveUnits(positions: Readonly<Record<string, Position>>, label = 'move'): Command {
  return {
    label: Object.keys(positions).length === 1 ? `${label} ${Object.keys(positions)[0]}` : `${label} ${Object.keys(positions).length} units`,
    run(draft) {
      for (const [id, p] of Object.entries(positions)) {
        const u = draft.units[id];
        if (u && Number.isFinite(p.x) && Number.isFinite(p.y)) u.position = { x: Math.round(p.x), y: Math.round(p.y) };
      }
    },
  };
}

export function connect(from: PortRef, to: PortRef, id?: string): Command {
  return {
    label: `connect ${formatRef(from)} → ${formatRef(to)}`,
    run(draft) {
      const sid = id ?? freshStreamId(draft);
      if (sid in draft.streams) return;
      draft.streams[sid] = { from: formatRef(from), to: formatRef(to) };
    },
  };
}

export function reconnect(streamId: string, from: PortRef, to: PortRef): Command {
  return {
    label: `reconnect ${streamId}`,
    run(draft) {
      const s = draft.streams[streamId];
      if (!s) return;
      s.from = formatRef(from);
      s.to = formatRef(to);
    },
  };
}

export function renameStream(from: string, to: string): Command {
  return {
    label: `rename stream ${from} to ${to}`,
    run(draft) {
      if (from === to || !(from in draft.streams) || to in draft.streams || !to.trim()) return;
      draft.streams = renameKey(draft.streams, from, to);
    },
  };
}

/** Sets one parameter (undefined removes it). Typing in one field is one undo step. */
export function setParam(unitId: string, name: string, value: unknown): Command {
  return {
    label: `set ${unitId}.${name}`,
    coalesce: `param:${unitId}:${name}`,
    run(draft) {
      const u = draft.units[unitId];
      if (!u || name === 'type') return;
      if (value === undefined) delete u[name];
      else u[name] = structuredClone(value);
    },
  };
}

/**
 * Replaces a unit's outlet names (`names` parameter). An outlet renamed in place keeps its
 * streams and its entries in the unit's other parameters; streams on a removed outlet are deleted.
 */
export function setOutlets(unitId: string, param: string, names: readonly string[]): Command {
  return {
    label: `set ${unitId}.${param}`,
    coalesce: `param:${unitId}:${param}`,
    run(draft) {
      const u = draft.units[unitId];
      if (!u) return;
      const old = Array.isArray(u[param]) ? (u[param] as string[]).slice() : [];
      const renames = new Map<string, string>();
      old.forEach((o, i) => {
        if (i < names.length && names[i] !== o && !old.includes(names[i])) renames.set(o, names[i]);
      });
      const removed = old.filter((o) => !names.includes(o) && !renames.has(o));
      u[param] = [...names];
      for (const [key, value] of Object.entries(u)) {
        if (key === param || value === null || typeof value !== 'object' || Array.isArray(value)) continue;
        const map = value as Record<string, unknown>;
        if (!Object.keys(map).some((k) => renames.has(k) || removed.includes(k))) continue;
        const next: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(map)) if (!removed.includes(k)) next[renames.get(k) ?? k] = v;
        u[key] = next;
      }
      for (const [sid, s] of Object.entries(draft.streams)) {
        const r = parseRef(s.from);
        if (r.unit !== unitId) continue;
        if (renames.has(r.port)) s.from = formatRef({ unit: unitId, port: renames.get(r.port)! });
        else if (removed.includes(r.port)) delete draft.streams[sid];
      }
    },
  };
}

export function setPlantName(name: string): Command {
  return { label: 'rename plant', coalesce: 'plant:name', run: (d) => void (d.name = name) };
}

export function setBasis(basis: FlowBasis): Command {
  return { label: `basis ${basis}`, run: (d) => void (d.basis = basis) };
}

export function addSpecies(id: string, formula?: string): Command {
  return {
    label: `add species ${id}`,
    run(draft) {
      if (!id || id in draft.species) return;
      draft.species[id] = formula ? { formula } : {};
    },
  };
}

export function removeSpecies(id: string): Command {
  return { label: `remove species ${id}`, run: (d) => void delete d.species[id] };
}

/** Replaces the whole document (open a file, load an example): undoable like any edit. */
export function replaceDocument(doc: FlowsheetDoc, label = 'open'): Command {
  return { label, run: () => structuredClone(doc) };
}
