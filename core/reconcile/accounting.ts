/**
 * A metal-accounting statement (AMIRA P754 style) per element, over the period the data cover:
 * what came in (feeds and reagents), what went out (products), the stock change of the
 * inventories, and the unaccounted losses = in − out − stock change.
 *
 * Two columns. Reconciled: every term from the reconciled flows, with its standard deviation; the
 * balances hold, so the unaccounted losses are zero (within round-off) by construction. Measured
 * (check-in/check-out): every term from the measurements alone — an element flow measured as such,
 * a mass flow times an assay on the same basis (kg/h(s) × wt%(s)), or a volume flow times a
 * concentration (m³/h × g/L) — with first-order error propagation, and the unaccounted losses with
 * their standard deviation; a sum is absent where one of its terms is not measured. Amounts are in kg over the
 * period when the data give its duration (a `period` line), kg/h otherwise.
 */
import { ATOMIC_WEIGHTS } from '../chemistry';
import type { Value } from './compare';
import type { Measurement } from './measurements';
import type { Reconciliation } from './reconcile';
import { parseMeasurementUnit, type ParsedUnit } from './units';
import { streamVariable } from './variables';

export interface AccountingTerm {
  kind: 'feed' | 'reagent' | 'product' | 'stock';
  /** The feed, product or unit. */
  name: string;
  reconciled: Value;
  /** From the measurements alone; null when they do not give it. */
  measured: Value | null;
}

export interface ElementAccount {
  element: string;
  terms: AccountingTerm[];
  /** Whether an inventory the data measure can hold the element (otherwise its stock change is taken as 0). */
  inventories: boolean;
  reconciled: { in: Value; out: Value; stock: Value; unaccounted: Value };
  /** From the measurements alone; each null when one of its terms is not measured. */
  measured: { in: Value | null; out: Value | null; stock: Value | null; unaccounted: Value | null };
}

export interface AccountingStatement {
  /** 'kg' over the period, or 'kg/h' when the data give no duration. */
  unit: 'kg' | 'kg/h';
  hours: number | null;
  elements: ElementAccount[];
}

interface Term {
  kind: AccountingTerm['kind'];
  name: string;
  /** kg/h of the element per unknown. */
  coefs: Map<number, number>;
  measured: () => Value | null;
}

export function accountingStatement(rec: Reconciliation): AccountingStatement {
  const hours = rec.hours ?? null;
  const f = hours ?? 1;
  const elements = rec.plant.species.elements.flatMap((el, e) => {
    const terms = termsOf(rec, e).filter((t) => [...t.coefs.keys()].some((v) => rec.status[v] !== 'zero'));
    if (!terms.some((t) => t.kind === 'feed' || t.kind === 'reagent')) return [];
    return [account(rec, el, terms, f)];
  });
  return { unit: hours === null ? 'kg/h' : 'kg', hours, elements };
}

function account(rec: Reconciliation, element: string, terms: Term[], f: number): ElementAccount {
  const scaleValue = (v: Value | null): Value | null => (v === null ? null : { value: v.value === null ? null : v.value * f, sd: v.sd === null || v.sd === undefined ? v.sd : v.sd * f });
  const estimate = (coefs: Map<number, number>): Value => {
    const e = rec.estimate(coefs);
    return { value: e.value === null ? null : e.value * f, sd: e.sd === null ? null : e.sd * f };
  };
  const combine = (pick: (t: Term) => number) => {
    const m = new Map<number, number>();
    for (const t of terms) {
      const s = pick(t);
      if (s) for (const [v, c] of t.coefs) m.set(v, (m.get(v) ?? 0) + s * c);
    }
    return m;
  };
  const sign = { in: (t: Term) => (t.kind === 'feed' || t.kind === 'reagent' ? 1 : 0), out: (t: Term) => (t.kind === 'product' ? 1 : 0), stock: (t: Term) => (t.kind === 'stock' ? 1 : 0) };
  const unaccounted = (t: Term) => sign.in(t) - sign.out(t) - sign.stock(t);
  const out: AccountingTerm[] = terms.map((t) => ({ kind: t.kind, name: t.name, reconciled: estimate(t.coefs), measured: scaleValue(t.measured()) }));
  const reconciled = { in: estimate(combine(sign.in)), out: estimate(combine(sign.out)), stock: estimate(combine(sign.stock)), unaccounted: estimate(combine(unaccounted)) };
  // The balances close it: what is left is round-off of the flows it sums.
  let scale = 0;
  for (const t of terms) for (const [v, c] of t.coefs) scale += Math.abs(c * rec.x[v]) * f;
  if (reconciled.unaccounted.value !== null && Math.abs(reconciled.unaccounted.value) <= 1e-9 * scale) reconciled.unaccounted = { value: 0, sd: 0 };
  const sum = (pick: (t: Term) => number): Value | null => {
    let value = 0;
    let variance = 0;
    for (let i = 0; i < terms.length; i++) {
      const s = pick(terms[i]);
      if (!s) continue;
      const m = out[i].measured;
      if (m === null || m.value === null) return null;
      value += s * m.value;
      variance += (m.sd ?? 0) ** 2;
    }
    return { value, sd: Math.sqrt(variance) };
  };
  const measured = { in: sum(sign.in), out: sum(sign.out), stock: sum(sign.stock), unaccounted: sum(unaccounted) };
  return { element, terms: out, inventories: terms.some((t) => t.kind === 'stock'), reconciled, measured };
}

/** The feeds, reagent doses, products and stock changes that can carry element e. */
function termsOf(rec: Reconciliation, e: number): Term[] {
  const { plant, index } = rec;
  const species = plant.species;
  const S = species.list.length;
  const el = species.elements[e];
  const aw = ATOMIC_WEIGHTS[el];
  const atoms = (k: number) => species.elementMatrix[e * S + k];
  const streamCoefs = (streams: number[]) => {
    const m = new Map<number, number>();
    for (const s of streams) for (let k = 0; k < S; k++) if (atoms(k)) m.set(streamVariable(index, s, k), atoms(k) * aw);
    return m;
  };
  const data = rec.measurements.map((r) => r.measurement);
  const terms: Term[] = [];
  plant.units.forEach((unit, u) => {
    if (unit.type.role === 'source') {
      const streams = [...unit.outlets.values()];
      terms.push({ kind: 'feed', name: unit.id, coefs: streamCoefs(streams), measured: () => sumOf(streams.map((s) => measuredStreamFlow(rec, data, s, e))) });
    } else if (unit.type.role === 'sink') {
      const streams = [...unit.inlets.values()].flat();
      terms.push({ kind: 'product', name: unit.id, coefs: streamCoefs(streams), measured: () => sumOf(streams.map((s) => measuredStreamFlow(rec, data, s, e))) });
    }
  });
  const byUnit = (list: readonly { unitIndex: number; species: number; variable: number }[]) => {
    const groups = new Map<number, Map<number, number>>();
    for (const d of list) if (atoms(d.species)) (groups.get(d.unitIndex) ?? groups.set(d.unitIndex, new Map()).get(d.unitIndex)!).set(d.variable, atoms(d.species) * aw);
    return groups;
  };
  for (const [u, coefs] of byUnit(index.doses)) {
    terms.push({ kind: 'reagent', name: plant.units[u].id, coefs, measured: () => measuredHeld(rec, data, `reagent:${plant.units[u].id}`, e, [...coefs.keys()]) });
  }
  for (const [u, coefs] of byUnit(index.accumulations)) {
    terms.push({ kind: 'stock', name: plant.units[u].id, coefs, measured: () => measuredHeld(rec, data, `stock:${plant.units[u].id}`, e, [...coefs.keys()]) });
  }
  return terms;
}

function sumOf(values: (Value | null)[]): Value | null {
  if (values.some((v) => v === null || v.value === null)) return null;
  return { value: values.reduce((a, v) => a + v!.value!, 0), sd: Math.sqrt(values.reduce((a, v) => a + (v!.sd ?? 0) ** 2, 0)) };
}

interface Read {
  m: Measurement;
  unit: ParsedUnit;
}

const reads = (data: readonly Measurement[], stream: string): Read[] =>
  data.flatMap((m) => {
    const unit = m.stream === stream ? parseMeasurementUnit(m.unit) : undefined;
    return unit ? [{ m, unit }] : [];
  });

/** A rate measurement in kg/h (mass) or kmol/h (molar); amounts over the period divided by its duration. */
const rate = (r: Read) => r.unit.factor / (r.unit.perPeriod ? r.m.hours! : 1);
const samePhases = (a?: readonly string[], b?: readonly string[]) => (!a && !b) || (!!a && !!b && a.length === b.length && a.every((p) => b.includes(p)));

/** kg/h of element e in stream s from the measurements alone (null when they do not give it). */
function measuredStreamFlow(rec: Reconciliation, data: readonly Measurement[], s: number, e: number): Value | null {
  const { plant, index } = rec;
  const species = plant.species;
  const S = species.list.length;
  const el = species.elements[e];
  const aw = ATOMIC_WEIGHTS[el];
  const present = Array.from({ length: S }, (_, k) => k).filter((k) => species.elementMatrix[e * S + k] && rec.status[streamVariable(index, s, k)] !== 'zero');
  if (!present.length) return { value: 0, sd: 0 };
  const covers = (phases?: readonly string[]) => !phases || present.every((k) => phases.includes(species.list[k].phase));
  const carried = Array.from({ length: S }, (_, k) => k).filter((k) => rec.status[streamVariable(index, s, k)] !== 'zero');
  /** The stream carries nothing outside these phases: its whole is that basis. */
  const whole = (phases?: readonly string[]) => !phases || carried.every((k) => phases.includes(species.list[k].phase));
  const sameBasis = (a?: readonly string[], b?: readonly string[]) => samePhases(a, b) || (whole(a) && whole(b));
  const rs = reads(data, plant.streams[s].id);
  const isEl = (r: Read) => r.m.component === el;
  const direct = rs.find((r) => isEl(r) && (r.unit.kind === 'mass' || r.unit.kind === 'molar') && covers(r.unit.phases));
  if (direct) {
    const f = rate(direct) * (direct.unit.kind === 'molar' ? aw : 1);
    return { value: direct.m.value * f, sd: direct.m.sd * f };
  }
  const basisOf = (r: Read) => (r.m.component.toLowerCase() === 'solids' ? ['s'] : r.unit.phases);
  for (const flow of rs.filter((r) => r.unit.kind === 'mass' && ['total', 'solids'].includes(r.m.component.toLowerCase()))) {
    const assay = rs.find((r) => isEl(r) && r.unit.kind === 'fraction' && sameBasis(r.unit.phases, basisOf(flow)) && covers(r.unit.phases));
    if (assay) return product(flow.m.value * rate(flow), flow.m.sd * rate(flow), assay.m.value / assay.unit.factor, assay.m.sd / assay.unit.factor);
  }
  for (const flow of rs.filter((r) => r.unit.kind === 'volume' && r.m.component.toLowerCase() === 'total')) {
    const solution = sameBasis(flow.unit.phases ?? ['s', 'l', 'aq', 'org'], ['aq', 'l']);
    const conc = rs.find((r) => isEl(r) && r.unit.kind === 'concentration' && (!r.unit.phases || samePhases(r.unit.phases, ['aq', 'l'])) && covers(['aq', 'l']));
    if (solution && conc) return product(flow.m.value * rate(flow), flow.m.sd * rate(flow), conc.m.value / conc.unit.factor, conc.m.sd / conc.unit.factor);
  }
  return null;
}

function product(a: number, sa: number, b: number, sb: number): Value {
  const value = a * b;
  return { value, sd: Math.sqrt((sa * b) ** 2 + (a * sb) ** 2) };
}

/** kg/h of element e in the doses or stock change of a unit, from measurements of it (null when a species carrying e is not measured). */
function measuredHeld(rec: Reconciliation, data: readonly Measurement[], target: string, e: number, variables: number[]): Value | null {
  const species = rec.plant.species;
  const S = species.list.length;
  const el = species.elements[e];
  const aw = ATOMIC_WEIGHTS[el];
  const rs = reads(data, target).filter((r) => r.unit.kind === 'mass' || r.unit.kind === 'molar');
  const direct = rs.find((r) => r.m.component === el);
  if (direct) {
    const f = rate(direct) * (direct.unit.kind === 'molar' ? aw : 1);
    return { value: direct.m.value * f, sd: direct.m.sd * f };
  }
  const speciesOf = (v: number) => rec.index.doses.find((d) => d.variable === v)?.species ?? rec.index.accumulations.find((a) => a.variable === v)!.species;
  let value = 0;
  let variance = 0;
  for (const v of variables) {
    const k = speciesOf(v);
    const r = rs.find((x) => x.m.component === species.list[k].id);
    if (!r) return null;
    const perKmol = species.elementMatrix[e * S + k] * aw;
    const f = rate(r) * (r.unit.kind === 'mass' ? perKmol / species.list[k].molarMass : perKmol);
    value += r.m.value * f;
    variance += (r.m.sd * f) ** 2;
  }
  return { value, sd: Math.sqrt(variance) };
}
