/**
 * The plant the user sees and edits: the base flowsheet, or one mode of it (FORMAT.md "Modes")
 * merged — its own units (the base units it patches, the units only it has), its own routing,
 * and which base units it takes out of service. What the mode changes is kept beside the merged
 * plant (units added, parameters changed, streams rerouted) for the diagram's diff badges.
 * Views are cached per document and mode: the immutable document makes the cache exact.
 */
import { mergePatch, type FlowsheetDoc, type ModeDecl, type StreamDecl, type UnitDecl } from '../../core';
import { defineEntry, hasOwn, own } from './own';

/** Unit properties that draw the diagram only: not shown as a mode's change. */
export const LAYOUT_ONLY = new Set(['position']);

export interface PlantView {
  mode: string | undefined;
  /** The units that run, merged with the mode's patches, in the base order then the mode's own. */
  units: Readonly<Record<string, UnitDecl>>;
  /** The routing: the mode's own streams when it gives them, else the base streams between running units. */
  streams: Readonly<Record<string, StreamDecl>>;
  /** Base units the mode takes out of service. */
  idle: readonly string[];
  /** Units only the mode has. */
  added: ReadonlySet<string>;
  /** Base units the mode changes, with the parameters it changes. */
  changed: ReadonlyMap<string, readonly string[]>;
  /** Streams the mode adds or routes differently from the base. */
  rewired: ReadonlySet<string>;
  /** Base streams the mode's routing leaves out. */
  dropped: readonly string[];
  /** The mode gives its own routing (`streams`). */
  ownRouting: boolean;
}

export const modeOf = (doc: FlowsheetDoc, mode: string | undefined): ModeDecl | undefined => (mode === undefined ? undefined : own(doc.modes, mode));

const endUnit = (ref: string) => {
  const dot = ref.lastIndexOf('.');
  return dot < 0 ? ref : ref.slice(0, dot);
};

function baseView(doc: FlowsheetDoc): PlantView {
  return { mode: undefined, units: doc.units, streams: doc.streams, idle: [], added: new Set(), changed: new Map(), rewired: new Set(), dropped: [], ownRouting: false };
}

function buildView(doc: FlowsheetDoc, mode: string, decl: ModeDecl): PlantView {
  const patches = decl.units ?? {};
  const units: Record<string, UnitDecl> = {};
  const idle: string[] = [];
  const added = new Set<string>();
  const changed = new Map<string, string[]>();
  for (const id of Object.keys(doc.units)) {
    const base = doc.units[id];
    if (!hasOwn(patches, id)) {
      defineEntry(units, id, base);
      continue;
    }
    const patch = patches[id];
    if (patch === null) {
      idle.push(id);
      continue;
    }
    defineEntry(units, id, mergePatch(base, patch) as UnitDecl);
    const keys = Object.keys(patch).filter((k) => !LAYOUT_ONLY.has(k));
    if (keys.length) changed.set(id, keys);
  }
  for (const id of Object.keys(patches)) {
    const patch = patches[id];
    if (hasOwn(doc.units, id) || patch === null || typeof patch.type !== 'string') continue;
    defineEntry(units, id, patch as UnitDecl);
    added.add(id);
  }
  const ownRouting = !!decl.streams;
  let streams: Record<string, StreamDecl>;
  const rewired = new Set<string>();
  const dropped: string[] = [];
  if (decl.streams) {
    streams = decl.streams;
    for (const id of Object.keys(streams)) {
      const b = own(doc.streams, id);
      if (!b || b.from !== streams[id].from || b.to !== streams[id].to) rewired.add(id);
    }
    for (const id of Object.keys(doc.streams)) if (!hasOwn(streams, id)) dropped.push(id);
  } else {
    const out = new Set(idle);
    streams = {};
    for (const id of Object.keys(doc.streams)) {
      const s = doc.streams[id];
      if (out.has(endUnit(s.from)) || out.has(endUnit(s.to))) dropped.push(id);
      else defineEntry(streams, id, s);
    }
  }
  return { mode, units, streams, idle, added, changed, rewired, dropped, ownRouting };
}

const cache = new WeakMap<FlowsheetDoc, Map<string | undefined, PlantView>>();

/** The plant of `mode` (the base plant when undefined or when the mode does not exist). */
export function plantView(doc: FlowsheetDoc, mode: string | undefined): PlantView {
  let byMode = cache.get(doc);
  if (!byMode) cache.set(doc, (byMode = new Map()));
  const hit = byMode.get(mode);
  if (hit) return hit;
  const decl = modeOf(doc, mode);
  const view = decl && mode !== undefined ? buildView(doc, mode, decl) : baseView(doc);
  byMode.set(mode, view);
  return view;
}

/** Ids used by any unit of the file (base units and every mode's own units). */
export function allUnitIds(doc: FlowsheetDoc): string[] {
  const ids = new Set(Object.keys(doc.units));
  for (const m of Object.values(doc.modes ?? {})) for (const id of Object.keys(m.units ?? {})) ids.add(id);
  return [...ids];
}

/** Ids used by any stream of the file (base routing and every mode's routing). */
export function allStreamIds(doc: FlowsheetDoc): string[] {
  const ids = new Set(Object.keys(doc.streams));
  for (const m of Object.values(doc.modes ?? {})) for (const id of Object.keys(m.streams ?? {})) ids.add(id);
  return [...ids];
}
