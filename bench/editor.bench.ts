/**
 * The editor's own work around a solve, in Node (no browser): a parameter edit as a command, the
 * solve the worker runs, and the views the results panel derives, on a 200-unit plant; and undo
 * depth. Run: npx vitest bench --run bench/editor.bench.ts
 * The browser figures (edit → repainted results, drag frame rate on 500 nodes) are printed by the
 * end-to-end run: npm run test:browser.
 */
import { bench, describe } from 'vitest';
import { registry } from '../unit-ops';
import { mapDiagnostics } from '../ui/state/diagnostics-map';
import { moveUnits, setParam } from '../ui/state/commands';
import { plantView } from '../ui/state/plant';
import { recoveryTable } from '../ui/state/recovery';
import { sortRows, streamTable } from '../ui/state/stream-table';
import { speciesInfo } from '../ui/state/validate';
import { createEditorStore } from '../ui/state/store';
import { solveRequest } from '../ui/worker/solve';
import { generatePlant } from './generate';

const doc = generatePlant({ units: 200, species: 30, seed: 11 });
const feedId = Object.keys(doc.units).find((id) => doc.units[id].type === 'feed' && Object.keys(doc.units[id].flows as object).length > 0)!;
const flows = doc.units[feedId].flows as Record<string, number>;
const first = Object.keys(flows)[0];

describe('200-unit plant', () => {
  const store = createEditorStore(registry, doc);
  let i = 0;
  bench('parameter edit (command + patches)', () => {
    store.execute(setParam(feedId, 'flows', { ...flows, [first]: flows[first] * (1 + (++i % 7) / 100) }));
  });
  bench('solve as the worker does (compile, solve, tabulate)', () => {
    solveRequest({ id: 1, doc: store.getState().doc, mode: undefined });
  });
  const answer = solveRequest({ id: 1, doc, mode: undefined });
  bench('results views (stream table sorted, recovery, diagnostics map)', () => {
    if (!answer.outcome.ok) throw new Error('plant does not solve');
    const info = speciesInfo(doc);
    const units = plantView(doc, undefined).units;
    sortRows(streamTable(answer.outcome.results, units, Object.keys(doc.species), info, { flow: 't/h', species: 't/h', elements: 'kg/h' }), { column: 'total', descending: true });
    recoveryTable(answer.outcome.results, info, units);
    mapDiagnostics([], doc);
  });
  bench('100 moves then 100 undos', () => {
    const s = createEditorStore(registry, doc);
    for (let k = 0; k < 100; k++) s.execute(moveUnits({ [feedId]: { x: k, y: k } }));
    for (let k = 0; k < 100; k++) s.undo();
  });
});
