/**
 * The plant editor in real headless Chromium, served from a production build: build a plant,
 * solve it live, edit, undo, reload, refuse a bad file, and measure edit-to-repaint and drag
 * frame rate on large plants (printed, not asserted).
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { generatePlant } from '../../bench/generate';
import { editorInBrowser, settled, shot, zoom } from './harness';
import { leachPlant } from './plants';

const run = editorInBrowser();
let page: Page;
beforeAll(() => void ({ page } = run));

/** The measurements can run on their own (vitest -t measures): open the editor if it is not open. */
async function ensureLoaded(p: Page) {
  if (!p.url().startsWith(run.site.url)) {
    await p.goto(run.site.url);
    await p.waitForSelector('.react-flow__node');
    await settled(p);
  }
}

const state = (p: Page) => p.evaluate(() => (window as any).__flexsheet.store.getState() as { doc: any; version: number; mode?: string; solve: any });

async function openText(p: Page, name: string, text: string) {
  await p.locator('[data-testid="open-file"]').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

/** Drags the node nearest the middle of the view for 120 pointer moves, counting painted frames. */
async function dragFps(p: Page, label: string): Promise<string> {
  const nodes = p.locator('.react-flow__node');
  const view = (await p.locator('.react-flow__pane').boundingBox())!;
  const cx = view.x + view.width / 2;
  const cy = view.y + view.height / 2;
  const boxes = await nodes.evaluateAll((els) => els.map((e) => { const r = e.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; }));
  const b = boxes.reduce((best, r) => (Math.hypot(r.x - cx, r.y - cy) < Math.hypot(best.x - cx, best.y - cy) ? r : best));
  const rendered = boxes.length;
  await p.evaluate(() => {
    const w = window as any;
    w.__frames = [];
    w.__rec = true;
    const tick = (t: number) => {
      if (!w.__rec) return;
      w.__frames.push(t);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const x0 = b.x + b.width / 2;
  const y0 = b.y + Math.min(8, b.height / 3);
  await p.mouse.move(x0, y0);
  await p.mouse.down();
  const t0 = Date.now();
  for (let i = 1; i <= 120; i++) await p.mouse.move(x0 + i * 2, y0 + Math.sin(i / 10) * 30);
  await p.mouse.up();
  const wall = Date.now() - t0;
  const frames: number[] = await p.evaluate(() => {
    const w = window as any;
    w.__rec = false;
    return w.__frames;
  });
  await settled(p, 180_000);
  await shot(p, `16-drag-${label}.png`);
  const gaps = frames.slice(1).map((t, i) => t - frames[i]).sort((a, c) => a - c);
  const span = frames[frames.length - 1] - frames[0];
  const fps = (gaps.length / span) * 1000;
  return `${fps.toFixed(1)} fps (${rendered} nodes mounted; 120 moves in ${wall} ms; frame median ${gaps[Math.floor(gaps.length / 2)].toFixed(1)} ms, p90 ${gaps[Math.floor(gaps.length * 0.9)].toFixed(1)} ms, worst ${gaps[gaps.length - 1].toFixed(1)} ms)`;
}

const recovery = (p: Page, product: string, el: string) => p.locator(`[data-recovery="${product}:${el}"]`).textContent();

describe('plant editor', () => {
  it('loads with a shipped plant and solves it in the worker', async () => {
    await page.goto(run.site.url);
    await page.waitForSelector('.react-flow__node');
    await settled(page);
    const s = await state(page);
    expect(s.solve.status).toBe('ok');
    expect(Object.keys(s.doc.units).length).toBeGreaterThan(3);
    await expect(page.locator('[data-testid="recovery-table"]').count()).resolves.toBe(1);
    await page.waitForTimeout(300); // auto-layout of a plant without positions, then refit
    await shot(page, '01-loaded.png');
    const examples = await page.locator('select[aria-label="examples"] option').allTextContents();
    console.log(`[e2e] loaded "${s.doc.name}" (${Object.keys(s.doc.units).length} units); examples: ${examples.slice(1).join(' | ')}`);
  });

  it('opens a file with an open outlet and shows the problem on the node', async () => {
    await openText(page, 'leach.json', JSON.stringify(leachPlant()));
    await page.waitForSelector('.react-flow__node[data-id="filter"]');
    await settled(page);
    const s = await state(page);
    expect(s.doc.name).toBe('E2E copper leach');
    expect(s.solve.status).toBe('failed');
    expect(s.solve.diagnostics.some((d: any) => d.unit === 'filter' && d.port === 'pls')).toBe(true);
    await expect(page.locator('.react-flow__node[data-id="filter"] .unit-node.has-error').count()).resolves.toBe(1);
    await expect(page.locator('.react-flow__node[data-id="filter"] .port-label.port-error').textContent()).resolves.toContain('pls');
    await shot(page, '02-open-outlet.png');
  });

  it('adds a unit from the palette by drag and drop and connects it; the plant solves', async () => {
    const pane = page.locator('.react-flow__pane');
    const box = (await pane.boundingBox())!;
    await page.locator('.palette-item[data-unit-type="product"]').dragTo(pane, { targetPosition: { x: box.width * 0.8, y: box.height * 0.65 } });
    await page.waitForSelector('.react-flow__node[data-id="product"]');
    // Draw the stream: from the filter's "pls" outlet to the new product's inlet.
    const from = (await page.locator('.react-flow__node[data-id="filter"] .react-flow__handle[data-handleid="pls"]').boundingBox())!;
    const to = (await page.locator('.react-flow__node[data-id="product"] .react-flow__handle[data-handleid="in"]').boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 8 });
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 8 });
    await page.mouse.up();
    await settled(page);
    const s = await state(page);
    expect(Object.values(s.doc.streams)).toContainEqual({ from: 'filter.pls', to: 'product.in' });
    expect(s.solve.status).toBe('ok');
    await expect(recovery(page, 'product', 'Cu')).resolves.toMatch(/%/);
    await shot(page, '03-added-and-connected.png');
  });

  it('refuses a second stream from the same outlet as it is drawn', async () => {
    const before = Object.keys((await state(page)).doc.streams).length;
    const from = (await page.locator('.react-flow__node[data-id="filter"] .react-flow__handle[data-handleid="pls"]').boundingBox())!;
    const to = (await page.locator('.react-flow__node[data-id="residue"] .react-flow__handle[data-handleid="in"]').boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 10 });
    await page.mouse.up();
    await page.waitForTimeout(100);
    expect(Object.keys((await state(page)).doc.streams).length).toBe(before);
    await expect(page.locator('.statusbar .notice').textContent()).resolves.toMatch(/already carries stream/);
  });

  it('changes a parameter in the generated panel and the recovery follows; undo restores it', async () => {
    const before = await recovery(page, 'product', 'Cu');
    await page.locator('.react-flow__node[data-id="leach"]').click();
    const conv = page.locator('input[aria-label="reaction 1 conversion"]');
    await conv.fill('0.5');
    await settled(page);
    const after = await recovery(page, 'product', 'Cu');
    console.log(`[e2e] Cu recovery to product: ${before} → ${after} (conversion 0.9 → 0.5)`);
    expect(after).not.toBe(before);
    await shot(page, '04-parameter-changed.png');

    // A bad value is refused inline and not applied.
    await conv.fill('1.5');
    await expect(page.locator('[data-param="reactions"] .field-error').first().textContent()).resolves.toMatch(/≤ 1/);
    expect((await state(page)).doc.units.leach.reactions[0].conversion).toBe(0.5);
    await conv.fill('0.5');

    await page.locator('.toolbar button[aria-label="undo"]').click();
    await settled(page);
    expect((await state(page)).doc.units.leach.reactions[0].conversion).toBe(0.9);
    await expect(recovery(page, 'product', 'Cu')).resolves.toBe(before);
  });

  it('shows an unbalanced reaction as it is typed, marks the unit, keeps the last results stale', async () => {
    await page.locator('.react-flow__node[data-id="leach"]').click();
    const eq = page.locator('input[aria-label="reaction 1 equation"]');
    await eq.fill('CuO(s) + H2SO4(aq) -> CuSO4(aq)');
    await expect(page.locator('.balance-problems').textContent()).resolves.toMatch(/H is off by 2|O is off by 1/);
    await settled(page);
    await expect(page.locator('.react-flow__node[data-id="leach"] .unit-node.has-error').count()).resolves.toBe(1);
    await expect(page.locator('section.results').getAttribute('data-stale')).resolves.toBe('true');
    await expect(page.locator('[data-testid="recovery-table"]').count()).resolves.toBe(1);
    await shot(page, '05-unbalanced-reaction.png');
    await page.locator('.toolbar button[aria-label="undo"]').click();
    await settled(page);
    expect((await state(page)).solve.status).toBe('ok');
  });

  it('hovers a stream for its composition, sorts the stream table, draws the Sankey', async () => {
    await page.locator('[data-stream-label="s2"]').hover();
    await expect(page.locator('[data-tooltip="s2"]').textContent()).resolves.toMatch(/CuSO4\(aq\)/);
    await shot(page, '06-hover-stream.png');
    await page.mouse.move(5, 5);
    await page.getByRole('tab', { name: 'Streams' }).click();
    await page.locator('.stream-table th', { hasText: 'total' }).click();
    const totals = await page.locator('.stream-table tbody tr td:nth-child(4)').allTextContents();
    const nums = totals.map((t) => Number(t.replace(/,/g, '')));
    expect([...nums].sort((a, b) => b - a)).toEqual(nums);
    await page.locator('select[aria-label="flow unit"]').selectOption('t/h');
    await shot(page, '07-stream-table.png');
    const csv = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const text = readFileSync(await (await csv).path(), 'utf8');
    expect(text.split('\n')[0]).toContain('total [t/h]');
    await page.getByRole('tab', { name: 'Sankey' }).click();
    await page.locator('select[aria-label="Sankey element"]').selectOption('Cu');
    await expect(page.locator('.sankey-svg path').count()).resolves.toBeGreaterThan(2);
    await shot(page, '08-sankey.png');
    await page.getByRole('tab', { name: 'Recovery & grade' }).click();
  });

  it('switches mode: the unit out of service is greyed and the results follow', async () => {
    const base = await recovery(page, 'product', 'Cu');
    await page.locator('select[aria-label="mode"]').selectOption('bypass');
    await settled(page);
    expect((await state(page)).solve.status).toBe('ok');
    await expect(page.locator('.react-flow__node[data-id="leach"] .unit-node.idle').count()).resolves.toBe(1);
    const bypass = await recovery(page, 'product', 'Cu');
    expect(bypass).not.toBe(base);
    await shot(page, '09-mode-bypass.png');
    await page.locator('select[aria-label="mode"]').selectOption('');
    await settled(page);
  });

  it('exports the diagram as SVG and PNG, lays it out automatically', async () => {
    const svg = page.waitForEvent('download');
    await page.getByRole('button', { name: 'SVG', exact: true }).click();
    const svgText = readFileSync(await (await svg).path(), 'utf8');
    expect(svgText).toMatch(/^<svg/);
    expect(svgText).toContain('Filter');
    const png = page.waitForEvent('download');
    await page.getByRole('button', { name: 'PNG', exact: true }).click();
    const bytes = readFileSync(await (await png).path());
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    const before = (await state(page)).doc.units.product.position;
    await page.getByRole('button', { name: 'Auto-layout' }).click();
    await page.waitForFunction((b) => JSON.stringify((window as any).__flexsheet.store.getState().doc.units.product.position) !== JSON.stringify(b), before);
    await settled(page);
    await page.waitForTimeout(100);
    await shot(page, '10-auto-layout.png');
  });

  it('restores the work after a reload (autosave to IndexedDB)', async () => {
    const before = await state(page);
    await page.waitForTimeout(700);
    await page.reload();
    await page.waitForSelector('.react-flow__node[data-id="product"]');
    await settled(page);
    const after = await state(page);
    expect(after.doc).toEqual(before.doc);
    await shot(page, '11-after-reload.png');
  });

  it('works offline once loaded (service worker of the build)', async () => {
    const registered = await page.evaluate(() =>
      Promise.race([navigator.serviceWorker.ready.then(() => 'ready'), new Promise((r) => setTimeout(() => r('not ready'), 15_000))]),
    );
    expect(registered).toBe('ready');
    await run.session.context.setOffline(true);
    try {
      await page.reload({ timeout: 30_000 });
      await page.waitForSelector('.react-flow__node[data-id="product"]', { timeout: 30_000 });
      await settled(page, 30_000);
      expect((await state(page)).solve.status).toBe('ok');
      await shot(page, '11b-offline.png');
    } finally {
      await run.session.context.setOffline(false);
    }
  });

  it('refuses a malformed file with its messages and keeps the plant', async () => {
    const before = await state(page);
    await openText(page, 'broken.json', '{ "format": "flexsheet/1", "name": "Broken", ');
    await expect(page.locator('[data-testid="file-error"]').textContent()).resolves.toMatch(/not valid JSON/);
    await shot(page, '12-malformed-file.png');
    await page.getByRole('button', { name: 'Close' }).click();
    await openText(page, 'bad-unit.json', JSON.stringify({ ...leachPlant(), name: 'Bad', units: { x: { type: 'centrifuge' } }, streams: {} }));
    await expect(page.locator('[data-testid="file-error"]').textContent()).resolves.toMatch(/type "centrifuge" does not exist/);
    await page.getByRole('button', { name: 'Close' }).click();
    const after = await state(page);
    expect(after.doc).toEqual(before.doc);
    expect(after.version).toBe(before.version);
    await expect(page.locator('.react-flow__node[data-id="product"]').count()).resolves.toBe(1);
  });

  it('renames, duplicates and deletes units, each one undoable step', async () => {
    await page.locator('.react-flow__node[data-id="residue"]').click();
    const id = page.locator('input[aria-label="unit id"]');
    await id.fill('tails');
    await id.press('Enter');
    let s = await state(page);
    expect(s.doc.units.tails).toBeDefined();
    expect(s.doc.streams.s3.to).toBe('tails.in');
    await page.getByRole('button', { name: 'Duplicate' }).click();
    s = await state(page);
    expect(s.doc.units.tails2).toBeDefined();
    await page.locator('.react-flow__node[data-id="tails2"]').click();
    await page.keyboard.press('Delete');
    s = await state(page);
    expect(s.doc.units.tails2).toBeUndefined();
    for (let i = 0; i < 3; i++) await page.keyboard.press('Control+z');
    s = await state(page);
    expect(s.doc.units.residue).toBeDefined();
    expect(s.doc.units.tails).toBeUndefined();
  });

  it('measures edit-to-repaint on a 200-unit plant (printed, not asserted)', async () => {
    await ensureLoaded(page);
    const doc = generatePlant({ units: 200, species: 30, seed: 11 });
    await openText(page, 'plant-200.json', JSON.stringify(doc));
    await page.waitForFunction(() => Object.keys((window as any).__flexsheet.store.getState().doc.units).length === 200);
    await settled(page, 120_000);
    await page.waitForTimeout(1500); // auto-layout lands
    await settled(page, 120_000);
    const s = await state(page);
    expect(s.solve.status).toBe('ok');
    const feed = Object.entries(s.doc.units).find(([, u]: [string, any]) => u.type === 'feed' && Object.keys(u.flows).length > 0)!;
    const species = Object.keys((feed[1] as any).flows)[0];
    await page.evaluate((id) => (window as any).__flexsheet.store.select({ units: [id], streams: [] }), feed[0]);
    await page.waitForSelector(`input[aria-label="flow of ${species}"]`);
    await shot(page, '13-plant-200.png');
    const figures = await page.evaluate(
      async ({ species, base }) => {
        const fs = (window as any).__flexsheet;
        const input = document.querySelector(`input[aria-label="flow of ${species}"]`) as HTMLInputElement;
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
        const out: { total: number; solve: number; answered: number; probe: number }[] = [];
        let t0 = 0;
        let answered = 0;
        fs.store.subscribe((st: any, prev: any) => {
          if (st.solve.lastGood !== prev.solve.lastGood) answered = performance.now() - t0;
        });
        for (let i = 0; i < 12; i++) {
          const n = fs.metrics.editToPaint.length;
          t0 = performance.now();
          setter.call(input, String(Number((base * (1 + 0.01 * (i + 1))).toPrecision(6))));
          input.dispatchEvent(new Event('input', { bubbles: true }));
          await new Promise<void>((resolve) => {
            const wait = () => (fs.metrics.editToPaint.length > n ? resolve() : setTimeout(wait, 1));
            wait();
          });
          const total = performance.now() - t0;
          const st = fs.store.getState();
          out.push({ total, solve: st.solve.solveMs, answered, probe: fs.metrics.editToPaint[fs.metrics.editToPaint.length - 1] });
          await new Promise((r) => setTimeout(r, 300));
        }
        return out;
      },
      { species, base: (feed[1] as any).flows[species] as number },
    );
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const rows = figures.slice(2); // the first edits warm up the worker's JIT
    console.log(
      `[bench] 200-unit plant (${s.solve.lastGood.results.solver.unknowns} unknowns): edit → repainted results median ${med(rows.map((r) => r.total)).toFixed(1)} ms ` +
        `(min ${Math.min(...rows.map((r) => r.total)).toFixed(1)}, max ${Math.max(...rows.map((r) => r.total)).toFixed(1)}); ` +
        `of which the solve in the worker median ${med(rows.map((r) => r.solve)).toFixed(1)} ms, answer back at ${med(rows.map((r) => r.answered)).toFixed(1)} ms, ` +
        `editor rendering after the answer ${med(rows.map((r) => r.total - r.answered)).toFixed(1)} ms`,
    );
    console.log(`[bench] all edits, total/solve (ms): ${figures.map((r) => `${r.total.toFixed(0)}/${r.solve.toFixed(0)}`).join(' ')}`);
  });

  it('measures the frame rate while dragging on a 500-node diagram (printed, not asserted)', async () => {
    await ensureLoaded(page);
    const doc = generatePlant({ units: 500, species: 20, seed: 5 });
    await openText(page, 'plant-500.json', JSON.stringify(doc));
    await page.waitForFunction(() => Object.keys((window as any).__flexsheet.store.getState().doc.units).length === 500);
    await settled(page, 180_000);
    // Wait for the auto-layout (elk, 500 nodes) to land and the view to refit.
    await page.waitForFunction(() => Object.values((window as any).__flexsheet.store.getState().doc.units).every((u: any) => u.position), undefined, { timeout: 180_000 });
    await settled(page, 180_000);
    await page.waitForTimeout(500);
    await shot(page, '14-plant-500.png');
    const fit = await dragFps(page, 'fit');
    // The same diagram at 100 % zoom around the dragged node, where one works on a big plant.
    const target = page.locator('.react-flow__node').nth(Math.floor((await page.locator('.react-flow__node').count()) / 2));
    const tb = (await target.boundingBox())!;
    await page.mouse.move(tb.x + tb.width / 2, tb.y + tb.height / 2);
    for (let i = 0; i < 40 && (await zoom(page)) < 1; i++) {
      await page.mouse.wheel(0, -120);
      await page.waitForTimeout(30);
    }
    await page.waitForTimeout(300);
    await shot(page, '15-plant-500-zoomed.png');
    const near = await dragFps(page, 'zoom');
    console.log(`[bench] 500-node diagram, drag frame rate: whole plant in view ${fit}; at ${((await zoom(page)) * 100).toFixed(0)} % zoom ${near}`);
    expect(Object.keys((await state(page)).doc.units).length).toBe(500);
  });

  it('raised no page errors', () => {
    expect(run.problems.filter((p) => !/favicon/.test(p))).toEqual([]);
  });
});
