/** Plants for the editor's unit tests. */
import type { FlowsheetDoc } from '../../core';
import recyclePurge from '../../tests/fixtures/recycle-purge.json';

export function recyclePurgeDoc(): FlowsheetDoc {
  return structuredClone(recyclePurge) as FlowsheetDoc;
}

/** A small leach plant with a reaction, a separator and a mode. */
export function leachDoc(): FlowsheetDoc {
  return {
    format: 'flexsheet/1',
    name: 'Leach test',
    basis: 'kg/h',
    species: { 'CuO(s)': {}, 'H2SO4(aq)': {}, 'CuSO4(aq)': {}, 'H2O(l)': {}, 'SiO2(s)': {} },
    units: {
      ore: { type: 'feed', flows: { 'CuO(s)': 100, 'SiO2(s)': 900, 'H2O(l)': 1000 }, position: { x: 0, y: 0 } },
      leach: {
        type: 'reactor',
        reactions: [{ equation: 'CuO(s) + H2SO4(aq) -> CuSO4(aq) + H2O(l)', key: 'CuO(s)', conversion: 0.9 }],
        reagents: { 'H2SO4(aq)': { excess: 0.1 } },
        position: { x: 250, y: 0 },
      },
      filter: { type: 'separator', outlets: ['cake', 'pls'], split: { cake: { 'phase:s': 1, '*': 0.1 } }, position: { x: 500, y: 0 } },
      residue: { type: 'product', position: { x: 750, y: -80 } },
      liquor: { type: 'product', position: { x: 750, y: 80 } },
    },
    streams: {
      s1: { from: 'ore.out', to: 'leach.in' },
      s2: { from: 'leach.out', to: 'filter.in' },
      s3: { from: 'filter.cake', to: 'residue.in' },
      s4: { from: 'filter.pls', to: 'liquor.in' },
    },
    modes: {
      low: { units: { leach: { reactions: [{ equation: 'CuO(s) + H2SO4(aq) -> CuSO4(aq) + H2O(l)', key: 'CuO(s)', conversion: 0.5 }] } } },
    },
  };
}
