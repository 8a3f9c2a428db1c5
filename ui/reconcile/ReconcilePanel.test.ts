import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { FlowsheetDoc } from '../../core';
import { registry } from '../../unit-ops';
import { DEFAULT_OPTIONS, exportCsv, fittedDocument, measurementRows, parameterRows, runReconciliation, summary, unobservableLines } from './model';
import { ReconcilePanel } from './ReconcilePanel';

const root = join(import.meta.dirname, '..', '..');
const doc: FlowsheetDoc = JSON.parse(readFileSync(join(root, 'tests/fixtures/reconcile-leach-sx.json'), 'utf8'));
const csv = readFileSync(join(root, 'flowsheets/pilot/leach-sx-pilot.csv'), 'utf8');

describe('reconciliation panel model', () => {
  const outcome = runReconciliation(doc, csv, 'pilot.csv', DEFAULT_OPTIONS, registry);
  if (!outcome.ok) throw new Error(outcome.problems.join('\n'));
  const [a, b] = outcome.runs;

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
    const bad = runReconciliation(doc, 'stream,component,value,unit,sd\nnowhere,Co,1,kg/h,0.1\n', 'bad.csv', DEFAULT_OPTIONS, registry);
    expect(bad).toEqual({ ok: false, problems: [expect.stringMatching(/^bad\.csv line 2, column 1 \(stream\): stream "nowhere" is not in the flowsheet/)] });
  });
});

describe('ReconcilePanel', () => {
  it('asks for data until it has some', () => {
    const html = renderToStaticMarkup(createElement(ReconcilePanel, { doc, onApplyParameters: () => {} }));
    expect(html).toMatch(/Load a CSV of measurements/);
    expect(html).not.toMatch(/<table/);
  });

  it('shows measured against reconciled values, the gross error, unobservable flows and fitted parameters', () => {
    const html = renderToStaticMarkup(createElement(ReconcilePanel, { doc, onApplyParameters: () => {}, initialData: { text: csv, fileName: 'pilot.csv' } }));
    expect(html).toMatch(/Run A: <\/strong>χ² = [\d.]+ with 4 degrees of freedom/);
    expect(html).toMatch(/<td[^>]*>blackMass<\/td><td[^>]*>Co<\/td><td[^>]*>wt%<\/td><td[^>]*>42\.82 ± 0\.86<\/td>/);
    expect(html).toMatch(/vent: the whole stream \(O2\(g\)\)/);
    expect(html).toMatch(/Apply fitted parameters to the flowsheet/);
    expect(html).toMatch(/<option value="1">B<\/option>/);
  });
});
