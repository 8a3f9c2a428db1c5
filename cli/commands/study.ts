import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { compilePlant, FlexsheetError, parseJsonText, type FlowsheetDoc } from '../../core';
import { modeNames, readEconomicsDoc, solveModes } from '../../core/economics';
import { createEvaluator, inProcessLane, metricProblems, readStudy, runStudy, type Lane, type Study } from '../../core/economics/study';
import { solve } from '../../index';
import { registry } from '../../unit-ops';
import { readTextFile, stringFlag, UsageError, type Command } from '../args';
import { workerLanes } from '../economics-study-pool';
import { formatStudy, studyCsv } from '../economics-study-report';
import { progressBar } from '../progress';
import { toJson } from './economics';

/**
 * The flowsheet a study runs on: FILE itself (a flowsheet with a `studies` section), or the
 * flowsheet a study file names (`{"flowsheet": "plant.json", "studies": {…}}`, the path relative
 * to the study file), with the study file's studies.
 */
export function studyDocument(file: string): FlowsheetDoc {
  const input = parseJsonText(readTextFile(file)) as Record<string, unknown>;
  if (input && typeof input === 'object' && typeof input.flowsheet === 'string' && input.units === undefined) {
    const plant = readEconomicsDoc(readTextFile(resolve(dirname(file), input.flowsheet)));
    return { ...plant, studies: input.studies };
  }
  return readEconomicsDoc(input);
}

function intFlag(value: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${flag} takes a whole number from ${min} to ${max.toLocaleString('en-US')} (is ${value})`);
  return n;
}

/** The study to run: the file's, with --samples and --seed applied; its metrics checked on the baseline. */
export function prepareStudy(doc: FlowsheetDoc, name: string | undefined, samples?: number, seed?: number): Study {
  const { study, problems } = readStudy(doc, name, modeNames(doc));
  if (!study) throw new FlexsheetError(problems);
  const s: Study = { ...study, ...(samples !== undefined ? { samples } : {}), ...(seed !== undefined ? { seed } : {}) };
  const bad = metricProblems(doc, s, solveModes(doc, (d, mode) => solve(d, { mode }), s.modes));
  if (bad.length) throw new FlexsheetError(bad);
  return s;
}

/** Lanes: K worker threads, or (K = 0) this thread. A worker that cannot start is a located refusal, not an internal error. */
export async function studyLanes(doc: FlowsheetDoc, study: Study, workers: number): Promise<Lane[]> {
  if (workers === 0) return [inProcessLane(createEvaluator(doc, study, (d, mode) => compilePlant(d, registry, { mode })), study)];
  try {
    return await workerLanes(doc, study, workers);
  } catch (e) {
    throw new FlexsheetError([{ path: `studies.${study.name}`, message: `a study worker could not start: ${e instanceof Error ? e.message : String(e)}` }]);
  }
}

export const studyCommand: Command = {
  name: 'study',
  usage: 'study FILE [--study NAME] [--samples N] [--seed S] [--workers K] [--csv OUT] [--json]',
  summary: 'Monte Carlo or one-at-a-time study of the file’s studies section: percentiles, Spearman rank correlations and tornado of every metric, on K worker threads',
  valueFlags: ['--study', '--samples', '--seed', '--workers', '--csv'],
  booleanFlags: ['--json'],
  async run(args, out) {
    if (args.files.length !== 1) throw new UsageError('study takes one FILE');
    const workers = intFlag(stringFlag(args, '--workers'), '--workers', 0, 256) ?? availableParallelism();
    const doc = studyDocument(args.files[0]);
    const study = prepareStudy(doc, stringFlag(args, '--study'), intFlag(stringFlag(args, '--samples'), '--samples', 1, 10_000_000), intFlag(stringFlag(args, '--seed'), '--seed', -(2 ** 31), 2 ** 31 - 1));
    const bar = progressBar(`study ${study.name}`);
    const lanes = await studyLanes(doc, study, workers);
    let result;
    try {
      result = await runStudy(study, lanes, (d, t) => bar.update(d, t));
    } finally {
      await Promise.all(lanes.map((l) => l.close?.()));
    }
    bar.done(`${result.samples.toLocaleString('en-US')} samples, ${result.refused.length} refused`);
    const csv = stringFlag(args, '--csv');
    if (csv) writeFileSync(csv, studyCsv(result));
    if (args.flags.has('--json')) {
      const { values: _v, metrics: _m, ...rest } = result;
      void _v, _m;
      out(toJson(rest));
    } else out(formatStudy(result, Math.max(1, workers)));
    return 0;
  },
};
