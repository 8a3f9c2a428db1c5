/**
 * Chemical formulas and species ids.
 *
 * Formula grammar (hand-written, single pass, no regular expressions, no recursion):
 *
 *   formula  = part { sep [number] part } [charge]
 *   sep      = "·" (U+00B7) | "*"                      hydrate separator
 *   part     = item { item }
 *   item     = ( element | "(" part ")" ) [number]     element: "Co", "O", ...
 *   number   = digits [ "." digits ] | "." digits      greater than zero
 *   charge   = "[" [digits] ("+" | "-") "]"            only at the very end
 *
 * e.g. `LiNi0.8Co0.15Al0.05O2`, `Nd2(C2O4)3·10H2O`, `((CH3)3C)2O`, `SO4[2-]`.
 * A "." is never a hydrate separator: `CuSO4.5H2O` reads as CuSO(4.5)H2O.
 *
 * Species id = formula + phase suffix: `Co[2+](aq)`, `LiCoO2(s)`, `CoSO4(org)`.
 */
import { ATOMIC_WEIGHTS, isElement } from './elements';
import { ChemistryError, quote, where } from './errors';

export { ChemistryError } from './errors';

export type Phase = 's' | 'l' | 'g' | 'aq' | 'org';
export const PHASES: readonly Phase[] = Object.freeze(['s', 'l', 'g', 'aq', 'org'] as Phase[]);

export interface ParsedFormula {
  elements: Record<string, number>;
  charge: number;
}

export interface SpeciesInfo {
  id: string;
  formula: string;
  phase: Phase;
  elements: Record<string, number>;
  charge: number;
  /** g/mol = kg/kmol */
  molarMass: number;
}

const CH_LPAREN = 40; // (
const CH_RPAREN = 41; // )
const CH_STAR = 42; // *
const CH_DOT = 46; // .
const CH_LBRACKET = 91; // [
const CH_MIDDOT = 0xb7; // ·

const isDigit = (c: number) => c >= 48 && c <= 57;
const isUpper = (c: number) => c >= 65 && c <= 90;
const isLower = (c: number) => c >= 97 && c <= 122;
const isSeparator = (c: number) => c === CH_MIDDOT || c === CH_STAR;
const startsNumber = (text: string, i: number) =>
  i < text.length &&
  (isDigit(text.charCodeAt(i)) || (text.charCodeAt(i) === CH_DOT && isDigit(text.charCodeAt(i + 1))));

const SYMBOL_HINT = 'element symbols are a capital letter and at most one small letter, e.g. Co, Ni, O';

/** Reads `digits[.digits]` or `.digits` at i (caller checked startsNumber). Returns [value, end]. */
function readNumber(text: string, i: number): [number, number] {
  let j = i;
  while (j < text.length && isDigit(text.charCodeAt(j))) j++;
  if (text.charCodeAt(j) === CH_DOT && isDigit(text.charCodeAt(j + 1))) {
    j++;
    while (j < text.length && isDigit(text.charCodeAt(j))) j++;
  }
  const value = Number(text.slice(i, j));
  if (!(value > 0)) {
    throw new ChemistryError(
      `a count must be greater than zero, not ${quote(text.slice(i, j))} ${where(text, i)}`,
      'leave an element out instead of giving it a zero count',
      text,
      i,
    );
  }
  return [value, j];
}

/** An optional count after an element or ")"; 1 when absent. */
function readCount(text: string, i: number): [number, number] {
  return startsNumber(text, i) ? readNumber(text, i) : [1, i];
}

function add(into: Record<string, number>, symbol: string, count: number): void {
  into[symbol] = (into[symbol] ?? 0) + count;
}

/** Explains the character at i, which the parser cannot use there. */
function unexpected(text: string, i: number, inGroup: boolean): ChemistryError {
  const ch = text[i]!;
  const c = text.charCodeAt(i);
  const at = where(text, i);
  const fail = (message: string, detail: string) => new ChemistryError(message, detail, text, i);
  if (inGroup && (isSeparator(c) || c === CH_LBRACKET)) {
    return fail(
      `${quote(ch)} inside parentheses ${at}`,
      c === CH_LBRACKET
        ? 'a charge comes at the very end of the formula, e.g. Co(H2O)6[2+]'
        : 'close the parentheses before the hydrate separator, e.g. Nd2(C2O4)3·10H2O',
    );
  }
  if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\u00a0') {
    return fail(`unexpected space ${at}`, 'a formula has no spaces');
  }
  if (isDigit(c)) {
    return fail(
      `a formula starts with an element symbol or "(", not ${quote(ch)} ${at}`,
      'a coefficient belongs in the equation, separated by a space: "2 H2O(l)"',
    );
  }
  if (isLower(c)) return fail(`unexpected ${quote(ch)} ${at}`, SYMBOL_HINT);
  if (ch === '.' || ch === '•' || ch === '⋅' || ch === '∙') {
    return fail(`${quote(ch)} is not a hydrate separator ${at}`, 'write "·" or "*", e.g. CuSO4·5H2O or CuSO4*5H2O');
  }
  if (ch === '+' || ch === '-' || ch === '−') {
    return fail(`unexpected ${quote(ch)} ${at}`, 'write a charge in brackets at the end, e.g. Co[2+], SO4[2-]');
  }
  if (c === CH_RPAREN) return fail(`unmatched ")" ${at}`, 'every ")" closes an earlier "("');
  if (ch === ']') return fail(`unmatched "]" ${at}`, 'a charge is written [2+], [-], ...');
  if (ch === '{' || ch === '}') {
    return fail(`unexpected ${quote(ch)} ${at}`, 'groups use "(" and ")"; square brackets hold a charge');
  }
  return fail(`unexpected ${quote(ch)} ${at}`, 'a formula holds element symbols, counts, "(", ")", "·" or "*" and a charge like [2+]');
}

/**
 * Parses items (elements and parenthesised groups) from `start` until the end, a "[",
 * or a hydrate separator outside parentheses. Returns the element counts, where it
 * stopped, and how many items it read.
 */
function parsePart(text: string, start: number): [Record<string, number>, number, number] {
  const n = text.length;
  const groups: Record<string, number>[] = [{}];
  const sizes: number[] = [0];
  const opened: number[] = [];
  let i = start;
  while (i < n) {
    const c = text.charCodeAt(i);
    const top = groups.length - 1;
    if (isUpper(c)) {
      let end = i + 1;
      if (end < n && isLower(text.charCodeAt(end))) end++;
      const symbol = text.slice(i, end);
      if (!isElement(symbol)) {
        throw new ChemistryError(`${quote(symbol)} is not an element symbol ${where(text, i)}`, SYMBOL_HINT, text, i);
      }
      const [count, next] = readCount(text, end);
      add(groups[top]!, symbol, count);
      sizes[top]!++;
      i = next;
    } else if (c === CH_LPAREN) {
      groups.push({});
      sizes.push(0);
      opened.push(i);
      i++;
    } else if (c === CH_RPAREN) {
      if (opened.length === 0) throw unexpected(text, i, false);
      const group = groups.pop()!;
      const size = sizes.pop()!;
      const open = opened.pop()!;
      if (size === 0) {
        throw new ChemistryError(`empty parentheses "()" ${where(text, open)}`, 'put a formula inside, or leave them out', text, open);
      }
      const [count, next] = readCount(text, i + 1);
      const parent = groups[top - 1]!;
      for (const symbol in group) add(parent, symbol, group[symbol]! * count);
      sizes[top - 1]!++;
      i = next;
    } else {
      break;
    }
  }
  if (opened.length > 0) {
    if (i < n) throw unexpected(text, i, true);
    const open = opened[opened.length - 1]!;
    throw new ChemistryError(
      `unclosed "(" in ${quote(text)} (opened at character ${open + 1})`,
      'every "(" needs a matching ")"',
      text,
      open,
    );
  }
  return [groups[0]!, i, sizes[0]!];
}

/** Parses `[2+]`, `[-]`, ... starting at the "[" at i; it must end the text. */
function parseCharge(text: string, i: number): number {
  const close = text.indexOf(']', i);
  if (close < 0) {
    throw new ChemistryError(`unclosed "[" ${where(text, i)}`, 'a charge is written [2+], [3+], [-] or [2-]', text, i);
  }
  const body = text.slice(i + 1, close);
  let j = 0;
  while (j < body.length && isDigit(body.charCodeAt(j))) j++;
  const sign = body.slice(j);
  const size = j === 0 ? 1 : Number(body.slice(0, j));
  const sense = sign === '+' ? 1 : sign === '-' || sign === '−' ? -1 : 0;
  if (sense === 0 || size === 0) {
    throw new ChemistryError(
      `bad charge ${quote(`[${body}]`)} ${where(text, i)}`,
      'write a charge as the number, then the sign: [+], [2+], [-], [2-]',
      text,
      i,
    );
  }
  if (close !== text.length - 1) {
    const next = text[close + 1];
    if (next === ' ' || next === '\t' || next === '\u00a0') throw unexpected(text, close + 1, false);
    throw new ChemistryError(
      `the charge ${quote(`[${body}]`)} must come at the end of the formula ${where(text, i)}`,
      'write the charge last, e.g. Co(H2O)6[2+]',
      text,
      i,
    );
  }
  return sense * size;
}

function finite(text: string, elements: Record<string, number>, charge: number): ParsedFormula {
  for (const symbol in elements) {
    if (!Number.isFinite(elements[symbol])) {
      throw new ChemistryError(`the count of ${symbol} in ${quote(text)} is too large`, 'check the counts and nesting', text, 0);
    }
  }
  return { elements, charge };
}

/** Element counts and charge of a formula such as `Nd2(C2O4)3·10H2O` or `SO4[2-]`. */
export function parseFormula(text: string): ParsedFormula {
  const n = text.length;
  if (n === 0) throw new ChemistryError('empty formula', 'write a formula such as "LiCoO2" or "Co[2+]"', text, 0);
  const elements: Record<string, number> = {};
  let i = 0;
  let first = true;
  for (;;) {
    const partStart = i;
    let multiplier = 1;
    if (!first && startsNumber(text, i)) [multiplier, i] = readNumber(text, i);
    const [part, end, size] = parsePart(text, i);
    i = end;
    if (size === 0) {
      if (!first) {
        const sep = text[partStart - 1]!;
        throw new ChemistryError(
          `no formula after ${quote(sep)} ${where(text, partStart - 1)}`,
          'a hydrate part follows the separator, e.g. ·10H2O or *H2O',
          text,
          partStart - 1,
        );
      }
      if (i < n && text.charCodeAt(i) !== CH_LBRACKET) throw unexpected(text, i, false);
      throw new ChemistryError(
        `no formula before the charge ${where(text, i)}`,
        'write the ion, then its charge: Co[2+], SO4[2-]',
        text,
        i,
      );
    }
    for (const symbol in part) add(elements, symbol, part[symbol]! * multiplier);
    if (i >= n) return finite(text, elements, 0);
    const c = text.charCodeAt(i);
    if (c === CH_LBRACKET) return finite(text, elements, parseCharge(text, i));
    if (!isSeparator(c)) throw unexpected(text, i, false);
    i++;
    first = false;
  }
}

/** Molar mass in g/mol (= kg/kmol) of an element vector. */
export function molarMass(elements: Readonly<Record<string, number>>): number {
  let sum = 0;
  for (const symbol in elements) {
    if (!isElement(symbol)) throw new ChemistryError(`${quote(symbol)} is not an element symbol`, SYMBOL_HINT);
    sum += ATOMIC_WEIGHTS[symbol]! * elements[symbol]!;
  }
  return sum;
}

const PHASE_LIST = '(s), (l), (g), (aq) or (org)';

/** Splits `Co[2+](aq)` into ["Co[2+]", "aq"]. */
function splitPhase(id: string): [string, Phase] {
  const open = id.lastIndexOf('(');
  if (open >= 0 && id.endsWith(')')) {
    const suffix = id.slice(open + 1, -1);
    if ((PHASES as readonly string[]).includes(suffix)) return [id.slice(0, open), suffix as Phase];
    const lower = suffix.toLowerCase();
    if ((PHASES as readonly string[]).includes(lower)) {
      throw new ChemistryError(
        `the phase ${quote(`(${suffix})`)} of ${quote(id)} is written in small letters: "(${lower})"`,
        `a species id ends in ${PHASE_LIST}`,
        id,
        open,
      );
    }
    let letters = suffix.length > 0;
    for (let k = 0; k < suffix.length && letters; k++) letters = isLower(suffix.charCodeAt(k));
    if (letters) {
      throw new ChemistryError(
        `unknown phase ${quote(`(${suffix})`)} in ${quote(id)}: a species id ends in ${PHASE_LIST}`,
        'phases are s (solid), l (liquid), g (gas), aq (aqueous) and org (organic)',
        id,
        open,
      );
    }
  }
  throw new ChemistryError(
    `missing phase suffix on ${quote(id)}: a species id ends in ${PHASE_LIST}`,
    'e.g. "Co[2+](aq)", "LiCoO2(s)", "CoSO4(org)"',
    id,
    id.length,
  );
}

/** True when `name` has two small letters in a row, which no formula has ("Graphite"). */
function looksLikeName(name: string): boolean {
  for (let k = 1; k < name.length; k++) {
    if (isLower(name.charCodeAt(k)) && isLower(name.charCodeAt(k - 1))) return true;
  }
  return false;
}

/**
 * Reads a species id such as `Co[2+](aq)` or `Nd2(C2O4)3·10H2O(s)`. The formula is the
 * id without its phase suffix, unless `formulaOverride` is given (for ids that are
 * names, e.g. `Graphite(s)` with formula `C`).
 */
export function parseSpeciesId(id: string, formulaOverride?: string): SpeciesInfo {
  const [name, phase] = splitPhase(id);
  let parsed: ParsedFormula;
  if (formulaOverride !== undefined) {
    parsed = parseFormula(formulaOverride);
  } else {
    if (name.length === 0) {
      throw new ChemistryError(`the species id ${quote(id)} has no formula before its phase suffix`, 'e.g. "H2O(l)"', id, 0);
    }
    try {
      parsed = parseFormula(name);
    } catch (error) {
      if (error instanceof ChemistryError && looksLikeName(name)) {
        throw new ChemistryError(
          `${quote(name)} is not a formula; give the species a "formula"`,
          `e.g. ${quote(id)}: { "formula": "..." }`,
          id,
          0,
        );
      }
      if (error instanceof ChemistryError) {
        const hint = `; if ${quote(name)} is a name rather than a formula, give the species a "formula"`;
        throw new ChemistryError(error.message, error.detail + hint, error.text, error.at);
      }
      throw error;
    }
  }
  return {
    id,
    formula: formulaOverride ?? name,
    phase,
    elements: parsed.elements,
    charge: parsed.charge,
    molarMass: molarMass(parsed.elements),
  };
}
