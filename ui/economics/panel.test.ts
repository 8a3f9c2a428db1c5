import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { analyse, readEconomicsDoc, solveModes } from '../../core/economics';
import { solve } from '../../index';
import { chartGeometry, logTicks, niceTicks } from './chart';
import { EconomicsPanel } from './EconomicsPanel';

const doc = readEconomicsDoc(readFileSync(join(import.meta.dirname, '../../tests/fixtures/economics-two-mode.json'), 'utf8'));
const results = solveModes(doc, (d, mode) => solve(d, { mode }));

describe('chart geometry', () => {
  it('ticks at 1, 2, 5 × 10^k', () => {
    expect(niceTicks(0, 100, 5)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(480000, 520000, 4)).toEqual([480000, 490000, 500000, 510000, 520000]);
    expect(logTicks(24, 8000)).toEqual([50, 100, 200, 500, 1000, 2000, 5000]);
  });

  it('maps the cycle on a log scale and the margin linearly, inside the box', () => {
    const box = { width: 300, height: 200, left: 50, right: 10, top: 10, bottom: 30 };
    const g = chartGeometry([{ label: 'm', color: '#000', points: [{ cycle: 10, margin: 0 }, { cycle: 1000, margin: 100 }] }], box);
    expect(g.x(10)).toBeCloseTo(50, 12);
    expect(g.x(1000)).toBeCloseTo(290, 12);
    expect(g.x(100)).toBeCloseTo(170, 12); // halfway on a log scale
    // margins padded by 5 % of their range: 0 → −5, 100 → 105 over 160 px
    expect(g.y(-5)).toBeCloseTo(170, 12);
    expect(g.y(105)).toBeCloseTo(10, 12);
    expect(g.paths[0].d).toMatch(/^M50\.00,[\d.]+L290\.00,[\d.]+$/);
  });
});

describe('EconomicsPanel', () => {
  it('renders the modes side by side, the matrix, the plan and the chart from solved results', () => {
    const html = renderToStaticMarkup(createElement(EconomicsPanel, { doc, results }));
    expect(html).toContain('data-testid="economics-modes"');
    expect(html).toContain('>copper<');
    expect(html).toContain('>zinc<');
    expect(html).toContain('data-testid="switchover-matrix"');
    expect(html).toContain('copper → zinc');
    expect(html).toContain('data-testid="margin-chart"');
    expect(html).toContain('data-testid="optimum-marker"');
    expect(html).toMatch(/T\* = 3,449 h/); // sqrt(2·H·S/Σkρ(1−ρ)) with S = 13,670 $ (feed bins run down, cli/economics.test.ts)
    expect(html).toContain('data-testid="campaign-sensitivity"');
  });

  it('takes an analysis computed elsewhere', () => {
    const analysis = analyse(doc, results);
    const html = renderToStaticMarkup(createElement(EconomicsPanel, { doc, analysis }));
    expect(html).toContain('data-testid="margin-chart"');
  });

  it('shows the problems of a bad economics section with their paths instead of numbers', () => {
    const bad = structuredClone(doc) as typeof doc;
    (bad.economics as any).hoursPerYear = -1;
    const html = renderToStaticMarkup(createElement(EconomicsPanel, { doc: bad, results }));
    expect(html).toContain('economics.hoursPerYear: must be &gt; 0 (is -1)');
    expect(html).not.toContain('margin-chart');
  });
});
