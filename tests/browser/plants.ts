/** Plants for the end-to-end tests. */
import type { FlowsheetDoc } from '../../core';

/**
 * Ore leached with dosed acid, filtered; the filtrate outlet is left open (the test connects it).
 * Mode "bypass" takes the leach out of service.
 */
export function leachPlant(): FlowsheetDoc {
  const rx = (conversion: number) => [{ equation: 'CuO(s) + H2SO4(aq) -> CuSO4(aq) + H2O(l)', key: 'CuO(s)', conversion }];
  return {
    format: 'flexsheet/1',
    name: 'E2E copper leach',
    basis: 'kg/h',
    species: { 'CuO(s)': {}, 'H2SO4(aq)': {}, 'CuSO4(aq)': {}, 'H2O(l)': {}, 'SiO2(s)': {} },
    units: {
      ore: { type: 'feed', label: 'Ore', flows: { 'CuO(s)': 100, 'SiO2(s)': 900, 'H2O(l)': 1000 }, position: { x: 0, y: 40 } },
      leach: { type: 'reactor', label: 'Leach', reactions: rx(0.9), reagents: { 'H2SO4(aq)': { excess: 0.1 } }, position: { x: 260, y: 40 } },
      filter: { type: 'separator', label: 'Filter', outlets: ['cake', 'pls'], split: { cake: { 'phase:s': 1, '*': 0.1 } }, position: { x: 520, y: 40 } },
      residue: { type: 'product', label: 'Residue', position: { x: 800, y: -60 } },
    },
    streams: {
      s1: { from: 'ore.out', to: 'leach.in' },
      s2: { from: 'leach.out', to: 'filter.in' },
      s3: { from: 'filter.cake', to: 'residue.in' },
    },
    modes: {
      bypass: {
        description: 'Leach out of service: ore straight to the filter',
        units: { leach: null },
        streams: {
          b1: { from: 'ore.out', to: 'filter.in' },
          s3: { from: 'filter.cake', to: 'residue.in' },
          s4: { from: 'filter.pls', to: 'product.in' },
        },
      },
    },
  };
}
