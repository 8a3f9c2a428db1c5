/**
 * Reaction equations: `2 LiCoO2(s) + 3 H2SO4(aq) + H2O2(aq) -> Li2SO4(aq) + 2 CoSO4(aq) + 4 H2O(l) + O2(g)`.
 *
 * - The arrow is "->", "=" or "→" (one of them, once). Reversible arrows are refused.
 * - Terms are separated by "+" with a space before it (or directly after a ")"), so the
 *   "+" of a charge such as `Co[2+](aq)` is never a separator: "+" inside "[...]" never is.
 * - A term is an optional coefficient (a number > 0, default 1), whitespace, a species id.
 * - A species listed twice on one side is summed; one listed on both sides is netted onto
 *   the side where more of it appears (dropped when it cancels).
 */
import { ChemistryError, quote, where } from './errors';

export interface Term {
  species: string;
  coefficient: number;
}

export interface Equation {
  left: Term[];
  right: Term[];
}

export interface Imbalance {
  kind: 'element' | 'charge' | 'unknown-species';
  /** element symbol, "charge", or the species id that is not declared */
  symbol: string;
  /** total on each side (for 'unknown-species': the species' coefficient on each side) */
  left: number;
  right: number;
}

export type SpeciesLookup = (
  speciesId: string,
) => { elements: Readonly<Record<string, number>>; charge: number } | undefined;

const ARROW_HINT = 'write the reactants, "->", then the products, e.g. "2 H2(g) + O2(g) -> 2 H2O(l)"';
const TERM_HINT = 'a term is an optional coefficient, a space and one species id, e.g. "2 CoSO4(aq)"; terms are separated by " + "';

const isSpace = (ch: string | undefined) =>
  ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\u00a0';
const isDigitChar = (ch: string | undefined) => ch !== undefined && ch >= '0' && ch <= '9';

interface Arrow {
  at: number;
  token: string;
}

function findArrow(text: string): Arrow {
  let depth = 0;
  let arrow: Arrow | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '[') depth++;
    else if (ch === ']' && depth > 0) depth--;
    if (depth > 0) continue;
    let token = '';
    if (ch === '<' && (text.startsWith('->', i + 1) || text.startsWith('=>', i + 1))) token = text.slice(i, i + 3);
    else if (ch === '⇌' || ch === '↔' || ch === '⇄') token = ch;
    if (token !== '') {
      throw new ChemistryError(
        `reversible arrow ${quote(token)} ${where(text, i)}`,
        'a reaction here runs one way, to its conversion: write "->" or "="',
        text,
        i,
      );
    }
    if (ch === '-' && text[i + 1] === '>') token = '->';
    else if (ch === '→') token = '→';
    else if (ch === '=') {
      if (text[i + 1] === '>') {
        throw new ChemistryError(`"=>" is not an arrow ${where(text, i)}`, 'write "->" or "="', text, i);
      }
      token = '=';
    }
    if (token === '') continue;
    if (arrow) {
      throw new ChemistryError(
        `more than one arrow in ${quote(text)}: ${quote(arrow.token)} at character ${arrow.at + 1} and ${quote(token)} at character ${i + 1}`,
        'one equation has exactly one arrow; list consecutive reactions separately',
        text,
        i,
      );
    }
    arrow = { at: i, token };
    i += token.length - 1;
  }
  if (!arrow) {
    throw new ChemistryError(`missing arrow in ${quote(text)}: write "->" or "=" between reactants and products`, ARROW_HINT, text, 0);
  }
  return arrow;
}

/** Reads a coefficient: [+-]digits[.digits] or [+-].digits; NaN when it is not one. */
function readCoefficient(token: string): number {
  let j = token[0] === '-' || token[0] === '+' ? 1 : 0;
  let digits = 0;
  while (isDigitChar(token[j])) (j++, digits++);
  if (token[j] === '.') {
    j++;
    while (isDigitChar(token[j])) (j++, digits++);
  }
  return digits > 0 && j === token.length ? Number(token) : NaN;
}

function parseTerm(text: string, from: number, to: number): Term {
  const tokens: { at: number; word: string }[] = [];
  let i = from;
  while (i < to) {
    while (i < to && isSpace(text[i])) i++;
    if (i >= to) break;
    const start = i;
    while (i < to && !isSpace(text[i])) i++;
    tokens.push({ at: start, word: text.slice(start, i) });
  }
  if (tokens.length === 0) {
    throw new ChemistryError(`empty term ${where(text, from)}`, 'every "+" needs a term on both sides', text, from);
  }
  if (tokens.length > 2) {
    const extra = tokens[2]!;
    throw new ChemistryError(
      `unexpected ${quote(extra.word)} in the term ${quote(text.slice(tokens[0]!.at, to).trim())} ${where(text, extra.at)}`,
      TERM_HINT,
      text,
      extra.at,
    );
  }
  if (tokens.length === 1) {
    const { at, word } = tokens[0]!;
    if (!Number.isNaN(readCoefficient(word))) {
      throw new ChemistryError(`the coefficient ${quote(word)} has no species after it ${where(text, at)}`, TERM_HINT, text, at);
    }
    if (isDigitChar(word[0]) || (word[0] === '.' && isDigitChar(word[1]))) {
      let j = 0;
      while (isDigitChar(word[j]) || word[j] === '.') j++;
      throw new ChemistryError(
        `${quote(word)} needs a space after its coefficient: ${quote(`${word.slice(0, j)} ${word.slice(j)}`)} ${where(text, at)}`,
        TERM_HINT,
        text,
        at,
      );
    }
    return { species: word, coefficient: 1 };
  }
  const [coef, species] = tokens as [{ at: number; word: string }, { at: number; word: string }];
  const value = readCoefficient(coef.word);
  const first = coef.word[0]!;
  if (Number.isNaN(value) && ((first >= 'A' && first <= 'Z') || first === '(')) {
    throw new ChemistryError(
      `missing "+" between ${quote(coef.word)} and ${quote(species.word)} ${where(text, species.at)}`,
      TERM_HINT,
      text,
      species.at,
    );
  }
  if (Number.isNaN(value)) {
    throw new ChemistryError(`bad coefficient ${quote(coef.word)} ${where(text, coef.at)}`, TERM_HINT, text, coef.at);
  }
  if (!(value > 0)) {
    throw new ChemistryError(
      `the coefficient ${quote(coef.word)} must be greater than zero ${where(text, coef.at)}`,
      'a reactant goes on the left of the arrow and a product on the right, each with a positive coefficient',
      text,
      coef.at,
    );
  }
  return { species: species.word, coefficient: value };
}

function parseSide(text: string, from: number, to: number, side: string, arrow: string): Term[] {
  if (text.slice(from, to).trim() === '') {
    throw new ChemistryError(`nothing on the ${side} of ${quote(arrow)} in ${quote(text)}`, ARROW_HINT, text, from);
  }
  const terms: Term[] = [];
  let depth = 0;
  let start = from;
  for (let i = from; i < to; i++) {
    const ch = text[i];
    if (ch === '[') depth++;
    else if (ch === ']' && depth > 0) depth--;
    else if (ch === '+' && depth === 0) {
      const before = text[i - 1];
      if (i === from || !(isSpace(before) || before === ')')) {
        throw new ChemistryError(
          `"+" ${where(text, i)} is neither between two terms nor inside a charge`,
          'separate terms with " + " and write charges in brackets, e.g. Co[2+](aq)',
          text,
          i,
        );
      }
      terms.push(parseTerm(text, start, i));
      start = i + 1;
    }
  }
  terms.push(parseTerm(text, start, to));
  return terms;
}

function sumBySpecies(terms: readonly Term[]): Map<string, number> {
  const sums = new Map<string, number>();
  for (const { species, coefficient } of terms) sums.set(species, (sums.get(species) ?? 0) + coefficient);
  return sums;
}

/** Nets one side against the other; keeps the order in which species first appear. */
function netSide(own: Map<string, number>, other: Map<string, number>): Term[] {
  const terms: Term[] = [];
  for (const [species, coefficient] of own) {
    const opposite = other.get(species) ?? 0;
    const net = coefficient - opposite;
    if (net > 1e-12 * Math.max(coefficient, opposite)) terms.push({ species, coefficient: net });
  }
  return terms;
}

/** Parses an equation such as `Fe[3+](aq) + 3 OH[-](aq) -> Fe(OH)3(s)`. */
export function parseEquation(text: string): Equation {
  const arrow = findArrow(text);
  const after = arrow.at + arrow.token.length;
  const leftSums = sumBySpecies(parseSide(text, 0, arrow.at, 'left', arrow.token));
  const rightSums = sumBySpecies(parseSide(text, after, text.length, 'right', arrow.token));
  const left = netSide(leftSums, rightSums);
  const right = netSide(rightSums, leftSums);
  for (const [side, terms] of [['left', left], ['right', right]] as const) {
    if (terms.length === 0) {
      throw new ChemistryError(
        `nothing is left on the ${side} of ${quote(arrow.token)} in ${quote(text)} once species on both sides cancel`,
        'a species on both sides is netted; the reaction must change something',
        text,
        side === 'left' ? 0 : after,
      );
    }
  }
  return { left, right };
}

/** Net stoichiometric coefficients ν: products positive, reactants negative. */
export function stoichiometry(eq: Equation): Map<string, number> {
  const nu = new Map<string, number>();
  for (const t of eq.left) nu.set(t.species, (nu.get(t.species) ?? 0) - t.coefficient);
  for (const t of eq.right) nu.set(t.species, (nu.get(t.species) ?? 0) + t.coefficient);
  for (const [species, value] of nu) if (value === 0) nu.delete(species);
  return nu;
}

interface Tally {
  left: number;
  right: number;
  /** sum of |ν·count| on each side: the scale for the tolerance */
  grossLeft: number;
  grossRight: number;
}

const RELATIVE_TOLERANCE = 1e-9;

/**
 * Element and charge balance of `eq`. Returns [] when balanced within 1e-9 relative to
 * the larger side. When species are unknown to `lookup`, returns only those
 * ('unknown-species'), since the balance cannot be judged.
 */
export function checkBalance(eq: Equation, lookup: SpeciesLookup): Imbalance[] {
  const unknown = new Map<string, Imbalance>();
  const elements = new Map<string, Tally>();
  const charge: Tally = { left: 0, right: 0, grossLeft: 0, grossRight: 0 };
  const tally = (into: Tally, amount: number, onLeft: boolean) => {
    if (onLeft) (into.left += amount), (into.grossLeft += Math.abs(amount));
    else (into.right += amount), (into.grossRight += Math.abs(amount));
  };
  for (const [terms, onLeft] of [[eq.left, true], [eq.right, false]] as const) {
    for (const { species, coefficient } of terms) {
      const info = lookup(species);
      if (!info) {
        const entry = unknown.get(species) ?? { kind: 'unknown-species', symbol: species, left: 0, right: 0 };
        if (onLeft) entry.left += coefficient;
        else entry.right += coefficient;
        unknown.set(species, entry);
        continue;
      }
      for (const symbol in info.elements) {
        let t = elements.get(symbol);
        if (!t) elements.set(symbol, (t = { left: 0, right: 0, grossLeft: 0, grossRight: 0 }));
        tally(t, coefficient * info.elements[symbol]!, onLeft);
      }
      if (info.charge !== 0) tally(charge, coefficient * info.charge, onLeft);
    }
  }
  if (unknown.size > 0) return [...unknown.values()];
  const off = (t: Tally) => Math.abs(t.left - t.right) > RELATIVE_TOLERANCE * Math.max(t.grossLeft, t.grossRight);
  const result: Imbalance[] = [];
  for (const [symbol, t] of elements) {
    if (off(t)) result.push({ kind: 'element', symbol, left: t.left, right: t.right });
  }
  if (off(charge)) result.push({ kind: 'charge', symbol: 'charge', left: charge.left, right: charge.right });
  return result;
}

/** A number as a person writes it: 12 significant digits at most, no float noise. */
function formatNumber(x: number): string {
  const rounded = Number(x.toPrecision(12));
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

const formatCharge = (x: number) => (x > 0 ? `+${formatNumber(x)}` : formatNumber(x));

/** e.g. `O is off by 2 (8 on the left, 10 on the right)`. */
export function describeImbalance(i: Imbalance): string {
  if (i.kind === 'unknown-species') return `species ${quote(i.symbol)} is not declared`;
  // The difference of two near-equal totals carries their rounding noise: round it to
  // 12 significant digits of the larger total, not of itself.
  const scale = Math.max(Math.abs(i.left), Math.abs(i.right));
  const step = scale > 0 ? 10 ** (Math.floor(Math.log10(scale)) - 11) : 1;
  const by = formatNumber(Math.round(Math.abs(i.left - i.right) / step) * step);
  if (i.kind === 'charge') {
    return `charge is off by ${by} (${formatCharge(i.left)} on the left, ${formatCharge(i.right)} on the right)`;
  }
  return `${i.symbol} is off by ${by} (${formatNumber(i.left)} on the left, ${formatNumber(i.right)} on the right)`;
}
