import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { FlowsheetDoc } from '../../core';
import { registry } from '../../unit-ops';
import { reconcileRuns } from '../../core/reconcile';
import { DEFAULT_PILOT_OPTIONS } from '../state/pilot';
import { reconcileRequest } from '../worker/reconcile';
import { exportCsv, fittedDocument, measurementRows, parameterRows, summary, unobservableLines } from './model';
import { ReconcileView } from './ReconcilePanel';

const root = join(import.meta.dirname, '..', '..');
const doc: FlowsheetDoc = JSON.parse(readFileSync(join(root, 'tests/fixtures/reconcile-leach-sx.json'), 'utf8'));
const csv = readFileSync(join(root, 'flowsheets/pilot/leach-sx-pilot.csv'), 'utf8');
const runs = reconcileRuns(doc, registry, csv, { ...DEFAULT_PILOT_OPTIONS, fileName: 'pilot.csv' });
const [a] = runs;

describe('reconciliation panel model', () => {
  const outcome = { runs };
  const [a, b] = runs;

  it('reconciles every run and arranges measured against reconciled', () => {
    expect(outcome.runs.map((r) => r.run)).toEqual(['A', 'B']);
    const rows = measurementRows(b.report);
    expect(rows).toHaveLength(17);
    const loaded = rows.find((r) => r.stream === 'loaded')!;
    expect(loaded).toMatchObject({ component: 'Co', unit: 'kg/h', status: 'gross error', tone: 'bad' });
    expect(summary(a.report).tone).toBe('ok');
    expect(summary(b.report)).toMatchObject({ tone: 'warn', grossErrors: 1 });
    expect(unobservableLines(a.report)).toContain('vent: the whole stream (O2(g))');
    expect(exportCsv(outcome.runs).trim().split('\n')).toHaveLength(35);
  });

  it('offers the fitted parameters as a new document', () => {
    const rows = parameterRows(a);
    expect(rows.find((r) => r.parameter === 'reactions[0].conversion')!.status).toBe('fitted');
    const next = fittedDocument(doc, a)!;
    expect(next).not.toBe(doc);
    expect(Math.abs((next.units.leach as unknown as { reactions: { conversion: number }[] }).reactions[0].conversion - 0.95)).toBeLessThan(0.01);
    expect((doc.units.leach as unknown as { reactions: { conversion: number }[] }).reactions[0].conversion).toBe(0.95);
  });

  it('returns problems in the data with their line and column', () => {
    const bad = reconcileRequest({ id: 1, doc, mode: undefined, csv: 'stream,component,value,unit,sd\nnowhere,Co,1,kg/h,0.1\n', fileName: 'bad.csv', options: DEFAULT_PILOT_OPTIONS, run: undefined });
    expect(bad.outcome).toEqual({ ok: false, problems: [expect.stringMatching(/^bad\.csv line 2, column 1 \(stream\): stream "nowhere" is not in the flowsheet/)] });
  });
});

describe('ReconcileView', () => {
  const view = (props: Partial<Parameters<typeof ReconcileView>[0]>) =>
    renderToStaticMarkup(createElement(ReconcileView, { doc, options: DEFAULT_PILOT_OPTIONS, onOptions: () => {}, runs: [], onRun: () => {}, onLoad: () => {}, onApplyParameters: () => {}, ...props }));

  it('asks for data until it has some', () => {
    const html = view({});
    expect(html).toMatch(/Load a CSV of measurements/);
    expect(html).not.toMatch(/<table/);
  });

  it('shows measured against reconciled values, the gross error, unobservable flows and fitted parameters', () => {
    const html = view({ fileName: 'pilot.csv', runs: runs.map((r) => r.run), run: a.run, result: a, exportRuns: runs });
    expect(html).toMatch(/Run A: <\/strong>χ² = [\d.]+ with 4 degrees of freedom/);
    expect(html).toMatch(/<td[^>]*>blackMass<\/td><td[^>]*>Co<\/td><td[^>]*>wt%<\/td><td[^>]*>42\.82 ± 0\.86<\/td>/);
    expect(html).toMatch(/vent: the whole stream \(O2\(g\)\)/);
    expect(html).toMatch(/Apply fitted parameters to the flowsheet/);
    expect(html).toMatch(/<option value="1">B<\/option>/);
  });

  it('exports CSV whose text cells cannot run as spreadsheet formulas', () => {
    const measurements = a.report.measurements.map((m, i) => (i === 0 ? { ...m, component: '=cmd|" /C calc"!A0' } : m));
    const csv = exportCsv([{ report: { ...a.report, measurements } }]);
    expect(csv).toContain(`"'=cmd|"" /C calc""!A0"`);
    expect(csv).not.toMatch(/(^|,)=cmd/m);
  });
});
