/**
 * What the fuzz harness (tests/fuzz) found in the library, each case from its minimal input: a
 * located refusal or a complete answer, never a NaN, a null or a message the size of the input.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compilePlant, FlexsheetError, type FlowsheetDoc } from '../../core';
import { MAX_DEPTH, MAX_TEXT_LENGTH } from '../../core/json';
import { MAX_FLOW, MAX_ID_LENGTH, MAX_OUTLETS, MAX_REACTIONS } from '../../core/schema';
import { T_MAX_CELSIUS, T_MIN_CELSIUS } from '../../core/bounds';
import { linspace, MAX_SWEEP_POINTS } from '../../core/sweep';
import { registry } from '../../unit-ops';
import { problemsOf, solveDoc } from '../support/solve';

const root = join(import.meta.dirname, '..', '..');
const recycle = (): FlowsheetDoc => JSON.parse(readFileSync(join(root, 'tests', 'fixtures', 'recycle-purge.json'), 'utf8'));

describe('temperatures', () => {
  it('a unit at absolute zero is refused: the enthalpy correlations hold from 100 K (−173.15 °C)', () => {
    const d = recycle();
    (d.units.mix as { T?: number }).T = -273.15;
    expect(problemsOf(d)[0]).toMatchObject({ path: 'units.mix.T', message: 'unit "mix" (mixer): must be ≥ -173.15 (is -273.15)' });
  });

  it('at the lowest temperature allowed, every duty and the heat balance are numbers', () => {
    const d = recycle();
    (d.units.mix as { T?: number }).T = -173.15;
    const r = solveDoc(d).results;
    expect(Number.isFinite(r.duties!.mix)).toBe(true);
    const h = r.heatBalance!;
    // Adiabatic elsewhere, no reaction: the mixer's duty is all the heat the products lose.
    expect(h.duties).toBeCloseTo(h.products - h.feeds - h.reactions, 6);
  });
});

describe('messages that quote the input stay short', () => {
  it('a --mode of 100,000 characters is named by its start and its length', () => {
    const problems = problemsOf(recycle(), 'u'.repeat(100_000));
    expect(problems[0].message).toBe(`mode "${'u'.repeat(60)}…" (100,000 characters) does not exist: this flowsheet has no modes`);
  });
});

describe('sweeps', () => {
  it('a grid of 1,000 × 1,000 × 1,000 points is refused before it is built (building it never ended)', () => {
    const plant = compilePlant(recycle(), registry);
    const axis = (path: string) => ({ path: plant.parameterPath(path), values: linspace('1:2:1000') });
    const axes = [axis('split.fractions.purge'), axis('fresh.flows["NaCl(aq)"]'), axis('fresh.flows["H2O(l)"]')];
    let error: unknown;
    try {
      plant.sweep(axes);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FlexsheetError);
    expect((error as FlexsheetError).diagnostics[0].message).toBe('the grid has 1,000,000,000 points (1,000 × 1,000 × 1,000): a sweep solves at most 100,000');
  });
});

describe('docs/format.md, "Limits"', () => {
  const page = readFileSync(join(root, 'docs', 'format.md'), 'utf8');
  const limits = page.slice(page.indexOf('## Limits'), page.indexOf('## Compatibility'));
  const row = (what: string) => limits.split('\n').find((l) => l.startsWith(`| ${what}`)) ?? '';
  const n = (x: number) => x.toLocaleString('en-US');

  it('gives every limit the code holds inputs to, with the figure the code uses', () => {
    expect(row('size of the file')).toContain(`${n(MAX_TEXT_LENGTH)} characters`);
    expect(row('nesting')).toContain(`${MAX_DEPTH} deep`);
    expect(row('length of an id')).toContain(`${MAX_ID_LENGTH} characters`);
    expect(row('a flow in the file')).toContain(`to ${MAX_FLOW.toExponential().replace('e+', 'e')}`);
    expect(row('reactions of one unit')).toContain(`| ${n(MAX_REACTIONS)} |`);
    expect(row('outlets of one unit')).toContain(`| ${n(MAX_OUTLETS)} |`);
    expect(row("a unit's `T`")).toContain(`${String(T_MIN_CELSIUS).replace('-', '−')} to ${T_MAX_CELSIUS} °C`);
    expect(row('values of one `sweep` axis')).toContain(`| ${n(MAX_SWEEP_POINTS)} |`);
  });
});
