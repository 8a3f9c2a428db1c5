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
    expect(html).not.toContain('data-testid="capital-units"'); // the fixture asks for no capital estimate
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

describe('CapitalSection', () => {
  it('shows capital per unit and NPV per plan when the file asks for them', () => {
    const withCapital = { ...doc, economics: { ...(doc.economics as object), capital: {} } };
    const html = renderToStaticMarkup(createElement(EconomicsPanel, { doc: withCapital, results }));
    expect(html).toContain('data-testid="capital-units"');
    expect(html).toContain('data-testid="investment-plans"');
    expect(html).toContain('>copper + zinc<');
  });
});

describe('StudyPanel', () => {
  it('renders the percentiles, a tornado and the rank correlations of a study result', async () => {
    const { compilePlant } = await import('../../core');
    const { registry } = await import('../../unit-ops');
    const { quickPriceStudy, readStudy } = await import('../../core/economics/study');
    const { runBrowserStudy } = await import('./study-pool');
    const { StudyResultView } = await import('./StudyPanel');
    const { modeNames } = await import('../../core/economics');
    // The quick price study of the fixture: every product and feed price ±20 %, margin per mode.
    const withStudy = { ...doc, studies: { quick: quickPriceStudy(doc, 300) } };
    const { study } = readStudy(withStudy, 'quick', modeNames(doc));
    expect(study!.parameters.map((p) => p.name)).toEqual(['liquor.payable.Cu.price', 'liquor.payable.Zn.price', 'residue', 'feed ore.payable.Cu.price', 'feed ore.payable.Zn.price']);
    const result = await runBrowserStudy(withStudy, study!, { compile: (d, mode) => compilePlant(d, registry, { mode }) });
    const html = renderToStaticMarkup(createElement(StudyResultView, { result }));
    expect(html).toContain('data-testid="study-summary"');
    expect(html).toContain('data-testid="study-tornado"');
    expect(html).toContain('data-testid="study-spearman"');
    expect(html).toContain('>copper margin, per h<');
    // 5 parameters: 5 rows of two bars in the tornado.
    expect(html.match(/<rect class="low"/g)).toHaveLength(5);
  });

  it('lays the tornado out from the baseline: the low end left of it when the metric rises with the parameter', async () => {
    const { tornadoGeometry } = await import('./tornado');
    const g = tornadoGeometry([{ parameter: 'p', low: 1, high: 2, atLow: 90, atHigh: 120, swing: 30 }], 100, { width: 300, rowHeight: 20, left: 100, right: 0, top: 0, bottom: 20 });
    // x maps [90, 120] onto [100, 300]: baseline 100 at 166.7, 90 at 100, 120 at 300.
    expect(g.baseX).toBeCloseTo(100 + (10 / 30) * 200, 9);
    expect(g.rows[0].low).toMatchObject({ x: 100, w: expect.closeTo((10 / 30) * 200, 9) });
    expect(g.rows[0].high.x).toBeCloseTo(g.baseX, 9);
    expect(g.rows[0].high.w).toBeCloseTo((20 / 30) * 200, 9);
  });
});
