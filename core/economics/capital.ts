/**
 * Capital cost of the plant from its solved modes. Every unit is sized in every mode it runs in
 * (sizing.ts) and each of its items is built for the largest duty over those modes — a plant that
 * serves several modes, as BioSTEAM's AgileSystem sizes it — then costed by its correlation
 * (correlations.ts) at the estimate's cost index:
 *
 *   purchased  Cp    per item (parallel items above the correlation's range)
 *   installed  C_BM = Cp × F_BM (Turton's bare-module cost: equipment, installation, piping,
 *                     instruments, electrical, indirect costs of the module)
 *   total module cost  C_TM = (1 + contingencyAndFee) × Σ C_BM        (default 1.18)
 *   fixed capital      C_GR = C_TM + auxiliaryFacilities × Σ C°_BM    (default 0.50; grassroots)
 *
 * C°_BM is the bare-module cost at base conditions (carbon steel, atmospheric). `equipment.sizing`
 * may quote a purchased cost instead of the correlation. A unit that must be duplicated because
 * some modes ask it for a duty outside its limits (compatibility.ts, policy `duplicate`) is costed
 * twice: once for the modes it can serve, once for the others.
 */
import type { FlowsheetDoc, UnitDecl } from '../document';
import type { FlowsheetResults } from '../results';
import { bareModuleFactor, CEPCI_2023, correlation, itemCost, vesselPressureFactor } from './correlations';
import { CAPITAL_DEFAULTS } from './design-defaults';
import { equipmentOf } from './equipment';
import { DEFAULT_DENSITIES, resultDuty, unitFlows, type Densities } from './flows';
import { economicsOf, viewOf } from './margin';
import { sizeUnit, type SizedItem } from './sizing';

export interface CapitalItem extends SizedItem {
  /** Turton's name of the item. */
  item: string;
  /** The mode whose duty set the size. */
  sizedBy: string;
  each: number;
  belowRange: boolean;
  material: string;
  bareModuleFactor: number;
  purchased: number;
  installed: number;
  installedBase: number;
  quoted: boolean;
}

export interface UnitCapital {
  unit: string;
  /** The modes this (copy of the) unit serves. */
  modes: string[];
  /** Set for the second copy of a duplicated unit. */
  duplicate: boolean;
  items: CapitalItem[];
  purchased: number;
  installed: number;
}

export interface CapitalEstimate {
  currency: string;
  modes: string[];
  cepci: number;
  year: string;
  units: UnitCapital[];
  purchased: number;
  installed: number;
  installedBase: number;
  contingencyAndFee: number;
  totalModule: number;
  auxiliaryFacilities: number;
  /** C_GR: the fixed capital investment. */
  fixedCapital: number;
  /** Some volumes came from densities (no volume flows in the results) or some duties were estimated. */
  estimated: boolean;
  warnings: string[];
}

export interface CapitalOptions {
  /** Modes the plant is built for (default: every mode given). */
  modes?: readonly string[];
  /** Per unit, the modes for which a second unit is built. */
  duplicates?: ReadonlyMap<string, ReadonlySet<string>>;
}

interface Sized {
  decl: UnitDecl;
  mode: string;
  items: SizedItem[];
}

/** Every unit's sized items in every mode, grouped by (unit, copy). */
function sizeAll(doc: FlowsheetDoc, results: Readonly<Record<string, FlowsheetResults>>, modes: readonly string[], duplicates: CapitalOptions['duplicates'], densities: Densities, warnings: Set<string>) {
  const groups = new Map<string, { unit: string; duplicate: boolean; sized: Sized[] }>();
  for (const mode of modes) {
    const view = viewOf(doc, mode);
    const flows = unitFlows(results[mode], densities);
    for (const [id, decl] of Object.entries(view.units)) {
      if (decl === null || typeof decl !== 'object') continue;
      const s = sizeUnit(id, decl, flows.get(id), resultDuty(results[mode], id));
      s.warnings.forEach((w) => warnings.add(w));
      const duplicate = duplicates?.get(id)?.has(mode) ?? false;
      const key = `${duplicate ? 1 : 0}\u0000${id}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { unit: id, duplicate, sized: [] }));
      g.sized.push({ decl, mode, items: s.items });
    }
  }
  return groups;
}

/** The largest of each item kind over the modes of a group. */
function largest(sized: readonly Sized[]): { item: SizedItem; mode: string; decl: UnitDecl }[] {
  const best = new Map<string, { item: SizedItem; mode: string; decl: UnitDecl }>();
  for (const s of sized) {
    for (const item of s.items) {
      const b = best.get(item.kind);
      if (!b || item.size > b.item.size) best.set(item.kind, { item: { ...item, count: Math.max(item.count, b?.item.count ?? 1) }, mode: s.mode, decl: s.decl });
    }
  }
  return [...best.values()];
}

function pressureFactor(kind: string, decl: UnitDecl, m3: number): number {
  const P = typeof decl.P === 'number' ? decl.P : equipmentOf(decl).duty?.P;
  if (kind !== 'tank' || P === undefined) return 1;
  const D = Math.cbrt((4 * m3) / (3 * Math.PI)); // vertical vessel, L = 3 D
  return vesselPressureFactor(P - 1.01325, D);
}

function costItem(unit: string, x: { item: SizedItem; mode: string; decl: UnitDecl }, cepci: number, warnings: Set<string>): CapitalItem {
  const c = correlation(x.item.kind)!;
  const sizing = equipmentOf(x.decl).sizing ?? {};
  const material = sizing.material ?? 'carbon-steel';
  let fbm = bareModuleFactor(c, material, sizing.materialFactor, pressureFactor(x.item.kind, x.decl, x.item.size / x.item.count));
  if (fbm === undefined) {
    warnings.add(`unit "${unit}": material "${material}" has no factor for a ${c.item}: costed as carbon steel (give equipment.sizing.materialFactor)`);
    fbm = bareModuleFactor(c, 'carbon-steel')!;
  }
  const cost = itemCost(c, x.item.size, cepci, fbm, x.item.count);
  if (cost.belowRange) warnings.add(`unit "${unit}": ${c.item} of ${fmt(cost.each)} ${c.unit} is below the correlation's range (${c.min}–${c.max} ${c.unit}): costed at ${c.min} ${c.unit}`);
  return { ...x.item, item: c.item, sizedBy: x.mode, count: cost.count, each: cost.each, belowRange: cost.belowRange, material, bareModuleFactor: fbm, purchased: cost.purchased, installed: cost.installed, installedBase: cost.installedBase, quoted: false };
}

/** A purchased cost quoted in `equipment.sizing.purchased` replaces the correlations' total; the installation factors stay. */
function applyQuote(items: CapitalItem[], quote: number | undefined): CapitalItem[] {
  const total = sum(items, (i) => i.purchased);
  if (quote === undefined || !(total > 0)) return items;
  const f = quote / total;
  return items.map((i) => ({ ...i, purchased: i.purchased * f, installed: i.installed * f, installedBase: i.installedBase * f, quoted: true }));
}

const fmt = (x: number) => Number(x.toPrecision(3)).toLocaleString('en-US');
const sum = <T>(xs: readonly T[], f: (x: T) => number) => xs.reduce((a, x) => a + f(x), 0);

/** The capital estimate of the plant built for `options.modes` (default: every mode whose results are given). */
export function capitalEstimate(doc: FlowsheetDoc, results: Readonly<Record<string, FlowsheetResults>>, options: CapitalOptions = {}): CapitalEstimate {
  const econ = economicsOf(doc);
  const cap = econ.capital ?? {};
  const modes = [...(options.modes ?? Object.keys(results))];
  const cepci = cap.cepci ?? CEPCI_2023;
  const densities = { ...DEFAULT_DENSITIES, ...(cap.densities ?? {}) };
  const warnings = new Set<string>();
  const units: UnitCapital[] = [];
  let estimated = false;
  for (const g of sizeAll(doc, results, modes, options.duplicates, densities, warnings).values()) {
    const best = largest(g.sized);
    const items = applyQuote(best.map((x) => costItem(g.unit, x, cepci, warnings)), equipmentOf(g.sized[0].decl).sizing?.purchased);
    if (!items.length) continue;
    estimated ||= items.some((i) => i.estimated);
    units.push({ unit: g.unit, modes: g.sized.map((s) => s.mode), duplicate: g.duplicate, items, purchased: sum(items, (i) => i.purchased), installed: sum(items, (i) => i.installed) });
  }
  for (const m of modes) {
    const missing = (results[m] as FlowsheetResults & { volumeMissing?: string[] }).volumeMissing;
    if (missing?.length) warnings.add(`${m}: the results' volume flows leave out ${missing.join(', ')} (no density): vessels sized on them are small by that much`);
  }
  const installed = sum(units, (u) => u.installed);
  const installedBase = sum(units, (u) => sum(u.items, (i) => i.installedBase));
  const contingencyAndFee = (cap.contingencyAndFee ?? CAPITAL_DEFAULTS.contingencyAndFee.value) * installed;
  const auxiliaryFacilities = (cap.auxiliaryFacilities ?? CAPITAL_DEFAULTS.auxiliaryFacilities.value) * installedBase;
  const totalModule = installed + contingencyAndFee;
  return {
    currency: econ.currency ?? 'USD',
    modes,
    cepci,
    year: cap.year !== undefined ? String(cap.year) : cap.cepci === undefined ? '2023' : '(the file’s index)',
    units,
    purchased: sum(units, (u) => u.purchased),
    installed,
    installedBase,
    contingencyAndFee,
    totalModule,
    auxiliaryFacilities,
    fixedCapital: totalModule + auxiliaryFacilities,
    estimated,
    warnings: [...warnings],
  };
}

export interface SharingComparison {
  shared: CapitalEstimate;
  dedicated: Record<string, CapitalEstimate>;
  /** Σ fixed capital of one dedicated plant per mode − the shared plant's. */
  saving: number;
}

/** The capital of one plant serving every mode against one dedicated plant per mode. */
export function sharingComparison(doc: FlowsheetDoc, results: Readonly<Record<string, FlowsheetResults>>, options: CapitalOptions = {}): SharingComparison {
  const modes = options.modes ?? Object.keys(results);
  const shared = capitalEstimate(doc, results, options);
  const dedicated: Record<string, CapitalEstimate> = Object.create(null);
  for (const m of modes) dedicated[m] = capitalEstimate(doc, results, { modes: [m] });
  return { shared, dedicated, saving: sum(Object.values(dedicated), (d) => d.fixedCapital) - shared.fixedCapital };
}

