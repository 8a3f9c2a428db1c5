/** `flexsheet reconcile` and `flexsheet compare`, run as a process, as a user runs them. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const flexsheet = (...args: string[]) => spawnSync(join(root, 'bin', 'flexsheet'), args, { encoding: 'utf8', cwd: root });
const plant = 'tests/fixtures/reconcile-leach-sx.json';
const data = 'flowsheets/pilot/leach-sx-pilot.csv';
const dir = mkdtempSync(join(tmpdir(), 'flexsheet-reconcile-'));

describe('flexsheet reconcile', () => {
  it('prints the report for every run, writes the measured-vs-reconciled CSV and the fitted flowsheet', () => {
    const csv = join(dir, 'out.csv');
    const r = flexsheet('reconcile', plant, data, '--csv', csv);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const [a, b] = r.stdout.split(/={20,}/);
    expect(a).toMatch(/run A/);
    expect(a).toMatch(/Global test: χ² = [\d.]+ with 4 degrees of freedom; critical χ²\(0\.95, 4\) = 9\.488: passed/);
    expect(a).not.toMatch(/GROSS ERROR/);
    expect(a).toMatch(/- stream vent: unobservable \(O2\(g\)\)/);
    expect(a).toMatch(/leach\s+reactions\[0\]\.conversion\s+0\.95\s+0\.95\d*\s+[\d.e-]+\s+fitted/);
    // Run B carries a gross error planted on the Co in the loaded organic (flowsheets/pilot/generate.ts).
    expect(b).toMatch(/loaded\s+Co\s+kg\/h\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+-?[\d.]+\s+[\d.]+\s+GROSS ERROR/);
    expect(b).toMatch(/- Co kg\/h in loaded \(flowsheets\/pilot\/leach-sx-pilot\.csv line \d+\): flagged in round 1/);
    const rows = Papa.parse<Record<string, string>>(readFileSync(csv, 'utf8').trim(), { header: true }).data;
    // One output row per measurement of the input file (its lines less comments and header).
    const measurements = readFileSync(data, 'utf8').trim().split('\n').filter((line) => !line.startsWith('#')).length - 1;
    expect(rows).toHaveLength(measurements);
    expect(rows.filter((x) => x.status === 'gross error').map((x) => [x.run, x.stream, x.component])).toEqual([['B', 'loaded', 'Co']]);
  });

  it('prints JSON for one run and writes the flowsheet with its fitted parameters', () => {
    const fitted = join(dir, 'fitted.json');
    const r = flexsheet('reconcile', plant, data, '--run', 'B', '--json', '--write-fitted', fitted, '--balances', 'species');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.run).toBe('B');
    expect(out.balances.level).toBe('species');
    expect(out.measurements.find((m: { stream: string }) => m.stream === 'loaded').status).toBe('gross error');
    expect(Object.keys(out)).toEqual(expect.arrayContaining(['global', 'streams', 'doses', 'unobservable', 'recovery', 'grade', 'parameters']));
    // Run B is the "hot" mode: conversion 0.985; the fit writes it into the base flowsheet.
    const doc = JSON.parse(readFileSync(fitted, 'utf8'));
    expect(Math.abs(doc.units.leach.reactions[0].conversion - 0.985)).toBeLessThan(0.005);
    expect(flexsheet('solve', fitted).status).toBe(0);
  });

  it('escapes spreadsheet formulas in the --csv output, and keeps signed numbers as numbers', () => {
    // The fixture with its leach liquor renamed to a formula, in the flowsheet and in the data.
    const evil = '=HYPERLINK("http://example.com","x")';
    const doc = JSON.parse(readFileSync(join(root, plant), 'utf8'));
    doc.streams = Object.fromEntries(Object.entries(doc.streams).map(([id, s]) => [id === 'pls' ? evil : id, s]));
    const file = JSON.stringify(doc);
    const rows = readFileSync(join(root, data), 'utf8').replace(/^([AB]),pls,/gm, (_, run) => `${run},"${evil.replaceAll('"', '""')}",`);
    writeFileSync(join(dir, 'evil.json'), file);
    writeFileSync(join(dir, 'evil.csv'), rows);
    const out = join(dir, 'evil-out.csv');
    const r = flexsheet('reconcile', join(dir, 'evil.json'), join(dir, 'evil.csv'), '--run', 'A', '--csv', out, '--no-fit');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const cells = Papa.parse<string[]>(readFileSync(out, 'utf8').trim()).data;
    expect(cells.filter((row) => row[1] === `'${evil}`)).toHaveLength(4);
    for (const cell of cells.flat()) expect(cell).not.toMatch(/^[=+@]/);
    const adjustments = cells.slice(1).map((row) => row[8]);
    expect(adjustments.some((a) => /^-\d/.test(a))).toBe(true);
  });

  it('reconciles a day of plant-unit data with its stock changes and prints the verdict and the accounting', () => {
    const r = flexsheet('reconcile', 'flowsheets/black-mass.json', 'flowsheets/pilot/black-mass-plant-units.csv', '--run', 'D2', '--no-fit');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Verdict: The data are consistent with the balances: χ² = [\d.]+ with \d+ degrees of freedom/m);
    expect(r.stdout).toMatch(/Metal accounting \(kg over the period of 24 h/);
    expect(r.stdout).toMatch(/^co_mix\s+Li2SO4\(aq\)/m);
  });

  it('refuses bad data with the line and column, and bad usage with the usage', () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'stream,component,value,unit,sd\npls,Co,1,kg/h,0.1\nplss,Co,1,kg/h,0.1\npls,Co,1,kg/hour,0.1\n');
    const r = flexsheet('reconcile', plant, bad);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/error: .*bad\.csv line 3, column 1 \(stream\): stream "plss" is not in the flowsheet/);
    expect(r.stderr).toMatch(/error: .*bad\.csv line 4, column 4 \(unit\): unit "kg\/hour" is not known/);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    expect(flexsheet('reconcile', plant).status).toBe(2);
    const level = flexsheet('reconcile', plant, data, '--balances', 'atoms');
    expect(level.status).toBe(2);
    expect(level.stderr).toMatch(/--balances is "element" or "species", not "atoms"/);
    expect(flexsheet('reconcile', plant, data, '--run', 'Z').stderr).toMatch(/run "Z" is not in the data \(runs: A, B\)/);
  });
});

describe('flexsheet compare', () => {
  it('lines up simulated modes and reconciled runs, and exports CSV', () => {
    const csv = join(dir, 'compare.csv');
    const r = flexsheet('compare', plant, data, '--all-modes', '--elements', 'Co,Li', '--csv', csv);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/product\s+element\s+reconcile-leach-sx\.json\s+reconcile-leach-sx\.json \[hot\]\s+leach-sx-pilot\.csv:A\s+leach-sx-pilot\.csv:B/);
    // Simulated Co to the residue: 0.05 + 0.95 × 0.08 = 12.60 %; hot mode 0.015 + 0.985 × 0.08 = 9.38 %.
    expect(r.stdout).toMatch(/residue\s+Co\s+12\.60 %\s+9\.38 %\s+[\d.]+ ±[\d.]+ %\s+[\d.]+ ±[\d.]+ %/);
    // The off-gas is simulated (O2 = ½ × 0.95 × 100/97.87 kmol/h × 31.998 = 15.53 kg/h; hot mode
    // ½ × 0.985 × 100/97.87 × 31.998 = 16.10 kg/h) but unobservable in the data.
    expect(r.stdout).toMatch(/offgas\s+15\.53\s+16\.1\s+\?\s+\?/);
    const rows = Papa.parse<string[]>(readFileSync(csv, 'utf8').trim()).data;
    expect(rows[0]).toEqual(['metric', 'product', 'element', 'unit', 'reconcile-leach-sx.json', 'reconcile-leach-sx.json sd', 'reconcile-leach-sx.json [hot]', 'reconcile-leach-sx.json [hot] sd', 'leach-sx-pilot.csv:A', 'leach-sx-pilot.csv:A sd', 'leach-sx-pilot.csv:B', 'leach-sx-pilot.csv:B sd']);
    expect(rows).toContainEqual(['recovery', 'residue', 'Co', 'fraction', '0.126', '', '0.0938', '', expect.any(String), expect.any(String), expect.any(String), expect.any(String)]);
  });

  it('needs a flowsheet before its data', () => {
    const r = flexsheet('compare', data);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/pilot data come after the flowsheet they belong to/);
  });
});
