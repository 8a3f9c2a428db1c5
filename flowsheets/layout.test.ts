/**
 * The shipped plants carry their diagram (flowsheets/layout.build.ts): the editor draws them at once
 * instead of laying them out on load, which would take elk's second of CPU from the first solve.
 */
import { describe, expect, it } from 'vitest';
import type { FlowsheetDoc, UnitDecl } from '../core';
import { plantView } from '../ui/state/plant';
import { unitPosition } from '../ui/state/doc';
import { withLayout } from './layout.build';
import { load } from './plant-helpers';

const SHIPPED = ['black-mass.json', 'ndfeb-magnet.json', 'dual-feed.json'];

/** Units of the plant drawn in `mode` (the base when undefined) that have no position. */
function unplacedUnits(doc: FlowsheetDoc, mode: string | undefined): string[] {
  return Object.entries(plantView(doc, mode).units)
    .filter(([, u]) => !unitPosition(u))
    .map(([id]) => id);
}

const modesOf = (doc: FlowsheetDoc) => [undefined, ...Object.keys(doc.modes ?? {})];

describe('the shipped plants are laid out', () => {
  for (const file of SHIPPED) {
    it(`${file}: every unit of the base and of every mode has a position`, () => {
      const doc = load(file) as FlowsheetDoc;
      for (const mode of modesOf(doc)) expect({ mode, unplaced: unplacedUnits(doc, mode) }).toEqual({ mode, unplaced: [] });
    });
  }

  it('the magnet mode of the dual-feed plant is drawn with the magnet plant’s own layout', () => {
    // dual-feed.build.ts takes the positions of the two single-feed plants: the roaster sits where
    // ndfeb-magnet.json puts it, the shared leach where each plant puts its own leach.
    const dual = load('dual-feed.json') as FlowsheetDoc;
    const magnet = load('ndfeb-magnet.json') as FlowsheetDoc;
    const blackMass = load('black-mass.json') as FlowsheetDoc;
    expect(unitPosition(plantView(dual, 'magnet').units.roaster)).toEqual(unitPosition(magnet.units.roaster));
    expect(unitPosition(plantView(dual, 'magnet').units.leach)).toEqual(unitPosition(magnet.units.leach));
    expect(unitPosition(plantView(dual, undefined).units.leach)).toEqual(unitPosition(blackMass.units.leach));
  });

  it('layout.build.ts places a plant written without positions, base and modes', async () => {
    const strip = (units: Record<string, UnitDecl | null> | undefined) =>
      Object.fromEntries(Object.entries(units ?? {}).map(([id, u]) => [id, u && { ...u, position: undefined }]));
    const dual = load('dual-feed.json') as FlowsheetDoc;
    const bare = JSON.parse(
      JSON.stringify({
        ...dual,
        units: strip(dual.units),
        modes: Object.fromEntries(Object.entries(dual.modes ?? {}).map(([m, d]) => [m, { ...d, units: strip(d.units as Record<string, UnitDecl | null>) }])),
      }),
    ) as FlowsheetDoc;
    for (const mode of modesOf(bare)) expect(unplacedUnits(bare, mode).length).toBeGreaterThan(0);
    const laid = await withLayout(bare);
    for (const mode of modesOf(laid)) expect({ mode, unplaced: unplacedUnits(laid, mode) }).toEqual({ mode, unplaced: [] });
    // A plant that has its positions is left as it is.
    expect(await withLayout(dual)).toBe(dual);
  });
});
