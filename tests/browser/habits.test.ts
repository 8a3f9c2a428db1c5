/**
 * Readable, findable, honest, and the habits of an engineer (issue 14, items 2–6), in real
 * headless Chromium: the default view shows unit boxes with labels one can read; search finds and
 * centres a unit; a table click brings a stream into view; Ctrl+C/V pastes a copy with new ids;
 * Shift+click adds to the selection; arrows nudge; Escape closes dialogs; a basis change keeps the
 * plant's kg/h; no recovery above 100 % without its explanation; the stream table copies as TSV
 * and exports CSV; an open outlet drains while the rest solves; the print report.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { editorInBrowser, openExample, settled, shot, state, zoom } from './harness';

const run = editorInBrowser();
let page: Page;
beforeAll(() => void ({ page } = run));

/** Unit boxes wholly inside the diagram whose title is drawn at 10 px or more. */
const readableBoxes = (p: Page) =>
  p.evaluate(() => {
    const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
    const t = (document.querySelector('.react-flow__viewport') as HTMLElement).style.transform;
    const z = Number(/scale\(([\d.]+)\)/.exec(t)?.[1] ?? 1);
    return [...document.querySelectorAll<HTMLElement>('.react-flow__node')].filter((n) => {
      const r = n.getBoundingClientRect();
      const title = n.querySelector('.unit-title') as HTMLElement | null;
      if (!title || !title.textContent) return false;
      const px = parseFloat(getComputedStyle(title).fontSize) * z;
      return r.left >= pane.left && r.right <= pane.right && r.top >= pane.top && r.bottom <= pane.bottom && px >= 10;
    }).length;
  });

const centreOf = (p: Page, selector: string) =>
  p.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  });

const recoveryCells = (p: Page) =>
  p.locator('[data-recovery]').evaluateAll((els) => els.map((e) => ({ text: e.textContent ?? '', basis: e.getAttribute('data-basis'), title: e.getAttribute('title') })));

describe('readable and findable', () => {
  it('the default view shows at least 8 unit boxes with readable labels', async () => {
    await openExample(page, run.site.url, 'dual-feed');
    await page.waitForTimeout(200);
    const n = await readableBoxes(page);
    console.log(`[e2e] default view: ${n} unit boxes fully in view with labels ≥ 10 px, zoom ${((await zoom(page)) * 100).toFixed(0)} %`);
    expect(n).toBeGreaterThanOrEqual(8);
    await shot(page, '40-default-view.png');
  });

  it('search finds a unit by its label and centres it (Ctrl+K, Enter)', async () => {
    const s = await state(page);
    const [id, unit] = Object.entries(s.doc.units).find(([, u]: [string, any]) => u.label === 'Li2CO3 product') ?? Object.entries(s.doc.units).reverse().find(([, u]: [string, any]) => u.type === 'product')!;
    const label = (unit as any).label ?? id;
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+k');
    await page.locator('input[aria-label="search units and streams"]').fill(label.slice(0, 6));
    await expect(page.locator(`[data-hit="unit:${id}"]`).count()).resolves.toBe(1);
    await page.locator('input[aria-label="search units and streams"]').fill(label);
    await page.keyboard.press('Enter');
    await expect(page.locator('[data-testid="search-dialog"]').count()).resolves.toBe(0);
    expect((await state(page)).selection.units).toEqual([id]);
    await page.waitForTimeout(100);
    const pane = (await page.locator('.react-flow').boundingBox())!;
    const c = await centreOf(page, `.react-flow__node[data-id="${id}"]`);
    expect(Math.abs(c.x - (pane.x + pane.width / 2))).toBeLessThan(40);
    expect(Math.abs(c.y - (pane.y + pane.height / 2))).toBeLessThan(40);
    expect(await zoom(page)).toBeGreaterThanOrEqual(0.9);
    await shot(page, '41-search.png');
  });

  it('a click in the stream table selects the stream and brings it into view; labels, not ids, name its ends', async () => {
    await page.getByRole('tab', { name: 'Streams' }).click();
    const s = await state(page);
    const sid = Object.keys(s.doc.streams).at(-1)!;
    const stream = s.doc.streams[sid];
    const fromUnit = stream.from.slice(0, stream.from.lastIndexOf('.'));
    await page.locator(`[data-stream-row="${sid}"]`).click();
    expect((await state(page)).selection.streams).toEqual([sid]);
    await expect(page.locator(`[data-stream-row="${sid}"] td`).first().textContent()).resolves.toBe(s.doc.units[fromUnit].label ?? fromUnit);
    await page.waitForTimeout(100);
    const a = await centreOf(page, `.react-flow__node[data-id="${fromUnit}"]`);
    const pane = (await page.locator('.react-flow').boundingBox())!;
    expect(a.x).toBeGreaterThan(pane.x);
    expect(a.x).toBeLessThan(pane.x + pane.width);
  });

  it('the stream table shows units on every column, copies as TSV, exports CSV without noise or formula cells', async () => {
    const heads = await page.locator('[data-testid="stream-table"] thead th').allTextContents();
    for (const h of heads.slice(4)) expect(h).toMatch(/\[.+\]|^pH/);
    await page.locator('select[aria-label="species quantity"]').selectOption('g/L');
    await expect(page.locator('[data-testid="stream-table"] thead th', { hasText: '[g/L]' }).count()).resolves.toBeGreaterThan(0);
    await page.locator('select[aria-label="element assays"]').selectOption('%');
    await page.locator('input[aria-label="streams as columns"]').check();
    await expect(page.locator('[data-testid="stream-table"]').getAttribute('data-orientation')).resolves.toBe('columns');
    await run.session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(run.site.url).origin });
    await page.getByRole('button', { name: 'Copy table' }).click();
    const tsv: string = await page.evaluate(() => navigator.clipboard.readText());
    expect(tsv.split('\n')[0].split('\t')[0]).toBe('');
    // Streams as columns: one row per field, each named with its unit.
    expect(tsv).toMatch(/\ntotal \[kg\/h\]\t/);
    expect(tsv).toMatch(/\n[^\t\n]+\(aq\) \[g\/L\]\t/);
    expect(tsv).toMatch(/\n[A-Z][a-z]? \[% w\/w\]\t/);
    const dl = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const csv = readFileSync(await (await dl).path(), 'utf8');
    // Float noise like 0.6327999999999999 has 16 significant digits; the file keeps 12 at most.
    const digits = csv.split(/[\r\n,]+/).filter((c) => /^-?[\d.]+(e-?\d+)?$/.test(c)).map((c) => c.replace(/e.*$/, '').replace(/[-.]/g, '').replace(/^0+/, '').length);
    expect(Math.max(...digits)).toBeLessThanOrEqual(12);
    expect(csv.split(/\r?\n/).every((line) => !/(^|,)[=+@]/.test(line))).toBe(true);
    await shot(page, '42-stream-table.png');
    await page.locator('input[aria-label="streams as columns"]').uncheck();
    await page.getByRole('tab', { name: 'Recovery & grade' }).click();
  });
});

describe('honest numbers', () => {
  it('no recovery cell above 100 % without its explanation, in either mode', async () => {
    for (const mode of ['', 'magnet']) {
      await page.locator('select[aria-label="mode"]').selectOption(mode);
      await settled(page);
      const cells = await recoveryCells(page);
      expect(cells.length).toBeGreaterThan(10);
      for (const c of cells) {
        const v = Number(c.text.replace(/[^\d.]/g, ''));
        if (c.text && v > 100.05) throw new Error(`recovery ${c.text} on basis ${c.basis}`);
        if (c.basis === 'feeds+reagents') expect(c.title).toMatch(/feeds and the reagents/);
      }
      // The explanation is in the header and under the table.
      if (mode === 'magnet') {
        await expect(page.locator('[data-testid="recovery-notes"]').textContent()).resolves.toMatch(/Cl: reagents bring .* of the Cl in, so its recovery is of feeds \+ reagents/);
        await expect(page.locator('th[data-element="Cl"]').getAttribute('data-basis')).resolves.toBe('feeds+reagents');
        await shot(page, '43-recovery-magnet.png');
      }
    }
    await page.locator('select[aria-label="mode"]').selectOption('');
    await settled(page);
  });

  it('a basis change asks, converts the flows, and keeps the plant’s kg/h', async () => {
    const before = await state(page);
    const totals = (s: any) => Object.fromEntries(Object.entries(s.solve.lastGood.results.streams).map(([id, r]: [string, any]) => [id, r.totals.mass]));
    const t0 = totals(before);
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.locator('select[aria-label="flow basis"]').selectOption('t/h');
    await page.getByRole('button', { name: /^Convert the flows to t\/h/ }).click();
    await settled(page);
    const after = await state(page);
    expect(after.doc.basis).toBe('t/h');
    const feed = Object.keys(before.doc.units).find((id) => before.doc.units[id].type === 'feed')!;
    const sp = Object.keys(before.doc.units[feed].flows)[0];
    expect(after.doc.units[feed].flows[sp]).toBeCloseTo(before.doc.units[feed].flows[sp] / 1000, 12);
    const t1 = totals(after);
    for (const id of Object.keys(t0)) expect(t1[id]).toBeCloseTo(t0[id], 6);
    // Keeping the numbers is a choice the user makes, and says what it does.
    await page.locator('select[aria-label="flow basis"]').selectOption('kg/h');
    await expect(page.locator('[data-testid="basis-dialog"]').textContent()).resolves.toMatch(/1,000 times smaller/);
    await page.keyboard.press('Escape');
    expect((await state(page)).doc.basis).toBe('t/h');
    await page.locator('.toolbar button[aria-label="undo"]').click();
    await settled(page);
    expect((await state(page)).doc).toEqual(before.doc);
  });
});

describe('editing habits', () => {
  it('Ctrl+C / Ctrl+V pastes a copy with new ids, offset and selected; Shift+click adds to the selection', async () => {
    const s = await state(page);
    const id = Object.keys(s.doc.units).find((u) => s.doc.units[u].type === 'mixer')!;
    await page.evaluate((u) => (window as any).__flexsheet.store.reveal({ units: [u], streams: [] }), id);
    await page.waitForTimeout(100);
    await page.locator(`.react-flow__node[data-id="${id}"]`).click();
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await page.waitForFunction((n) => Object.keys((window as any).__flexsheet.store.getState().doc.units).length === n + 1, Object.keys(s.doc.units).length);
    const after = await state(page);
    const added = Object.keys(after.doc.units).filter((u) => !(u in s.doc.units));
    expect(added).toHaveLength(1);
    expect(added[0]).not.toBe(id);
    expect(after.doc.units[added[0]].type).toBe('mixer');
    expect(after.doc.units[added[0]].position).toEqual({ x: s.doc.units[id].position.x + 40, y: s.doc.units[id].position.y + 40 });
    expect(after.selection.units).toEqual(added);
    // Shift+click adds the original to the selection; Delete removes the copy only after a click on it.
    await page.locator(`.react-flow__node[data-id="${id}"]`).click({ modifiers: ['Shift'] });
    expect([...(await state(page)).selection.units].sort()).toEqual([id, added[0]].sort());
    // Arrow keys move the selection by 10 px, one undo step for a run of presses.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const moved = await state(page);
    expect(moved.doc.units[id].position.x).toBe(s.doc.units[id].position.x + 20);
    await page.keyboard.press('Control+z');
    expect((await state(page)).doc.units[id].position.x).toBe(s.doc.units[id].position.x);
    // Ctrl+D: the copy is offset and selected, so Delete removes the copy, not the original.
    await page.locator(`.react-flow__node[data-id="${id}"]`).click();
    await page.keyboard.press('Control+d');
    const dup = await state(page);
    const copy = dup.selection.units[0];
    expect(copy).not.toBe(id);
    await page.keyboard.press('Delete');
    const gone = await state(page);
    expect(gone.doc.units[id]).toBeDefined();
    expect(gone.doc.units[copy]).toBeUndefined();
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    expect((await state(page)).doc).toEqual(s.doc);
    // Ctrl+A selects the whole plant.
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+a');
    expect((await state(page)).selection.units.length).toBe(Object.keys(s.doc.units).length);
    await page.keyboard.press('Escape');
    expect((await state(page)).selection.units).toEqual([]);
  });

  it('Escape closes dialogs: search, help with its shortcuts, a refused file', async () => {
    await page.keyboard.press('?');
    await expect(page.locator('[data-testid="shortcuts"] tr').count()).resolves.toBeGreaterThan(10);
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="help"]').waitFor({ state: 'detached', timeout: 5000 });
    // The file is read asynchronously: wait for its refusal rather than count at once.
    await page.locator('[data-testid="open-file"]').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{ "format": ') });
    await page.locator('[data-testid="file-error"]').waitFor({ timeout: 10_000 });
    await expect(page.locator('[data-testid="file-error"]').count()).resolves.toBe(1);
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="file-error"]').waitFor({ state: 'detached', timeout: 5000 });
  });

  it('a new plant from scratch: species pasted, an open outlet drains while the rest solves, a new separator sends solids to “solid”', async () => {
    await page.getByRole('button', { name: 'New' }).click();
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.getByRole('button', { name: 'paste many…' }).click();
    await page.locator('textarea[aria-label="species to add, one per line"]').fill('SiO2(s), H2O(l)\nCuO(s)');
    await page.getByRole('button', { name: 'Add 3 species' }).click();
    expect(Object.keys((await state(page)).doc.species)).toEqual(['SiO2(s)', 'H2O(l)', 'CuO(s)']);
    await page.locator('.palette-item[data-unit-type="feed"]').click();
    await page.locator('input[aria-label="flow of SiO2(s)"]').waitFor({ state: 'detached', timeout: 1000 }).catch(() => undefined);
    const feed = (await state(page)).selection.units[0];
    await page.locator('select[aria-label="add species to feed"]').selectOption('SiO2(s)');
    await page.locator('input[aria-label="flow of SiO2(s)"]').fill('900');
    await page.locator('select[aria-label="add species to feed"]').selectOption('H2O(l)');
    await page.locator('input[aria-label="flow of H2O(l)"]').fill('1000');
    await page.locator('.palette-item[data-unit-type="separator"]').click();
    const sep = (await state(page)).selection.units[0];
    await page.evaluate(({ feed, sep }) => {
      const fs = (window as any).__flexsheet;
      fs.store.execute({ label: 'connect', run: (d: any) => void (d.streams.s1 = { from: `${feed}.out`, to: `${sep}.in` }) });
    }, { feed, sep });
    await settled(page);
    const s = await state(page);
    // Both outlets of the separator are open: the plant still solves, through temporary products.
    expect(s.solve.status).toBe('ok');
    expect(s.solve.lastGood.drains.map((d: any) => d.port).sort()).toEqual(['liquid', 'solid']);
    expect(s.solve.lastGood.results.streams[`open:${sep}:solid`].massFlow['SiO2(s)']).toBeCloseTo(900, 6);
    expect(s.doc.streams).toEqual({ s1: { from: `${feed}.out`, to: `${sep}.in` } });
    await expect(page.locator(`[data-open-port="${sep}.solid"]`).count()).resolves.toBe(1);
    await expect(page.locator('[data-testid="open-ports"]').textContent()).resolves.toMatch(/2 open outlets drain to temporary products/);
    await shot(page, '44-open-outlets.png');
    // A new reactor says it has no reaction, and offers one to write.
    await page.locator('.palette-item[data-unit-type="reactor"]').click();
    await expect(page.locator('textarea[aria-label="reaction 1 equation"]').getAttribute('placeholder')).resolves.toMatch(/write the reaction/);
    const rx = (await state(page)).selection.units[0];
    await expect(page.locator(`.react-flow__node[data-id="${rx}"] .unit-badge.warn`).count()).resolves.toBe(1);
  });

  it('prints a report of the plant: diagram, recovery, balance, streams', async () => {
    await openExample(page, run.site.url, 'black-mass');
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await expect(page.locator('[data-testid="print-report"] h2').allTextContents()).resolves.toEqual(['Recovery and grade', 'Element balance [kg/h]', 'Reagents dosed [kg/h]', 'Streams']);
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('#root').isVisible()).resolves.toBe(false);
    await expect(page.locator('[data-testid="print-report"]').isVisible()).resolves.toBe(true);
    await page.pdf({ path: (await import('./harness')).artefact('45-report.pdf') });
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  });

  it('raised no page errors', () => {
    expect(run.problems.filter((p) => !/favicon/.test(p))).toEqual([]);
  });
});
