/**
 * Studies of what the economics and the plant's results depend on: Monte Carlo (seeded, one
 * random stream per block of samples) or one-at-a-time sweeps over prices, payables, recoveries,
 * conversions, D values and specs' targets, on the compiled plant; percentiles, Spearman rank
 * correlations and tornadoes of any result. See docs/studies.md.
 */
export { readStudy, MAX_SAMPLES, type Study, type StudyDecl, type StudyParameter, type Distribution } from './spec';
export { quantile, normalCdf, normalPdf, normalQuantile, tornadoEnds } from './distributions';
export { blocks, uniforms, BLOCK_SIZE, type Block } from './streams';
export { summarise, spearman, ranks, percentileSorted, PERCENTILES, type Summary } from './statistics';
export { createEvaluator, metricProblems, type Evaluator, type CompileFn, type PlantLike } from './evaluator';
export { runStudy, runTask, runTasks, planTasks, assemble, inProcessLane, baselineRow, type Lane, type Task, type TaskResult, type StudyResult, type TornadoBar } from './run';
export { quickPriceStudy } from './quick';
