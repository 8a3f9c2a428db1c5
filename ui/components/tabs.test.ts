/** The pilot-data view as the editor mounts it (controlled), rendered to markup. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { FlowsheetDoc } from '../../core';
import { ReconcileView, type ReconcileViewProps } from '../reconcile/ReconcilePanel';
import { DEFAULT_PILOT_OPTIONS } from '../state/pilot';
import { reconcileRequest } from '../worker/reconcile';

const root = join(import.meta.dirname, '..', '..');
const doc: FlowsheetDoc = JSON.parse(readFileSync(join(root, 'tests/fixtures/reconcile-leach-sx.json'), 'utf8'));
const csv = readFileSync(join(root, 'flowsheets/pilot/leach-sx-pilot.csv'), 'utf8');
const noop = () => {};
const base: ReconcileViewProps = { doc, options: DEFAULT_PILOT_OPTIONS, onOptions: noop, runs: [], onRun: noop, onLoad: noop, onApplyParameters: noop };
const html = (props: Partial<ReconcileViewProps>) => renderToStaticMarkup(createElement(ReconcileView, { ...base, ...props }));

describe('ReconcileView (the editor’s "Pilot data" tab)', () => {
  it('asks for data, and says it takes a dropped file', () => {
    expect(html({})).toMatch(/Load a CSV of measurements.*drop the file here/);
  });

  it('lists the problems of a bad file with their line and column, and no table', () => {
    const out = html({ fileName: 'bad.csv', problems: ['bad.csv line 2, column 4 (value): "abc" is not a number', 'bad.csv line 2, column 4 (value): "abc" is not a number'] });
    expect(out).toContain('role="alert"');
    expect(out.match(/<li>bad\.csv line 2, column 4 \(value\)/g)).toHaveLength(2);
    expect(out).not.toMatch(/<table/);
  });

  it('shows the run being reconciled, the runs to choose from, and a stale result dimmed', () => {
    const reply = reconcileRequest({ id: 1, doc, mode: undefined, csv, fileName: 'pilot.csv', options: { ...DEFAULT_PILOT_OPTIONS, fit: false }, run: 'B' });
    if (!reply.outcome.ok) throw new Error(reply.outcome.problems.join('\n'));
    const out = html({ fileName: 'pilot.csv', runs: reply.outcome.runs, run: 'B', result: reply.outcome.result, busy: true, stale: true });
    expect(out).toContain('reconciling run B…');
    expect(out).toMatch(/<option value="1" selected="">B<\/option>/);
    expect(out).toContain('data-stale="true"');
    expect(out).toMatch(/data-measurement="loaded\|Co\|kg\/h" data-status="gross error"/);
  });
});
