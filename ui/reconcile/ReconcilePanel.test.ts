import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { createElement } from 'react';
import { formatNumber } from '../../core/format';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { FlowsheetDoc } from '../../core';
import { registry } from '../../unit-ops';
import { reconcileRuns } from '../../core/reconcile';
import { DEFAULT_PILOT_OPTIONS } from '../state/pilot';
import { reconcileRequest } from '../worker/reconcile';
import { accountingCsv, accountingView, exportCsv, fittedDocument, measurementRows, parameterRows, unobservableLines, verdictView } from './model';
import { pilotSession } from '../worker/reconcile';
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
    expect(verdictView(a.report)).toMatchObject({ status: 'consistent', tone: 'ok' });
    expect(verdictView(b.report)).toMatchObject({ status: 'gross errors', tone: 'warn' });
    expect(verdictView(b.report).headline).toMatch(/^One measurement is in error: Co kg\/h in stream loaded/);
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

  it('states the metal accounting per element: reconciled in ± sd, and unaccounted as measured where the data give it', () => {
    const acc = accountingView(b.report);
    expect(acc.per).toBe('kg/h');
    const co = acc.rows.find((r) => r.element === 'Co')!;
    const e = b.report.accounting.elements.find((x) => x.element === 'Co')!;
    expect(co.in).toBe(`${formatNumber(e.reconciled.in.value!, 4)} ± ${formatNumber(e.reconciled.in.sd!, 2)}`);
    expect(co.measuredUnaccounted).toBe(e.measured.unaccounted ? expect.any(String) : '–');
  });

  it('exports the verdict and the accounting of every run as CSV, one row per run and element', () => {
    const lines = accountingCsv(runs).trim().split('\r\n');
    expect(lines[0]).toBe('run,verdict,element,basis,in,in_sd,out,out_sd,stock_change,stock_change_sd,unaccounted,unaccounted_sd,measured_unaccounted,measured_unaccounted_sd,headline');
    expect(lines).toHaveLength(1 + runs.reduce((n, r) => n + r.report.accounting.elements.length, 0));
    // Read back with a CSV parser (the headline holds commas, so it is quoted): every row gives its
    // run's figures again, to the 12 significant digits written, and an empty cell where there is none.
    const table = Papa.parse<Record<string, string>>(accountingCsv(runs), { header: true, skipEmptyLines: true }).data;
    const back = (cell: string) => (cell === '' ? null : Number(cell));
    const near = (read: number | null, x: number | null | undefined) => (x === null || x === undefined ? read === null : read !== null && Math.abs(read - x) <= 1e-11 * Math.abs(x));
    let checked = 0;
    for (const { run, report } of runs) {
      for (const e of report.accounting.elements) {
        const row = table.find((r) => r.run === run && r.element === e.element)!;
        expect([row.verdict, row.basis, row.headline]).toEqual([report.verdict.status, report.accounting.unit, report.verdict.headline]);
        const pairs: [string, { value: number | null; sd?: number | null } | null | undefined][] = [
          ['in', e.reconciled.in],
          ['out', e.reconciled.out],
          ['stock_change', e.inventories ? e.reconciled.stock : null],
          ['unaccounted', e.reconciled.unaccounted],
          ['measured_unaccounted', e.measured.unaccounted],
        ];
        for (const [name, x] of pairs) {
          expect({ name, ok: near(back(row[name]), x?.value) }).toEqual({ name, ok: true });
          expect({ name: `${name}_sd`, ok: near(back(row[`${name}_sd`]), x?.sd) }).toEqual({ name: `${name}_sd`, ok: true });
        }
        checked++;
      }
    }
    expect(checked).toBe(table.length);
    expect(lines.find((l) => l.startsWith('B,gross errors,Co,kg/h,'))).toBeDefined();
  });

  it('keeps the compiled plant between runs of one session, and compiles again when the document changes', () => {
    const session = pilotSession();
    const request = { id: 1, doc, mode: undefined, csv, fileName: 'pilot.csv', options: { ...DEFAULT_PILOT_OPTIONS, fit: false }, run: 'A' };
    const first = reconcileRequest(request, undefined, session);
    const plant = session.prepare(doc);
    const again = reconcileRequest({ ...request, id: 2, run: 'B' }, undefined, session);
    expect(session.prepare(doc)).toBe(plant);
    expect([first.outcome.ok, again.outcome.ok]).toEqual([true, true]);
    const fresh = reconcileRequest({ ...request, id: 3, run: 'B' });
    expect(again.outcome).toEqual(fresh.outcome);
    expect(session.prepare(structuredClone({ ...doc, name: 'renamed' }))).not.toBe(plant);
  });

  it('returns problems in the data with their line and column', () => {
    const bad = reconcileRequest({ id: 1, doc, mode: undefined, csv: 'stream,component,value,unit,sd\nnowhere,Co,1,kg/h,0.1\n', fileName: 'bad.csv', options: DEFAULT_PILOT_OPTIONS, run: undefined });
    expect(bad.outcome).toEqual({ ok: false, problems: [expect.stringMatching(/^bad\.csv line 2, column 1 \(stream\): stream "nowhere" is not in the flowsheet/)] });
  });
});

const escapeHtml = (t: string) => t.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

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
    expect(html).toContain(`Run A: </strong>${escapeHtml(verdictView(a.report).headline)}`);
    expect(html).toMatch(/data-testid="pilot-accounting"/);
    expect(html).toMatch(/<tr data-element="Co"><td>Co<\/td>/);
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
