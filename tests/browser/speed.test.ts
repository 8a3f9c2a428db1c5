/**
 * The editor's speed goals (issue 14, item 7), measured in real headless Chromium on the production
 * build and printed — a benchmark, never a timed test: nothing here fails because the machine is
 * slow. Run it on its own:
 *
 *   FLEXSHEET_BENCH=1 npm run test:browser -- tests/browser/speed.test.ts
 *
 * - the default plant's first results after page load (median of several fresh loads);
 * - a 200-unit plant: edit → repainted results (median of a dozen edits);
 * - dragging a unit with the whole 200-unit plant in view: frames per second;
 * - the same drag on a 500-unit diagram, for scale.
 * The machine's load average is printed with the figures.
 */
import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { generatePlant } from '../../bench/generate';
import { editorInBrowser, openText, settled, shot, state, zoom } from './harness';

const enabled = !!process.env.FLEXSHEET_BENCH;
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = () => loadavg().map((x) => x.toFixed(2)).join(' / ');

/** Drags the unit nearest the middle of the view for 120 pointer moves, counting painted frames. */
async function dragFps(p: Page, label: string): Promise<{ fps: number; text: string }> {
  const nodes = p.locator('.react-flow__node');
  const view = (await p.locator('.react-flow__pane').boundingBox())!;
  const cx = view.x + view.width / 2;
  const cy = view.y + view.height / 2;
  const boxes = await nodes.evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    }),
  );
  const b = boxes.reduce((best, r) => (Math.hypot(r.x - cx, r.y - cy) < Math.hypot(best.x - cx, best.y - cy) ? r : best));
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
  await shot(p, `60-drag-${label}.png`);
  const gaps = frames
    .slice(1)
    .map((t, i) => t - frames[i])
    .sort((a, c) => a - c);
  const span = frames[frames.length - 1] - frames[0];
  const fps = (gaps.length / span) * 1000;
  return {
    fps,
    text: `${fps.toFixed(1)} fps (${boxes.length} nodes mounted, zoom ${((await zoom(p)) * 100).toFixed(0)} %; 120 moves in ${wall} ms; frame median ${med(gaps).toFixed(1)} ms, p90 ${gaps[Math.floor(gaps.length * 0.9)].toFixed(1)} ms, worst ${gaps[gaps.length - 1].toFixed(1)} ms)`,
  };
}

/** Opens a generated plant and waits until it is laid out and solved. */
async function openGenerated(p: Page, units: number, species: number, seed: number) {
  const doc = generatePlant({ units, species, seed });
  await openText(p, `plant-${units}.json`, JSON.stringify(doc));
  await p.waitForFunction((n) => Object.keys((window as any).__flexsheet.store.getState().doc.units).length === n, units);
  await p.waitForFunction(() => Object.values((window as any).__flexsheet.store.getState().doc.units).every((u: any) => u.position), undefined, { timeout: 180_000 });
  await settled(p, 180_000);
  await p.waitForTimeout(500);
  return doc;
}

describe.skipIf(!enabled)('speed (browser benchmark, production build)', () => {
  const run = editorInBrowser();
  let page: Page;
  beforeAll(() => void ({ page } = run));

  it('the default plant: first results after load', async () => {
    const times: number[] = [];
    const inWorker: number[] = [];
    for (let i = 0; i < 5; i++) {
      const ctx = await run.session.browser.newContext({ viewport: { width: 1500, height: 950 } });
      const p = await ctx.newPage();
      // Listen from the first moment: the time (since navigation) at which the first results are in the store.
      await p.addInitScript(() => {
        const w = window as any;
        const poll = () => {
          const fs = w.__flexsheet;
          if (!fs) return setTimeout(poll, 2);
          const un = fs.store.subscribe((s: any) => {
            if (s.solve.lastGood && w.__first === undefined) {
              w.__first = performance.now();
              w.__solveMs = s.solve.solveMs;
              un();
            }
          });
        };
        poll();
      });
      await p.goto(`${run.site.url}?fresh&notour`);
      await p.waitForFunction(() => (window as any).__first !== undefined, undefined, { timeout: 60_000, polling: 10 });
      times.push(await p.evaluate(() => (window as any).__first as number));
      inWorker.push(await p.evaluate(() => (window as any).__solveMs as number));
      await ctx.close();
    }
    console.log(`[bench] default plant (dual-feed): first results ${med(times).toFixed(0)} ms after navigation (median of ${times.length}: ${times.map((t) => t.toFixed(0)).join(', ')}), of which the solve in the worker ${med(inWorker).toFixed(0)} ms; load average ${load()}`);
    expect(times).toHaveLength(5);
  });

  it('a 200-unit plant: edit → repainted results, and dragging at whole-plant zoom', async () => {
    await page.goto(`${run.site.url}?fresh&notour`);
    await page.waitForSelector('.react-flow__node');
    await settled(page);
    const doc = await openGenerated(page, 200, 30, 11);
    const s = await state(page);
    expect(s.solve.status).toBe('ok');
    const feed = Object.entries(doc.units).find(([, u]: [string, any]) => u.type === 'feed' && Object.keys(u.flows).length > 0)!;
    const species = Object.keys((feed[1] as any).flows)[0];
    await page.evaluate((id) => (window as any).__flexsheet.store.select({ units: [id], streams: [] }), feed[0]);
    await page.waitForSelector(`input[aria-label="flow of ${species}"]`);
    const figures = await page.evaluate(
      async ({ species, base }) => {
        const fs = (window as any).__flexsheet;
        const input = document.querySelector(`input[aria-label="flow of ${species}"]`) as HTMLInputElement;
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
        const out: { total: number; solve: number; answered: number }[] = [];
        let t0 = 0;
        let answered = 0;
        fs.store.subscribe((st: any, prev: any) => {
          if (st.solve.lastGood !== prev.solve.lastGood) answered = performance.now() - t0;
        });
        for (let i = 0; i < 14; i++) {
          const n = fs.metrics.editToPaint.length;
          t0 = performance.now();
          setter.call(input, String(Number((base * (1 + 0.01 * (i + 1))).toPrecision(6))));
          input.dispatchEvent(new Event('input', { bubbles: true }));
          await new Promise<void>((resolve) => {
            const wait = () => (fs.metrics.editToPaint.length > n ? resolve() : setTimeout(wait, 1));
            wait();
          });
          out.push({ total: performance.now() - t0, solve: fs.store.getState().solve.solveMs, answered });
          await new Promise((r) => setTimeout(r, 300));
        }
        return out;
      },
      { species, base: (feed[1] as any).flows[species] as number },
    );
    const rows = figures.slice(2); // the first edits warm up the worker's JIT
    console.log(
      `[bench] 200-unit plant (${s.solve.lastGood.results.solver.unknowns} unknowns): edit → repainted results median ${med(rows.map((r) => r.total)).toFixed(1)} ms ` +
        `(min ${Math.min(...rows.map((r) => r.total)).toFixed(1)}, max ${Math.max(...rows.map((r) => r.total)).toFixed(1)}); ` +
        `solve in the worker median ${med(rows.map((r) => r.solve)).toFixed(1)} ms, answer back at ${med(rows.map((r) => r.answered)).toFixed(1)} ms, ` +
        `rendering after the answer ${med(rows.map((r) => r.total - r.answered)).toFixed(1)} ms; load average ${load()}`,
    );
    // The whole plant in view.
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('f');
    await page.waitForTimeout(300);
    const whole = await dragFps(page, '200-whole');
    console.log(`[bench] 200-unit plant, drag with the whole plant in view: ${whole.text}; load average ${load()}`);
    expect(whole.fps).toBeGreaterThan(0);
  });

  it('a 500-unit diagram: drag frame rate, whole plant in view', async () => {
    await openGenerated(page, 500, 20, 5);
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('f');
    await page.waitForTimeout(300);
    const whole = await dragFps(page, '500-whole');
    console.log(`[bench] 500-unit diagram, drag with the whole plant in view: ${whole.text}; load average ${load()}`);
    expect(whole.fps).toBeGreaterThan(0);
  });
});
