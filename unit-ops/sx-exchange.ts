/**
 * The `extract` entries of an `sx` unit, compiled (FORMAT.md "Exchange extraction in sx"):
 *   - `{formula: D}`: the same formula moves between phases, X(aq) -> X(org);
 *   - `{name: {equation, D}}`: an exchange; its first (aq) reactant X is extracted as its first
 *     (org) product Y, and every species of the equation moves by its stoichiometry.
 * D is a number, or the isotherm {pH50, slope}: D = 10^(slope·(pH − pH50)), fixed when the unit
 * gives `pH`, computed from each stage's aqueous otherwise.
 */
import type { CompileContext, CompiledReaction } from '../core/unit-type';
import { fmt } from './equations';

export type Isotherm = { pH50: number; slope: number };
type Distribution = number | Isotherm;
export type ExtractEntry = Distribution | { equation: string; D: Distribution };

/** An isotherm's D: fixed, or computed from the stage's pH. */
export type StageD = { fixed: number } | { isotherm: Isotherm };

export interface Exchange {
  /** The `extract` key, for messages and paths. */
  name: string;
  /** Path relative to the unit: `extract.Mn`. */
  path: string;
  equation: string;
  terms: CompiledReaction['terms'];
  /** Extracted (aq) species and what it becomes in the organic. */
  x: number;
  y: number;
  /** Written the old way, `{formula: D}`. */
  sameFormula: boolean;
  D: StageD;
}

const pathOf = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? `extract.${name}` : `extract[${JSON.stringify(name)}]`);

/** Every entry of `extract`; undefined after errors (each recorded with its path). */
export function compileExchanges(extract: Record<string, ExtractEntry>, pH: number | undefined, ctx: CompileContext): Exchange[] | undefined {
  const out: Exchange[] = [];
  let ok = true;
  for (const [name, entry] of Object.entries(extract)) {
    const at = `extract[${JSON.stringify(name)}]`;
    const exchange = typeof entry === 'object' && 'equation' in entry ? fromEquation(name, entry, at, ctx) : sameFormula(name, at, ctx);
    const dist = typeof entry === 'object' && 'equation' in entry ? entry.D : entry;
    const D = exchange && stageD(dist, pH, typeof entry === 'object' && 'equation' in entry ? `${at}.D` : at, ctx);
    if (!exchange || !D) ok = false;
    else out.push({ ...exchange, D });
  }
  const ys = new Set<number>();
  for (const e of out) {
    if (ys.has(e.y)) {
      ctx.error(pathOf(e.name), `two exchanges make ${ctx.species.list[e.y].id}: each exchange needs its own organic product`, { species: ctx.species.list[e.y].id });
      ok = false;
    }
    ys.add(e.y);
  }
  return ok ? out : undefined;
}

type Moves = Omit<Exchange, 'D'>;

/** X(aq) ⇄ X(org), both declared with the same formula. */
function sameFormula(formula: string, at: string, ctx: CompileContext): Moves | undefined {
  const aq = ctx.species.index.get(`${formula}(aq)`);
  const org = ctx.species.index.get(`${formula}(org)`);
  if (aq === undefined || org === undefined) {
    const missing = [aq === undefined ? `${formula}(aq)` : '', org === undefined ? `${formula}(org)` : ''].filter(Boolean);
    ctx.error(at, `transferring ${formula} needs both ${formula}(aq) and ${formula}(org) declared; missing: ${missing.join(', ')}`, { species: missing[0] });
    return undefined;
  }
  const a = ctx.species.list[aq];
  const o = ctx.species.list[org];
  const same = a.charge === o.charge && Object.keys({ ...a.elements, ...o.elements }).every((el) => (a.elements[el] ?? 0) === (o.elements[el] ?? 0));
  if (!same) {
    ctx.error(at, `${a.id} and ${o.id} must have the same formula to be exchanged between phases`);
    return undefined;
  }
  const equation = `${a.id} -> ${o.id}`;
  return { name: formula, path: pathOf(formula), equation, terms: [{ k: aq, nu: -1 }, { k: org, nu: 1 }], x: aq, y: org, sameFormula: true };
}

/** An exchange equation: balanced, its species declared, (aq) and (org) only, an (aq) reactant and an (org) product. */
function fromEquation(name: string, entry: { equation: string }, at: string, ctx: CompileContext): Moves | undefined {
  const reaction = ctx.reaction(entry.equation, `${at}.equation`);
  if (!reaction) return undefined;
  const list = ctx.species.list;
  const volume = ctx.species.volumes.phase;
  const x = reaction.terms.find((t) => t.nu < 0 && list[t.k].phase === 'aq');
  const y = reaction.terms.find((t) => t.nu > 0 && list[t.k].phase === 'org');
  if (!x) {
    const first = reaction.terms.find((t) => t.nu < 0)!;
    ctx.error(`${at}.equation`, `an exchange extracts its first (aq) reactant, and this one has none: ${list[first.k].id} is not aqueous`, { species: list[first.k].id });
    return undefined;
  }
  if (!y) {
    ctx.error(`${at}.equation`, `the exchange extracts ${list[x.k].id} as its first (org) product, and it has none`, { species: list[x.k].id });
    return undefined;
  }
  const stray = reaction.terms.find((t) => volume[t.k] !== 'aq' && volume[t.k] !== 'org');
  if (stray) {
    ctx.error(`${at}.equation`, `an exchange moves species between the aqueous and the organic; ${list[stray.k].id} is neither`, { species: list[stray.k].id });
    return undefined;
  }
  return { name, path: pathOf(name), equation: entry.equation, terms: reaction.terms, x: x.k, y: y.k, sameFormula: false };
}

/** D fixed (a number, or an isotherm at the unit's pH) or computed from the stage's pH. */
function stageD(dist: Distribution, pH: number | undefined, at: string, ctx: CompileContext): StageD | undefined {
  if (typeof dist === 'number') return { fixed: dist };
  if (pH === undefined) return { isotherm: dist };
  const D = 10 ** (dist.slope * (pH - dist.pH50));
  if (!Number.isFinite(D)) {
    ctx.error(at, `D = 10^(${fmt(dist.slope)}·(${fmt(pH)} − ${fmt(dist.pH50)})) is not a finite number`);
    return undefined;
  }
  return { fixed: D };
}

