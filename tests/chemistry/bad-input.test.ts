/** Bad input of the solution chemistry (issue 11): each refused with the unit and the path, no numbers. */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../core';
import { doc, problemsOf } from '../support/solve';
import { DILUENT_PER_M3, EXCHANGE_SPECIES, SAPONIFIED, sxBetweenFeeds, WATER_PER_M3 } from './exchange-helpers';

function sxPlant(equation: string, species = EXCHANGE_SPECIES) {
  return sxBetweenFeeds(species, { 'MnSO4(aq)': 1, 'H2O(l)': WATER_PER_M3 }, { 'NaA(org)': 4, 'Diluent(org)': DILUENT_PER_M3 }, { type: 'sx', stages: 2, extract: { Mn: { equation, D: 10 } } });
}

function crystalliser(species: Record<string, object>, reactions: object[], type = 'crystallizer') {
  const ports = type === 'crystallizer' ? { crystals: 'x', motherLiquor: 'ml', vapour: 'v' } : { out: 'x' };
  return doc({
    basis: 'kg/h',
    species,
    units: {
      feed: { type: 'feed', flows: Object.fromEntries(Object.keys(species).filter((id) => id.endsWith('(aq)') || id === 'H2O(l)').map((id) => [id, 100])) },
      unit: { type, reactions },
      ...Object.fromEntries(Object.values(ports).map((p) => [p, { type: 'product' }])),
    },
    streams: {
      s1: { from: 'feed.out', to: 'unit.in' },
      ...Object.fromEntries(Object.entries(ports).map(([port, p]) => [`s_${p}`, { from: `unit.${port}`, to: `${p}.in` }])),
    },
  });
}

/** A message says what and where, without numbers (the only digits are in species formulas). */
function expectClear(p: Diagnostic, path: string, unit: string | undefined, pattern: RegExp) {
  expect(p.path).toBe(path);
  if (unit) expect(p.message.startsWith(`unit "${unit}": `)).toBe(true);
  expect(p.message).toMatch(pattern);
  const withoutFormulas = p.message.replace(/"[^"]*"/g, '').replace(/[A-Za-z()[\]]+\d[\w()[\]·*+-]*/g, '');
  expect(withoutFormulas).not.toMatch(/\d/);
}

describe('bad input', () => {
  it('an exchange naming a species the file does not declare', () => {
    const [p] = problemsOf(sxPlant('MnSO4(aq) + 2 NaB(org) -> MnB2(org) + Na2SO4(aq)'));
    expectClear(p, 'units.sx.extract.Mn.equation', 'sx', /NaB\(org\)|MnB2\(org\)/);
  });

  it('an exchange whose extracted species is not aqueous', () => {
    const species = { ...EXCHANGE_SPECIES, 'MnO(s)': {} };
    const [p] = problemsOf(sxPlant('MnO(s) + 2 NaA(org) -> MnA2(org) + Na2O(s)', { ...species, 'Na2O(s)': {} }));
    expectClear(p, 'units.sx.extract.Mn.equation', 'sx', /first \(aq\) reactant.*MnO\(s\) is not aqueous/);
  });

  it('a negative density (refused with the species\' path before anything is solved)', () => {
    const [p] = problemsOf(sxPlant(SAPONIFIED, { ...EXCHANGE_SPECIES, 'Diluent(org)': { formula: 'C12H26', density: -800 } }));
    expect(p.path).toBe('species["Diluent(org)"].density');
    expect(p.message).toMatch(/must be > 0/);
  });

  it('a solubility on a unit without water', () => {
    const [p] = problemsOf(crystalliser({ 'CoSO4(aq)': {}, 'CoSO4(s)': {} }, [{ equation: 'CoSO4(aq) -> CoSO4(s)', key: 'CoSO4(aq)', solubility: 38.3 }]));
    expectClear(p, 'units.unit.reactions[0].solubility', 'unit', /declares no H2O\(l\)/);
  });

  it('a solubility on a unit type that converts at a fixed conversion', () => {
    const [p] = problemsOf(
      crystalliser({ 'CoSO4(aq)': {}, 'H2O(l)': {}, 'CoSO4·7H2O(s)': {} }, [{ equation: 'CoSO4(aq) + 7 H2O(l) -> CoSO4·7H2O(s)', key: 'CoSO4(aq)', solubility: 38.3 }], 'reactor'),
    );
    expectClear(p, 'units.unit.reactions[0].solubility', 'unit', /a reactor converts at a fixed "conversion"/);
  });

  it('a table solubility for a salt the table does not have', () => {
    const [p] = problemsOf(crystalliser({ 'ZnSO4(aq)': {}, 'H2O(l)': {}, 'ZnSO4(s)': {} }, [{ equation: 'ZnSO4(aq) -> ZnSO4(s)', key: 'ZnSO4(aq)', solubility: 'table' }]));
    expectClear(p, 'units.unit.reactions[0].solubility', 'unit', /no solubility for ZnSO4\(aq\)/);
  });
});
