/**
 * The economics and pilot-data tabs in real headless Chromium, served from a production build:
 * every mode of the dual-feed plant solved in a background worker and compared; pilot data of the
 * black-mass plant loaded from CSV and reconciled in a worker, with measured against reconciled
 * values in the panel and badges on the diagram (the planted gross error in red); a malformed CSV
 * dropped onto the panel refused with its line and column, the plant kept.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { editorInBrowser, ROOT, settled, shot, zoom } from './harness';

const run = editorInBrowser();
let page: Page;
beforeAll(() => void ({ page } = run));

const PILOT_CSV = join(ROOT, 'flowsheets/pilot/black-mass-pilot.csv');

const state = (p: Page) => p.evaluate(() => (window as any).__flexsheet.store.getState() as { doc: any; version: number; mode?: string; solve: any; pilot: any; economics: any });

async function openExample(p: Page, id: string) {
  await p.goto(`${run.site.url}?fresh&example=${id}`);
  await p.waitForSelector('.react-flow__node');
  await settled(p);
  // A shipped plant has no positions: it is laid out, then the view refits.
  await p.waitForFunction(() => Object.values((window as any).__flexsheet.store.getState().doc.units).every((u: any) => u.position), undefined, { timeout: 60_000 });
  await settled(p);
  await p.waitForTimeout(300);
}

describe('economics tab', () => {
  it('solves both modes of the dual-feed plant in the background and shows their margins and the switchover matrix', async () => {
    await openExample(page, 'dual-feed');
    const s0 = await state(page);
    expect(Object.keys(s0.doc.modes)).toEqual(['black-mass', 'magnet']);
    // Closed tab: nothing solved in the background.
    expect(s0.economics.status).toBe('idle');
    await page.getByRole('tab', { name: 'Economics' }).click();
    const table = page.locator('[data-testid="economics-modes"]');
    await table.waitFor({ timeout: 60_000 });
    const heads = await table.locator('thead th').allTextContents();
    expect(heads.slice(1)).toEqual(['black-mass', 'magnet']);
    const margin = table.locator('tbody tr', { hasText: /^margin, USD\/h/ });
    const cells = await margin.locator('td').allTextContents();
    expect(cells[0]).toBe('margin, USD/h');
    for (const c of cells.slice(1)) expect(c).toMatch(/^-?[\d,]+(\.\d+)?$/);
    const matrix = page.locator('[data-testid="switchover-matrix"]');
    const rows = await matrix.locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(2);
    const offDiagonal = await matrix.locator('tbody tr').nth(0).locator('td').nth(2).textContent();
    expect(offDiagonal).toMatch(/^[\d,]+ \([\d.,]+ h\)$/);
    await expect(page.locator('[data-testid="margin-chart"]').count()).resolves.toBe(1);
    const s = await state(page);
    expect(s.economics.status).toBe('ok');
    expect(s.solve.status).toBe('ok');
    console.log(`[e2e] economics: margins ${cells.slice(1).join(' / ')} USD/h; black-mass → magnet ${offDiagonal}; status "${await page.locator('[data-testid="economics-status"]').textContent()}"`);
    await shot(page, '20-economics.png');
    await page.locator('.results .tab-body').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await shot(page, '21-economics-chart.png');
  });

  it('follows an edit of the plant; a layout change is not solved again', async () => {
    const marginRow = () => page.locator('[data-testid="economics-modes"] tbody tr', { hasText: /^margin, USD\/h/ }).locator('td').allTextContents();
    const before = await marginRow();
    const v0 = (await state(page)).economics.answer.version;
    // Move a unit: the same plant for the solver, the answer is reused.
    const node = page.locator('.react-flow__node').first();
    const box = (await node.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + 8);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 40, box.y + 30, { steps: 5 });
    await page.mouse.up();
    await page.waitForFunction((v) => (window as any).__flexsheet.store.getState().economics.answer.version > v, v0);
    expect((await state(page)).economics.answer.roundTripMs).toBe(0);
    // A real change: more of the base feed; every mode is solved again and the base margin moves.
    const feed = await page.evaluate(() => {
      const fs = (window as any).__flexsheet;
      const [id, u] = Object.entries(fs.store.getState().doc.units).find(([, u]: [string, any]) => u.type === 'feed' && u.flows && Object.keys(u.flows).length > 1) as [string, any];
      fs.store.select({ units: [id], streams: [] });
      const species = Object.keys(u.flows)[0];
      return { id, species, value: u.flows[species] as number };
    });
    // +10 %: the rebuilt black-mass plant's saponified D2EHPA has no room for +20 % NMC (sx_mn refuses an overloaded extractant).
    await page.locator(`input[aria-label="flow of ${feed.species}"]`).fill(String(Number((feed.value * 1.1).toPrecision(6))));
    await page.waitForFunction(
      () => {
        const s = (window as any).__flexsheet.store.getState();
        return s.economics.status === 'ok' && s.economics.answer.version === s.version;
      },
      undefined,
      { timeout: 60_000 },
    );
    expect((await state(page)).economics.answer.roundTripMs).toBeGreaterThan(0);
    const after = await marginRow();
    expect(after[1]).not.toBe(before[1]);
    console.log(`[e2e] economics after +10 % ${feed.species} in ${feed.id}: margins ${before.slice(1).join(' / ')} → ${after.slice(1).join(' / ')} USD/h`);
  });
});

describe('pilot data tab', () => {
  it('loads the black-mass pilot CSV, reconciles it in a worker without holding up the main solve, and shows the gross error', async () => {
    await openExample(page, 'black-mass');
    await page.getByRole('tab', { name: 'Pilot data' }).click();
    await page.locator('[data-testid="pilot-file"]').setInputFiles(PILOT_CSV);
    // The runs are heard as soon as the file is read; the first run is being reconciled.
    const runSelect = page.locator('select[aria-label="run"]');
    await runSelect.waitFor({ timeout: 60_000 });
    expect(await runSelect.locator('option').allTextContents()).toEqual(['P1', 'P2', 'P3']);
    expect((await state(page)).pilot.status).toBe('running');

    // The main solve answers an edit while the reconciliation runs in its own worker.
    const feed = await page.evaluate(() => {
      const fs = (window as any).__flexsheet;
      const s = fs.store.getState();
      const [id, u] = Object.entries(s.doc.units).find(([, u]: [string, any]) => u.type === 'feed' && u.flows && Object.keys(u.flows).length > 1) as [string, any];
      fs.store.select({ units: [id], streams: [] });
      const species = Object.keys(u.flows)[0];
      return { id, species, value: u.flows[species] as number };
    });
    const input = page.locator(`input[aria-label="flow of ${feed.species}"]`);
    await input.fill(String(feed.value * 1.01));
    const t0 = Date.now();
    await settled(page);
    const mainMs = Date.now() - t0;
    const during = await state(page);
    expect(during.solve.status).toBe('ok');
    expect(during.pilot.status).toBe('running');
    await input.fill(String(feed.value));
    await settled(page);
    console.log(`[e2e] main solve answered an edit in ${mainMs} ms while the pilot data were being reconciled`);

    // Run P3 has the planted gross error (Co assay of the black mass). Choosing it stops run P1's reconciliation.
    await runSelect.selectOption({ label: 'P3' });
    await page.waitForFunction(
      () => {
        const s = (window as any).__flexsheet.store.getState();
        return s.pilot.status === 'ok' && s.pilot.lastGood?.result.run === 'P3' && s.pilot.lastGood.key.version === s.version;
      },
      undefined,
      { timeout: 170_000, polling: 200 },
    );
    await page.locator('[data-testid="pilot-result"][data-stale="false"]').waitFor();
    // The verdict names the planted error: the Co assay of the black mass (issue 16).
    const verdict = page.locator('[data-testid="pilot-panel"] [role="status"]');
    await expect(verdict.getAttribute('data-verdict')).resolves.toBe('gross errors');
    await expect(verdict.textContent()).resolves.toMatch(/^Run P3: .*Co wt% in stream bm/);
    await expect(page.locator('[data-testid="pilot-accounting"] tr[data-element="Co"]').count()).resolves.toBe(1);
    const gross = page.locator('[data-measurement="bm|Co|wt%"]');
    await expect(gross.getAttribute('data-status')).resolves.toBe('gross error');
    const cells = await gross.locator('td').allTextContents();
    expect(cells[3]).toMatch(/^[\d.]+ ± [\d.]+$/); // measured
    expect(cells[4]).toMatch(/^[\d.]+ ± [\d.]+$/); // reconciled
    expect(cells[4]).not.toBe(cells[3]);
    const ok = page.locator('[data-testid="pilot-result"] tr[data-status="ok"]').first();
    await expect(ok.count()).resolves.toBe(1);
    console.log(`[e2e] pilot P3: bm Co wt% measured ${cells[3]}, reconciled ${cells[4]} (${cells[7]}); one that passes: ${(await ok.locator('td').allTextContents()).slice(0, 5).join(' ')}`);

    // On the diagram: a badge on each measured stream; the gross error's in red.
    const badge = page.locator('[data-pilot-badge="bm"]');
    await expect(badge.getAttribute('data-tone')).resolves.toBe('bad');
    await expect(badge.textContent()).resolves.toMatch(/^✖ Co [+−]\d+(\.\d)? %/);
    // The leach liquor's measurements: passed, suspect, or (with the rebuilt plant's redundancy) not redundant; never a gross error.
    await expect(page.locator('[data-pilot-badge="pls"]').getAttribute('data-tone')).resolves.toMatch(/ok|warn|muted/);
    expect(await page.locator('[data-pilot-badge]').count()).toBeGreaterThan(5);
    await shot(page, '22-pilot-reconciled.png');
    // Closer in, around the black mass feed: labels and badges side by side.
    const b = (await badge.boundingBox())!;
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
    for (let i = 0; i < 30 && (await zoom(page)) < 0.9; i++) {
      await page.mouse.wheel(0, -100);
      await page.waitForTimeout(40);
    }
    await page.waitForTimeout(200);
    await expect(page.locator('[data-pilot-badge="bm"]').isVisible()).resolves.toBe(true);
    await page.mouse.move(5, 300);
    await shot(page, '23-pilot-badges-zoomed.png');
  });

  it('refuses a malformed CSV dropped onto the panel with its line and column, and keeps the plant', async () => {
    const before = await state(page);
    const text = 'run,stream,component,value,unit,sd\nP1,bm,total,1000,kg/h,10\nP1,pls,Co,eight,g/kg(aq),0.2\nP1,nowhere,Li,1,kg/h,0.1\n';
    const dt = await page.evaluateHandle((t) => {
      const d = new DataTransfer();
      d.items.add(new File([t], 'broken-pilot.csv', { type: 'text/csv' }));
      return d;
    }, text);
    await page.dispatchEvent('[data-testid="pilot-panel"]', 'dragover', { dataTransfer: dt });
    await page.dispatchEvent('[data-testid="pilot-panel"]', 'drop', { dataTransfer: dt });
    const list = page.locator('[data-testid="pilot-problems"]');
    await list.waitFor({ timeout: 60_000 });
    const items = await list.locator('li').allTextContents();
    expect(items[0]).toBe('broken-pilot.csv line 3, column 4 (value): "eight" is not a number');
    expect(items[1]).toMatch(/^broken-pilot\.csv line 4, column 2 \(stream\): stream "nowhere" is not in the flowsheet/);
    // Not taken for a flowsheet; the plant, its history and its results are as they were.
    await expect(page.locator('[data-testid="file-error"]').count()).resolves.toBe(0);
    const after = await state(page);
    expect(after.doc).toEqual(before.doc);
    expect(after.version).toBe(before.version);
    expect(after.solve.status).toBe('ok');
    await expect(page.locator('.react-flow__node').count()).resolves.toBe(Object.keys(before.doc.units).length);
    await expect(page.locator('[data-testid="recovery-table"]').count()).resolves.toBe(0);
    // The badges of the data replaced are gone.
    await expect(page.locator('[data-pilot-badge]').count()).resolves.toBe(0);
    await shot(page, '24-pilot-malformed.png');
    await page.getByRole('tab', { name: 'Recovery & grade' }).click();
    await expect(page.locator('[data-testid="recovery-table"]').count()).resolves.toBe(1);
  });

  it('raised no page errors', () => {
    expect(run.problems.filter((p) => !/favicon/.test(p))).toEqual([]);
  });
});
