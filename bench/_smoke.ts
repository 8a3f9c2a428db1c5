import { solveSparse } from '../core/sparse/index';
import { flowsheetSystem } from '../core/sparse/test-systems';
for (const lr of [0, 0.001, 0.003]) for (const ord of ['amd', 'natural'] as const) for (const win of [5, 30]) {
  const sys = flowsheetSystem({ n: 10000, blockSizes: [10000], seed: 1, longRange: lr, window: win });
  const t0 = performance.now();
  const r = solveSparse(sys.A, sys.b, { ordering: ord });
  console.log(lr, ord, win, (performance.now() - t0).toFixed(1), r.ok && r.stats.factorNonzeros);
}
