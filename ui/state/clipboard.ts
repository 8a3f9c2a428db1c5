/**
 * Copy, cut, paste and duplicate: a fragment of the plant — the units selected, the streams
 * between them, the species they name — as JSON text (what goes to the system clipboard, so a
 * fragment also pastes into another tab), and a command that adds it back with fresh ids,
 * offset, in the mode shown. The pasted units are the new selection.
 */
import type { FlowsheetDoc, SpeciesDecl, StreamDecl, UnitDecl } from '../../core';
import { cloneDeep } from './deep';
import type { Command } from './commands';
import { formatRef, freshId, parseRef, plain, type Position } from './doc';
import * as inMode from './mode-edits';
import { defineEntry, hasOwn, own, setEntry } from './own';
import { allStreamIds, allUnitIds, plantView } from './plant';

const FRAGMENT_TAG = 'flexsheet/fragment';

export interface Fragment {
  format: typeof FRAGMENT_TAG;
  units: Record<string, UnitDecl>;
  streams: Record<string, StreamDecl>;
  species: Record<string, SpeciesDecl>;
}

/** Species ids a unit names: keys of its maps, reactants and products of its equations. */
function speciesNamed(unit: unknown, declared: Readonly<Record<string, SpeciesDecl>>, out: Set<string>) {
  const visit = (v: unknown) => {
    if (typeof v === 'string') {
      for (const id of Object.keys(declared)) if (v === id || v.includes(id)) out.add(id);
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        if (hasOwn(declared, k)) out.add(k);
        visit((v as Record<string, unknown>)[k]);
      }
    }
  };
  visit(unit);
}

/** The selected units of the plant shown (base or mode), the streams between them, the species they use. */
export function fragmentOf(doc: FlowsheetDoc, mode: string | undefined, units: readonly string[]): Fragment | undefined {
  const plant = plantView(doc, mode);
  const picked = units.filter((id) => hasOwn(plant.units, id));
  if (picked.length === 0) return undefined;
  const set = new Set(picked);
  const fragment: Fragment = { format: FRAGMENT_TAG, units: {}, streams: {}, species: {} };
  for (const id of picked) defineEntry(fragment.units, id, plain(plant.units[id]));
  for (const sid of Object.keys(plant.streams)) {
    const s = plant.streams[sid];
    if (set.has(parseRef(s.from).unit) && set.has(parseRef(s.to).unit)) defineEntry(fragment.streams, sid, { ...s });
  }
  const used = new Set<string>();
  for (const id of picked) speciesNamed(fragment.units[id], doc.species, used);
  for (const sp of used) defineEntry(fragment.species, sp, plain(doc.species[sp]));
  return fragment;
}

export const fragmentText = (f: Fragment) => JSON.stringify(f);

/** A fragment read back from clipboard text; undefined for anything else. */
export function readFragment(text: string): Fragment | undefined {
  try {
    const v = JSON.parse(text) as Partial<Fragment>;
    if (v && v.format === FRAGMENT_TAG && v.units && typeof v.units === 'object' && v.streams && typeof v.streams === 'object') {
      return { format: FRAGMENT_TAG, units: v.units, streams: v.streams, species: v.species && typeof v.species === 'object' ? v.species : {} };
    }
  } catch {
    /* not a fragment */
  }
  return undefined;
}

export type PasteCommand = Command & { readonly created: string[] };

/**
 * Adds a fragment with fresh unit and stream ids, offset, in `mode` (units only that mode has)
 * or in the base; species it needs that are not declared are declared. `created` holds the new
 * unit ids once it has run.
 */
export function pasteFragment(fragment: Fragment, offset: Position, mode: string | undefined, label = 'paste'): PasteCommand {
  const created: string[] = [];
  const n = Object.keys(fragment.units).length;
  return {
    label: `${label} ${n === 1 ? Object.keys(fragment.units)[0] : `${n} units`}`,
    created,
    run(draft) {
      created.length = 0;
      const taken = allUnitIds(draft);
      const ids = new Map<string, string>();
      const units: Record<string, UnitDecl> = {};
      for (const id of Object.keys(fragment.units)) {
        const u = cloneDeep(fragment.units[id]);
        const nid = freshId([...taken, ...ids.values()], id.replace(/\d+$/, '') || id);
        ids.set(id, nid);
        const p = u.position as Position | undefined;
        u.position = { x: Math.round((p?.x ?? 0) + offset.x), y: Math.round((p?.y ?? 0) + offset.y) };
        defineEntry(units, nid, u);
        created.push(nid);
      }
      const streamIds = new Set(allStreamIds(draft));
      const streams: Record<string, StreamDecl> = {};
      let k = streamIds.size;
      for (const sid of Object.keys(fragment.streams)) {
        const s = fragment.streams[sid];
        const f = parseRef(s.from);
        const t = parseRef(s.to);
        if (!ids.has(f.unit) || !ids.has(t.unit)) continue;
        let nsid: string;
        do nsid = `s${++k}`;
        while (streamIds.has(nsid));
        streamIds.add(nsid);
        defineEntry(streams, nsid, { ...s, from: formatRef({ unit: ids.get(f.unit)!, port: f.port }), to: formatRef({ unit: ids.get(t.unit)!, port: t.port }) });
      }
      for (const sp of Object.keys(fragment.species)) if (!hasOwn(draft.species, sp)) setEntry(draft as Record<string, unknown>, 'species', sp, cloneDeep(fragment.species[sp]));
      if (mode !== undefined && own(draft.modes, mode)) {
        inMode.addUnits(mode, units, streams, label).run(draft);
        return;
      }
      for (const id of Object.keys(units)) setEntry(draft as Record<string, unknown>, 'units', id, units[id]);
      for (const sid of Object.keys(streams)) setEntry(draft as Record<string, unknown>, 'streams', sid, streams[sid]);
    },
  };
}

/** Copies of the units (and the streams between them), offset, in one step: Ctrl+D. */
export function duplicate(doc: FlowsheetDoc, mode: string | undefined, units: readonly string[], offset: Position = { x: 40, y: 40 }): PasteCommand | undefined {
  const f = fragmentOf(doc, mode, units);
  if (!f) return undefined;
  for (const id of Object.keys(f.units)) if (typeof f.units[id].label === 'string') f.units[id].label = `${f.units[id].label} (copy)`;
  return pasteFragment(f, offset, mode, 'duplicate');
}
