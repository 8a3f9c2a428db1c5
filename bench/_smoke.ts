import { solveSparse } from '/work/main/core/sparse/index';
import { flowsheetSystem, blockSizesLogUniform } from '/work/main/core/sparse/test-systems';
for (const [name, spec] of [
  ['10k block', { n: 10000, blockSizes: [10000], seed: 1 }],
  ['100k fs', { n: 100000, blockSizes: blockSizesLogUniform(2, 200, 50, 2000), seed: 2 }],
] as const) {
  let t0 = performance.now();
  const sys = flowsheetSystem(spec as any);
  const tg = performance.now() - t0;
  for (let rep = 0; rep < 5; rep++) {
    t0 = performance.now();
    const r = solveSparse(sys.A, sys.b);
    const ts = performance.now() - t0;
    let err = 0;
    if (r.ok) for (let i = 0; i < sys.A.n; i++) err = Math.max(err, Math.abs(r.x[i] - sys.xTrue[i]) / Math.abs(sys.xTrue[i]));
    console.log(name, 'nnz', sys.A.rowPtr[sys.A.n], 'gen', tg.toFixed(1), 'solve', ts.toFixed(1), r.ok ? { rel: r.relativeResidual, err, ...r.stats } : r.reason);
  }
}
