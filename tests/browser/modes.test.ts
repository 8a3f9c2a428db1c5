/**
 * Modes in real headless Chromium (issue 14, item 1): the dual-feed plant switched to "magnet"
 * draws that mode's own plant; an edit in a mode changes that mode only and undo restores it; a
 * mode is created, renamed and solved; two modes compared side by side.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { drawnUnits, editorInBrowser, openExample, settled, shot, state } from './harness';

const run = editorInBrowser();
let page: Page;
beforeAll(() => void ({ page } = run));

describe('modes', () => {
  it('switching the dual-feed plant to "magnet" draws every unit of that mode and none of the units it takes out', async () => {
    await openExample(page, run.site.url, 'dual-feed');
    const s0 = await state(page);
    const base = Object.keys(s0.doc.units);
    expect((await drawnUnits(page)).sort()).toEqual([...base].sort());
    await page.locator('select[aria-label="mode"]').selectOption('magnet');
    await settled(page);
    await page.waitForTimeout(100);
    const s = await state(page);
    const patches = s.doc.modes.magnet.units as Record<string, unknown>;
    const out = Object.keys(patches).filter((id) => patches[id] === null);
    const own = Object.keys(patches).filter((id) => patches[id] !== null && !(id in s.doc.units));
    const running = [...base.filter((id) => !out.includes(id)), ...own];
    expect(own).toEqual(['roaster', 'offgas_cooler', 'calciner', 'oxalate_destruction', 'scrubber_water', 'gas_scrubber', 'scrubber_split', 'iron_residue', 'iron_cake', 're_oxide']);
    expect(out.length).toBe(45);
    const drawn = await drawnUnits(page);
    expect([...drawn].sort()).toEqual([...running].sort());
    for (const id of out) expect(drawn).not.toContain(id);
    // The streams drawn are the mode's routing, and they are what was solved.
    const edges = await page.locator('.react-flow__edge').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    expect([...edges].sort()).toEqual(Object.keys(s.doc.modes.magnet.streams).sort());
    expect(Object.keys(s.solve.lastGood.results.streams).sort()).toEqual([...edges].sort());
    // What the mode adds and changes is marked; what it takes out is said.
    await expect(page.locator('.react-flow__node[data-id="roaster"] [data-diff="new"]').count()).resolves.toBe(1);
    await expect(page.locator('.react-flow__node[data-id="feedstock"] [data-diff="changed"]').count()).resolves.toBe(1);
    await expect(page.locator('[data-testid="idle-tray"]').textContent()).resolves.toMatch(new RegExp(`${out.length} units out of service in “magnet”`));
    // The node shows the mode's label, not the base one.
    await expect(page.locator('.react-flow__node[data-id="feedstock"] .unit-title').textContent()).resolves.toBe(patches.feedstock && (patches.feedstock as { label: string }).label);
    // Greyed ghosts on request, still not part of the plant.
    await page.locator('[data-testid="idle-tray"] input[type="checkbox"]').check();
    await expect(page.locator('.react-flow__node[data-id="ghost:sx_mn"] .unit-node.idle').count()).resolves.toBe(1);
    await page.locator('[data-testid="idle-tray"] input[type="checkbox"]').uncheck();
    await shot(page, '30-mode-magnet.png');
  });

  it('an edit in a mode changes that mode only, with the base value beside it, and undo restores it', async () => {
    const before = await state(page);
    await page.locator('.react-flow__node[data-id="feedstock"]').click();
    await expect(page.locator('[data-testid="unit-scope"]').textContent()).resolves.toMatch(/Mode “magnet” overrides label, flows, notes/);
    const patchFlows = (before.doc.modes.magnet.units.feedstock as { flows: Record<string, number | null> }).flows;
    const species = Object.keys(patchFlows).find((k) => typeof patchFlows[k] === 'number')!;
    const input = page.locator(`input[aria-label="flow of ${species}"]`);
    const old = Number(await input.inputValue());
    await input.fill(String(old * 2));
    await settled(page);
    const after = await state(page);
    expect(after.doc.units.feedstock).toEqual(before.doc.units.feedstock);
    expect(after.doc.modes.magnet.units.feedstock.flows[species]).toBe(old * 2);
    expect(after.doc.modes['black-mass']).toEqual(before.doc.modes['black-mass']);
    // The base value is beside the override.
    await expect(page.locator('[data-override="flows"] .base-value').textContent()).resolves.toMatch(/^base: /);
    expect(after.solve.lastGood.mode).toBe('magnet');
    await page.locator('.toolbar button[aria-label="undo"]').click();
    await settled(page);
    expect((await state(page)).doc).toEqual(before.doc);
    // The base scope edits the base plant: the mode's override stays.
    await page.locator('.scope-switch button', { hasText: 'base' }).click();
    await expect(page.locator('[data-inspector-unit="feedstock"]').getAttribute('data-edit-mode')).resolves.toBe('');
    await page.locator('.scope-switch button', { hasText: 'this mode' }).click();
  });

  it('a new mode is created, renamed and solved', async () => {
    await page.getByRole('button', { name: 'Modes…' }).click();
    const dialog = page.locator('[data-testid="modes-dialog"]');
    await dialog.locator('input[aria-label="new mode name"]').fill('low acid');
    await dialog.locator('select[aria-label="new mode starts from"]').selectOption('magnet');
    await dialog.getByRole('button', { name: 'Create mode' }).click();
    await expect(page.locator('select[aria-label="mode"]').inputValue()).resolves.toBe('low acid');
    const name = dialog.locator('input[aria-label="name of mode low acid"]');
    await name.fill('low-acid magnet');
    await name.press('Enter');
    await page.keyboard.press('Escape');
    await expect(dialog.count()).resolves.toBe(0);
    await settled(page);
    const s = await state(page);
    expect(Object.keys(s.doc.modes)).toEqual(['black-mass', 'magnet', 'low-acid magnet']);
    expect(s.mode).toBe('low-acid magnet');
    expect(s.solve.status).toBe('ok');
    expect(s.solve.lastGood.mode).toBe('low-acid magnet');
    expect(s.doc.economics.modes['low-acid magnet']).toEqual(s.doc.economics.modes.magnet);
    // Solved as its own plant: the copy of magnet, so magnet's products.
    expect(Object.keys(s.solve.lastGood.results.recovery)).toContain('re_oxide');
    await expect(page.locator('select[aria-label="mode"] option').allTextContents()).resolves.toEqual(['base', 'black-mass', 'magnet', 'low-acid magnet']);
  });

  it('compares two modes side by side: what differs and both solved', async () => {
    await page.getByRole('tab', { name: 'Compare modes' }).click();
    await page.locator('select[aria-label="first mode"]').selectOption('black-mass');
    await page.locator('select[aria-label="second mode"]').selectOption('magnet');
    await page.waitForFunction(() => {
      const s = (window as any).__flexsheet.store.getState();
      return s.compare.status === 'ok' && s.compare.answer?.key.b === 'magnet' && s.compare.answer?.key.a === 'black-mass';
    }, undefined, { timeout: 60_000 });
    await expect(page.locator('[data-difference="roaster"]').textContent()).resolves.toMatch(/only in the second/);
    await expect(page.locator('[data-difference="sx_mn"]').textContent()).resolves.toMatch(/out of service in the second/);
    const products = await page.locator('[data-testid="compare-products"] tbody tr').allTextContents();
    expect(products.some((r) => /NdPr\/Dy oxide|re_oxide/.test(r))).toBe(true);
    await shot(page, '31-compare-modes.png');
    await page.getByRole('tab', { name: 'Recovery & grade' }).click();
  });

  it('raised no page errors', () => {
    expect(run.problems.filter((p) => !/favicon/.test(p))).toEqual([]);
  });
});
