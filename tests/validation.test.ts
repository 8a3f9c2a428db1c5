/** Every rule of FORMAT.md that a file can break, each with the message it must get. */
import { describe, expect, it } from 'vitest';
import { compileFlowsheet, FlexsheetError, type Diagnostic } from '../core';
import { registry } from '../unit-ops';
import { doc, problemsOf } from './support/solve';

function valid() {
  return doc({
    species: { 'CuO(s)': {}, 'H2SO4(aq)': {}, 'CuSO4(aq)': {}, 'H2O(l)': {}, 'Graphite(s)': { formula: 'C' } },
    units: {
      ore: { type: 'feed', flows: { 'CuO(s)': 1, 'Graphite(s)': 2, 'H2O(l)': 50 } },
      leach: {
        type: 'reactor',
        reactions: [{ equation: 'CuO(s) + H2SO4(aq) -> CuSO4(aq) + H2O(l)', key: 'CuO(s)', conversion: 0.9 }],
        reagents: { 'H2SO4(aq)': { excess: 0.2 } },
      },
      filter: { type: 'separator', outlets: ['cake', 'liquor'], split: { cake: { 'phase:s': 1, '*': 0.05 } } },
      residue: { type: 'product' },
      solution: { type: 'product' },
    },
    streams: {
      s1: { from: 'ore.out', to: 'leach.in' },
      s2: { from: 'leach.out', to: 'filter.in' },
      s3: { from: 'filter.cake', to: 'residue.in' },
      s4: { from: 'filter.liquor', to: 'solution.in' },
    },
  });
}

type Doc = ReturnType<typeof valid>;
const units = (d: Doc) => d.units as Record<string, Record<string, unknown>>;

function expectProblem(problems: Diagnostic[], path: string, message: RegExp) {
  const hit = problems.find((p) => p.path === path && message.test(p.message));
  expect(hit, `expected a problem at ${path} matching ${message}; got:\n${problems.map((p) => `${p.path}: ${p.message}`).join('\n')}`).toBeDefined();
  expect(hit!.message).not.toMatch(/\n\s+at /); // never a stack trace
}

describe('a valid file', () => {
  it('solves', () => {
    expect(() => compileFlowsheet(valid(), registry)).not.toThrow();
  });
});

describe('bad input is refused with a located message', () => {
  it('text that is not JSON: line and column', () => {
    const problems = problemsOf('{\n  "format": "flexsheet/1",\n  "name": oops\n}');
    expect(problems[0].message).toMatch(/not valid JSON at line 3, column 11: invalid symbol/);
  });

  it('a format other than flexsheet/1', () => {
    expectProblem(problemsOf({ ...valid(), format: 'flexsheet/2' }), 'format', /"flexsheet\/2" is not supported: Flexsheet reads "flexsheet\/1"/);
    const { format: _omit, ...noFormat } = valid();
    expectProblem(problemsOf(noFormat), 'format', /missing "format"/);
  });

  it('an unknown basis and a missing section', () => {
    expectProblem(problemsOf({ ...valid(), basis: 'lb/h' }), 'basis', /must be one of "kg\/h", "t\/h", "kmol\/h", "mol\/s"/);
    const { streams: _omit, ...noStreams } = valid();
    expectProblem(problemsOf(noStreams), '(file)', /missing "streams"/);
  });

  it('species: no phase suffix, not an element, a name without a formula', () => {
    const d = valid();
    d.species = { ...d.species, 'CuSO4': {}, 'XyO(s)': {}, 'Kerosene(org)': {} };
    const problems = problemsOf(d);
    expectProblem(problems, 'species.CuSO4', /missing phase suffix/);
    expectProblem(problems, 'species["XyO(s)"]', /"Xy" is not an element symbol/);
    expectProblem(problems, 'species["Kerosene(org)"]', /"Kerosene" is not a formula; give the species a "formula"/);
  });

  it('a species used but not declared', () => {
    const d = valid();
    units(d).ore.flows = { 'CuO(s)': 1, 'Fe2O3(s)': 1 };
    expectProblem(problemsOf(d), 'units.ore.flows["Fe2O3(s)"]', /unit "ore": species "Fe2O3\(s\)" is not declared in "species"/);
  });

  it('a negative flow', () => {
    const d = valid();
    units(d).ore.flows = { 'CuO(s)': -1 };
    expectProblem(problemsOf(d), 'units.ore.flows["CuO(s)"]', /must be ≥ 0 \(is -1\)/);
  });

  it('a unit type that does not exist names the unit', () => {
    const d = valid();
    units(d).leach.type = 'autoclave';
    expectProblem(problemsOf(d), 'units.leach.type', /unit "leach": type "autoclave" does not exist \(known types: feed, product/);
  });

  it('an unknown or missing parameter, a value out of bounds', () => {
    const d = valid();
    units(d).filter.splt = {};
    (units(d).leach.reactions as { conversion: number }[])[0].conversion = 1.5;
    delete units(d).filter.outlets;
    const problems = problemsOf(d);
    expectProblem(problems, 'units.filter', /unit "filter" \(separator\): unknown property "splt"/);
    expectProblem(problems, 'units.filter', /missing "outlets"/);
    expectProblem(problems, 'units.leach.reactions[0].conversion', /must be ≤ 1 \(is 1.5\)/);
  });

  it('a stream to a port that does not exist, or from a unit that does not exist', () => {
    const d = valid();
    d.streams.s3 = { from: 'filter.solids', to: 'residue.in' };
    d.streams.s9 = { from: 'mill.out', to: 'leach.in' };
    const problems = problemsOf(d);
    expectProblem(problems, 'streams.s3.from', /unit "filter" \(separator\) has no outlet "solids" \(outlets: cake, liquor\)/);
    expectProblem(problems, 'streams.s9.from', /stream "s9" leaves unit "mill", which does not exist/);
  });

  it('a stream into an outlet', () => {
    const d = valid();
    d.streams.s4 = { from: 'filter.liquor', to: 'leach.out' };
    expectProblem(problemsOf(d), 'streams.s4.to', /port "out" of unit "leach" is an outlet, not an inlet/);
  });

  it('an unconnected outlet and an unconnected inlet', () => {
    const d = valid();
    delete d.streams.s4;
    const problems = problemsOf(d);
    expectProblem(problems, 'streams', /unit "filter": outlet "liquor" is not connected/);
    expectProblem(problems, 'streams', /unit "solution": inlet "in" is not connected/);
    expect(problems.find((p) => /outlet "liquor"/.test(p.message))!.port).toBe('liquor');
  });

  it('an outlet that carries two streams', () => {
    const d = valid();
    d.streams.s5 = { from: 'filter.liquor', to: 'residue.in' };
    expectProblem(problemsOf(d), 'streams.s5.from', /outlet "liquor" of unit "filter" already carries stream "s4"/);
  });

  it('two streams into an inlet that takes one', () => {
    const d = valid();
    units(d).extra = { type: 'feed', flows: { 'H2O(l)': 1 } };
    d.streams.s6 = { from: 'extra.out', to: 'filter.in' };
    expectProblem(problemsOf(d), 'units.filter.in', /inlet "in" takes one stream but 2 enter it \(s2, s6\)/);
  });

  it('separator: a rest below zero, fractions on the last outlet, a bad selector', () => {
    const d = valid();
    units(d).filter = { type: 'separator', outlets: ['a', 'b', 'c'], split: { a: { 'phase:s': 0.7 }, b: { 'CuO(s)': 0.5 } } };
    d.streams = { ...d.streams, s3: { from: 'filter.a', to: 'residue.in' }, s4: { from: 'filter.b', to: 'solution.in' }, s7: { from: 'filter.c', to: 'solution.in' } };
    expectProblem(problemsOf(d), 'units.filter.split', /take 1\.2 of CuO\(s\): the rest would be below zero/);
    units(d).filter = { type: 'separator', outlets: ['a', 'b', 'c'], split: { c: { '*': 0.5 }, a: { 'phase:x': 0.1 } } };
    const problems = problemsOf(d);
    expectProblem(problems, 'units.filter.split.c', /"c" is the last outlet, which takes the rest/);
    expectProblem(problems, 'units.filter.split.a["phase:x"]', /"phase:x" is not a phase selector/);
  });

  it('an unbalanced reaction: charge', () => {
    const d = valid();
    d.species = { ...d.species, 'Cu[2+](aq)': {}, 'SO4[2-](aq)': {} };
    (units(d).leach.reactions as { equation: string }[])[0].equation = 'CuO(s) + H2SO4(aq) -> Cu[2+](aq) + SO4[-](aq) + H2O(l)';
    d.species['SO4[-](aq)'] = {};
    expectProblem(problemsOf(d), 'units.leach.reactions[0].equation', /charge is off by/);
  });

  it('sx: the organic species missing (an isotherm without pH is computed from each stage, issue 11)', () => {
    const d = valid();
    d.species = { ...d.species, 'CuSO4(org)': {} };
    units(d).sx = { type: 'sx', stages: 2, oa: 1, extract: { CuSO4: { pH50: 2, slope: 1 }, H2SO4: 0.1 } };
    units(d).org = { type: 'feed', flows: {} };
    units(d).loaded = { type: 'product' };
    d.streams = {
      ...d.streams,
      s4: { from: 'filter.liquor', to: 'sx.aqIn' },
      s8: { from: 'org.out', to: 'sx.orgIn' },
      s9: { from: 'sx.aqOut', to: 'solution.in' },
      s10: { from: 'sx.orgOut', to: 'loaded.in' },
    };
    const problems = problemsOf(d);
    expect(problems.some((p) => p.path === 'units.sx.extract.CuSO4')).toBe(false);
    expectProblem(problems, 'units.sx.extract.H2SO4', /needs both H2SO4\(aq\) and H2SO4\(org\) declared; missing: H2SO4\(org\)/);
  });

  it('a mode that does not exist, a mode that changes a unit that does not exist', () => {
    const d = { ...valid(), modes: { hot: { units: { boiler: { conversion: 1 } } } } };
    expectProblem(problemsOf(d, 'cold'), 'modes', /mode "cold" does not exist \(modes: hot\)/);
    expectProblem(problemsOf(d, 'hot'), 'modes.hot.units.boiler', /changes unit "boiler", which does not exist/);
  });

  it('never returns numbers for a refused file', () => {
    try {
      compileFlowsheet({ ...valid(), basis: 'furlongs' }, registry);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(FlexsheetError);
    }
  });
});

describe('modes', () => {
  it('merge parameters into units and take units out of service with their streams', () => {
    const d = valid();
    d.modes = {
      gentle: { units: { leach: { reagents: { 'H2SO4(aq)': { excess: 0 } } } } },
      bypass: {
        units: { filter: null, solution: null },
        streams: { s1: { from: 'ore.out', to: 'leach.in' }, s2: { from: 'leach.out', to: 'residue.in' } },
      },
    };
    const gentle = compileFlowsheet(d, registry, { mode: 'gentle' });
    expect(gentle.units.find((u) => u.id === 'leach')!.params.reagents).toEqual({ 'H2SO4(aq)': { excess: 0 } });
    const bypass = compileFlowsheet(d, registry, { mode: 'bypass' });
    expect(bypass.idle).toEqual(['filter', 'solution']);
    expect(bypass.streams.map((s) => s.id)).toEqual(['s1', 's2']);
  });
});
