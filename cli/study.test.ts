/** `flexsheet study` and the study engine on the two-mode fixture, against closed forms. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FlexsheetError } from '../core';
import { normalPdf, normalQuantile, PERCENTILES, runStudy, type StudyResult } from '../core/economics/study';
import { parseArgs } from './args';
import { prepareStudy, studyCommand, studyDocument, studyLanes } from './commands/study';

const root = join(import.meta.dirname, '..');
const STUDY = join(root, 'tests/fixtures/economics-two-mode.study.json');
const doc = studyDocument(STUDY);

async function run(name: string, workers: number, samples?: number): Promise<StudyResult> {
  const study = prepareStudy(doc, name, samples);
  const lanes = await studyLanes(doc, study, workers);
  try {
    return await runStudy(study, lanes);
  } finally {
    await Promise.all(lanes.map((l) => l.close?.()));
  }
}

// The copper margin (cli/economics.test.ts): the liquor pays 90 % of its 63.546 kg/h of Cu at P $/kg,
// so margin(P) = margin(8) + 63.546 × 0.9 × (P − 8), where margin(8) = 138.34 $/h.
const k = 63.546 * 0.9;
// The zinc margin: 85 % of 65.38 kg/h of Zn at Q $/kg.
const kz = 65.38 * 0.85;

describe('a Monte Carlo study of a result linear in a price', () => {
  it('has the mean, standard deviation and percentiles of the closed form, within the sampling error', async () => {
    const r = await run('copper price', 0);
    const N = r.samples;
    expect(N).toBe(4000);
    const base = r.baseline[0]; // every parameter at its value in the file: Cu 8, Zn 2.5
    // cli/economics.test.ts: revenue 63.546 × 8 × 0.9 − 60.083 × 0.01; H2SO4 98.072 × 0.128; ore 63.546 × 8 × 0.6 + water 900.75 × 0.0005; electricity 50 kWh/t × 0.139628 t/h × 0.0804.
    expect(base).toBeCloseTo(63.546 * 8 * 0.9 - 60.083 * 0.01 - 98.072 * 0.128 - (63.546 * 8 * 0.6 + 900.75 * 0.0005) - 50 * 0.139628 * 0.0804, 2);
    // Cu price ~ U[6, 10]: mean margin(8), sd = k × 4/√12; P_p = margin(8) + k × (6 + 4p − 8).
    const cu = r.summary[0];
    const sd = (k * 4) / Math.sqrt(12);
    expect(Math.abs(cu.mean - base)).toBeLessThan((4 * sd) / Math.sqrt(N));
    expect(Math.abs(cu.sd - sd)).toBeLessThan((4 * sd) / Math.sqrt(2 * N));
    PERCENTILES.forEach((p, i) => {
      // SE of a sample quantile: √(p(1 − p)/N) / f(x_p); f = 1/(4k) for the margin.
      const se = Math.sqrt((p * (1 - p)) / N) * 4 * k;
      expect(Math.abs(cu.percentiles[i] - (base + k * (6 + 4 * p - 8)))).toBeLessThan(4 * se);
    });
    // Zn price ~ N(2.5, 0.25): the zinc margin is normal, mean margin(2.5), sd 0.25 k_z; P_p = μ + σ z_p.
    const zn = r.summary[1];
    const sz = 0.25 * kz;
    expect(Math.abs(zn.mean - r.baseline[1])).toBeLessThan((4 * sz) / Math.sqrt(N));
    PERCENTILES.forEach((p, i) => {
      const z = normalQuantile(p);
      const se = (Math.sqrt((p * (1 - p)) / N) * sz) / normalPdf(z);
      expect(Math.abs(zn.percentiles[i] - (r.baseline[1] + sz * z))).toBeLessThan(4 * se);
    });
    // Each margin ranks with its own price only.
    expect(r.spearman[0][0]).toBeGreaterThan(0.999);
    expect(Math.abs(r.spearman[0][1])).toBeLessThan(0.1);
    expect(r.spearman[1][1]).toBeGreaterThan(0.999);
    // Tornado: the Cu price from its P10 (6.4) to its P90 (9.6) swings the copper margin by k × 3.2.
    expect(r.tornado[0][0]).toMatchObject({ parameter: 'Cu price', low: 6.4, high: expect.closeTo(9.6, 12) });
    expect(r.tornado[0][0].swing).toBeCloseTo(k * 3.2, 9);
  });

  it('is reproducible from its seed', async () => {
    const a = await run('copper price', 0, 300);
    const b = await run('copper price', 0, 300);
    expect(Array.from(a.metrics)).toEqual(Array.from(b.metrics));
  });
});

describe('a study on worker threads', () => {
  it('gives the same samples and results with 1 and 4 workers (re-solving the plant)', async () => {
    const one = await run('leach', 1);
    const four = await run('leach', 4);
    expect(one.samples).toBe(600);
    expect(Array.from(four.values)).toEqual(Array.from(one.values));
    expect(Array.from(four.metrics)).toEqual(Array.from(one.metrics));
    expect(four.summary).toEqual(one.summary);
    expect(four.tornado).toEqual(one.tornado);
    // The recovery follows the conversion drawn: every Cu leached reaches the liquor.
    for (let s = 0; s < 10; s++) expect(one.metrics[s * 3 + 1]).toBeCloseTo(one.values[s * 2], 9);
    // In-process gives the same numbers as the workers.
    expect(Array.from((await run('leach', 0)).metrics)).toEqual(Array.from(one.metrics));
  }, 180_000);
});

describe('a one-at-a-time sweep', () => {
  it('moves each parameter through its levels with the others at baseline', async () => {
    const r = await run('sweep', 0);
    // Cu price at its 10th, 50th, 90th percentiles (6.4, 8, 9.6), then the acid at 100, 128, 200 $/t.
    expect(r.samples).toBe(6);
    const m = Array.from(r.metrics);
    expect(m[1]).toBeCloseTo(r.baseline[0], 9);
    expect(m[2] - m[0]).toBeCloseTo(k * 3.2, 9);
    // 98.07 kg/h of H2SO4: (200 − 100) $/t more costs 9.807 $/h.
    expect(m[3] - m[5]).toBeCloseTo(98.0720 * 0.1, 3);
    expect(r.oat!.map((o) => o.rows)).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
  });
});

describe('flexsheet study', () => {
  it('prints percentiles, rank correlations and a tornado, writes the samples as CSV, reports progress on stderr', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flexsheet-study-'));
    const csv = join(dir, 'samples.csv');
    const r = spawnSync(join(root, 'bin', 'flexsheet'), ['study', STUDY, '--study', 'copper price', '--samples', '500', '--workers', '2', '--csv', csv], { encoding: 'utf8', cwd: root });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Study copper price: Monte Carlo, 500 samples, seed 11/);
    expect(r.stdout).toMatch(/Spearman rank correlation/);
    expect(r.stdout).toMatch(/Tornado: copper margin/);
    expect(r.stderr).toMatch(/^study copper price: 500 samples, 0 refused in [\d.]+ s$/m);
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('sample,Cu price,Zn price,copper margin,zinc margin,annual margin,NPV,refused');
    expect(lines).toHaveLength(501);
  }, 120_000);

  it('refuses a study with a located message', async () => {
    const bad = JSON.parse(readFileSync(STUDY, 'utf8'));
    bad.flowsheet = join(root, 'tests/fixtures/economics-two-mode.json');
    bad.studies['copper price'].parameters['Cu price'].distribution = { uniform: [10, 6] };
    bad.studies['copper price'].metrics.nothing = 'modes.copper.nothing';
    const file = join(mkdtempSync(join(tmpdir(), 'flexsheet-study-')), 'bad.json');
    writeFileSync(file, JSON.stringify(bad));
    const d = studyDocument(file);
    expect(() => prepareStudy(d, 'copper price')).toThrow(FlexsheetError);
    expect(() => prepareStudy(d, 'copper price')).toThrow(/studies\["copper price"\]\.parameters\["Cu price"\]\.distribution: uniform: \[lo, hi\] with lo < hi/);
    bad.studies['copper price'].parameters['Cu price'].distribution = { uniform: [6, 10] };
    writeFileSync(file, JSON.stringify(bad));
    expect(() => prepareStudy(studyDocument(file), 'copper price')).toThrow(/metrics\.nothing: "modes\.copper\.nothing" names no result/);
    await expect(async () => studyCommand.run(parseArgs([file], studyCommand), () => undefined)).rejects.toThrow(/choose one with --study/);
  });
});
