/**
 * Builds flowsheets/dual-feed.json from the two single-feed plants, so that each mode of the dual-feed
 * plant keeps the chemistry of its plant exactly:
 *
 *   npx tsx flowsheets/dual-feed.build.ts
 *
 * - base (mode `black-mass`) = black-mass.json (its base, NMC111), with the shared equipment renamed;
 * - mode `magnet` = ndfeb-magnet.json, written as JSON merge patches over the base: a unit on shared
 *   equipment is patched to the magnet plant's parameters, a unit only the magnet plant has is added,
 *   a unit only the black-mass plant has is taken out of service (`null`); the routing is replaced.
 *
 * What is the dual-feed plant's own — which equipment is shared, each unit's `equipment` (limits,
 * duty, hold-ups, changeovers), the `economics`, the file's notes — is read from the current
 * dual-feed.json and kept, so edits made there survive a rebuild. A unit whose single-feed plant
 * gives it no `T` gets the one of `T_DEFAULT` below (flagged in its notes).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

/** black-mass.json id → dual-feed id, for the equipment that both campaigns use under a neutral name. */
const FROM_BLACK_MASS: Record<string, string> = {
  bm_feed: 'feedstock',
  purify: 'impurity_removal',
  li_precip: 'precipitator',
  li_wash_water: 'cake_wash_water',
  li_washer: 'cake_washer',
  dryer: 'kiln',
  ml_mix: 'filtrate_mix',
  ml_split: 'filtrate_split',
};

/**
 * ndfeb-magnet.json id → dual-feed id. An id of the magnet plant that is also a base id (leach_water,
 * leach_mix, residue_washer, filtrate_split, effluent, …) is the same equipment; the others
 * (roaster, calciner, the products) are equipment of the magnet campaign alone.
 */
const FROM_MAGNET: Record<string, string> = {
  scrap_feed: 'feedstock',
  fe_removal: 'impurity_removal',
  oxalate: 'precipitator',
  oxalate_wash_water: 'cake_wash_water',
  oxalate_washer: 'cake_washer',
  // leach: the same tanks, the magnet leach being atmospheric at 80 °C (Vander Hoogerstraete et al.
  // 2014), inside the chlorobutyl lining's 85 °C; a 110 °C HCl pressure leach would need its own
  // autoclave (the compatibility check refuses it in the atmospheric tanks, dual-feed.test.ts).
  // The oxalate calciner (900–950 °C) is not the Li2CO3 dryer (kiln, 150–250 °C): the magnet plant's own id.
};

/** T (°C) for a unit its single-feed plant leaves adiabatic, by dual-feed id and mode [assumed]. */
const T_DEFAULT: Record<string, Record<string, number>> = {
  // black-mass.json and ndfeb-magnet.json give every unit that needs one its T (issue 13); a unit
  // added to either without one would get it here, flagged [assumed] in its notes.
  'black-mass': {},
  magnet: {},
};

/** Keys of a unit that belong to the dual-feed plant, not to the chemistry of a single-feed plant. */
const OWN_KEYS = new Set(['equipment', 'position']);

const here = dirname(fileURLToPath(import.meta.url));
const read = (name: string): Obj => JSON.parse(readFileSync(join(here, name), 'utf8'));

const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const same = (a: Json | undefined, b: Json | undefined) => JSON.stringify(a) === JSON.stringify(b);

/** The JSON merge patch (RFC 7386) that turns `base` into `target`; undefined when they are equal. */
export function diffPatch(base: Json | undefined, target: Json): Json | undefined {
  if (!isObj(base) || !isObj(target)) return same(base, target) ? undefined : target;
  const out: Obj = {};
  for (const k of Object.keys(base)) if (!(k in target)) out[k] = null;
  for (const [k, v] of Object.entries(target)) {
    const d = diffPatch(base[k], v);
    if (d !== undefined) out[k] = d;
  }
  return Object.keys(out).length ? out : undefined;
}

const renameEnd = (end: string, map: Record<string, string>) => {
  const dot = end.indexOf('.');
  const unit = end.slice(0, dot);
  return (map[unit] ?? unit) + end.slice(dot);
};

function renameStreams(streams: Obj, map: Record<string, string>): Obj {
  const out: Obj = {};
  for (const [id, s] of Object.entries(streams)) {
    const st = s as Obj;
    out[id] = { ...st, from: renameEnd(st.from as string, map), to: renameEnd(st.to as string, map) };
  }
  return out;
}

function renameSpecs(specs: Obj | undefined, map: Record<string, string>): Obj {
  const out: Obj = {};
  for (const [id, s] of Object.entries(specs ?? {})) {
    const spec = structuredClone(s) as Obj;
    const target = spec.target as Obj | undefined;
    const adjust = spec.adjust as Obj | undefined;
    if (target && typeof target.unit === 'string') target.unit = map[target.unit] ?? target.unit;
    if (adjust && typeof adjust.unit === 'string') adjust.unit = map[adjust.unit] ?? adjust.unit;
    out[id] = spec;
  }
  return out;
}

function renameUnits(units: Obj, map: Record<string, string>): Obj {
  const out: Obj = {};
  for (const [id, u] of Object.entries(units)) out[map[id] ?? id] = structuredClone(u);
  return out;
}

function chemistryOf(u: Json | undefined): Obj {
  const out: Obj = {};
  if (!isObj(u)) return out;
  for (const [k, v] of Object.entries(u)) if (!OWN_KEYS.has(k)) out[k] = v;
  return out;
}

function withDefaultT(u: Obj, id: string, mode: string): Obj {
  const T = T_DEFAULT[mode]?.[id];
  if (T === undefined || u.T !== undefined || u.type === 'product') return u;
  const notes = Array.isArray(u.notes) ? u.notes : u.notes ? [u.notes] : [];
  return { ...u, T, notes: [...notes, `T ${T} °C [assumed] (dual-feed default: the single-feed plant gives this unit no T).`] };
}

function buildDualFeed(bm: Obj, nd: Obj, previous: Obj): Obj {
  const prevUnits = (previous.units ?? {}) as Obj;
  const prevMagnet = ((previous.modes as Obj)?.magnet as Obj | undefined)?.units as Obj | undefined;

  const baseUnits = renameUnits(bm.units as Obj, FROM_BLACK_MASS);
  const magnetUnits = renameUnits(nd.units as Obj, FROM_MAGNET);
  for (const [id, u] of Object.entries(baseUnits)) baseUnits[id] = withDefaultT(u as Obj, id, 'black-mass');
  for (const [id, u] of Object.entries(magnetUnits)) magnetUnits[id] = withDefaultT(u as Obj, id, 'magnet');

  const service = (id: string) => [...(id in baseUnits ? ['black-mass'] : []), ...(id in magnetUnits ? ['magnet'] : [])];
  const equipmentOf = (id: string, prev: Json | undefined): Obj | undefined => {
    const e = isObj(prev) && isObj(prev.equipment) ? (structuredClone(prev.equipment) as Obj) : undefined;
    if (!e && (baseUnits[id] as Obj | undefined)?.type === 'product') return undefined;
    // service first, as the file lists it, and always the one the routing gives
    return { ...{ service: service(id) }, ...(e ?? {}), service: service(id) };
  };

  // A product's specification is the single-feed plant's; where that plant has none yet, the one
  // this file carries (dual-feed's own, written to the grade that plant's tests hold) is kept.
  const keepSpec = (plant: Obj, prev: Obj | undefined) => {
    for (const [id, u] of Object.entries(plant)) {
      const p = prev?.[id];
      if ((u as Obj).type === 'product' && !(u as Obj).specification && isObj(p) && p.specification) (u as Obj).specification = p.specification;
    }
  };
  keepSpec(baseUnits, prevUnits);
  keepSpec(magnetUnits, prevMagnet);

  const units: Obj = {};
  for (const [id, u] of Object.entries(baseUnits)) {
    const e = equipmentOf(id, prevUnits[id]);
    units[id] = e && (u as Obj).type !== 'product' ? { ...(u as Obj), equipment: e } : (u as Obj);
  }

  const patches: Obj = {};
  for (const [id, u] of Object.entries(magnetUnits)) {
    const prev = prevMagnet?.[id];
    if (id in baseUnits) {
      const p = (diffPatch(chemistryOf(baseUnits[id]), u) ?? {}) as Obj;
      if (isObj(prev) && isObj(prev.equipment)) p.equipment = structuredClone(prev.equipment);
      if (Object.keys(p).length) patches[id] = p;
    } else {
      const e = (u as Obj).type === 'product' ? undefined : equipmentOf(id, prev);
      patches[id] = e ? { ...(u as Obj), equipment: e } : (u as Obj);
    }
  }
  // Units of the black-mass campaign alone go out of service; keep them before the added ones in the
  // patch, as the editor lists them.
  const idle: Obj = {};
  for (const id of Object.keys(baseUnits)) if (!(id in magnetUnits)) idle[id] = null;
  const shared: Obj = {};
  const added: Obj = {};
  for (const [id, p] of Object.entries(patches)) (id in baseUnits ? shared : added)[id] = p;

  const baseSpecs = renameSpecs(bm.specs as Obj | undefined, FROM_BLACK_MASS);
  const magnetSpecs = renameSpecs(nd.specs as Obj | undefined, FROM_MAGNET);
  const specPatch: Obj = {};
  for (const id of Object.keys(baseSpecs)) if (!(id in magnetSpecs)) specPatch[id] = null;
  for (const [id, s] of Object.entries(magnetSpecs)) {
    const d = diffPatch(baseSpecs[id], s);
    if (d !== undefined) specPatch[id] = d;
  }

  const species: Obj = { ...(bm.species as Obj) };
  for (const [id, s] of Object.entries(nd.species as Obj)) if (!(id in species)) species[id] = s;

  const prevModes = (previous.modes ?? {}) as Obj;
  const magnet: Obj = {
    description: ((prevModes.magnet as Obj | undefined)?.description as string) ?? 'NdFeB magnet scrap',
    units: { ...shared, ...idle, ...added },
    streams: renameStreams(nd.streams as Obj, FROM_MAGNET),
  };
  if (Object.keys(specPatch).length) magnet.specs = specPatch;

  const out: Obj = {
    format: previous.format ?? bm.format,
    name: previous.name ?? 'Dual-feed plant',
    basis: bm.basis,
    description: previous.description ?? '',
    notes: previous.notes ?? [],
    species,
    units,
    streams: renameStreams(bm.streams as Obj, FROM_BLACK_MASS),
  };
  if (Object.keys(baseSpecs).length) out.specs = baseSpecs;
  out.modes = {
    'black-mass': (prevModes['black-mass'] as Obj) ?? { description: 'NMC111 black mass (the base flowsheet)', units: {} },
    magnet,
  };
  if (previous.economics) out.economics = previous.economics;
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = buildDualFeed(read('black-mass.json'), read('ndfeb-magnet.json'), read('dual-feed.json'));
  writeFileSync(join(here, 'dual-feed.json'), JSON.stringify(out, null, 2) + '\n');
  console.log('wrote flowsheets/dual-feed.json');
}
