/**
 * Studies of what the economics and the plant's results depend on: Monte Carlo (seeded, one
 * random stream per block of samples) or one-at-a-time sweeps over prices, payables, recoveries,
 * conversions, D values and specs' targets, on the compiled plant; percentiles, Spearman rank
 * correlations and tornadoes of any result. See docs/studies.md.
 */
export { readStudy, type Study } from './spec';
export { normalPdf, normalQuantile } from './distributions';
export { PERCENTILES } from './statistics';
export { createEvaluator, metricProblems, type Evaluator } from './evaluator';
export { runStudy, runTask, inProcessLane, type Lane, type Task, type TaskResult, type StudyResult, type TornadoBar } from './run';
export { quickPriceStudy } from './quick';
