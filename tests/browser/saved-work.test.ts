/**
 * The editor never loses work (issue 10, item 7), in real headless Chromium: an autosave it cannot
 * read is kept, said so and offered as a file, never overwritten; two tabs on the same plant are
 * detected and the user is asked; an edit made 50 ms before the tab closes is kept; a file nested
 * too deeply is refused with a message, the page and its undo history intact.
 */
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { editorInBrowser, openText, settled, shot, state } from './harness';
import { leachPlant } from './plants';

const run = editorInBrowser();
let page: Page;
beforeAll(() => void ({ page } = run));

/** idb-keyval's database: one object store, "keyval", in "keyval-store". */
const idb = (p: Page, op: 'get' | 'put', key: string, value?: unknown) =>
  p.evaluate(
    ({ op, key, value }) =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open('keyval-store');
        open.onupgradeneeded = () => open.result.createObjectStore('keyval');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('keyval', op === 'get' ? 'readonly' : 'readwrite');
          const store = tx.objectStore('keyval');
          const req = op === 'get' ? store.get(key) : store.put(value, key);
          req.onsuccess = () => resolve(op === 'get' ? req.result : undefined);
          req.onerror = () => reject(req.error);
        };
      }),
    { op, key, value },
  );

const allKeys = (p: Page) =>
  p.evaluate(
    () =>
      new Promise<string[]>((resolve) => {
        const open = indexedDB.open('keyval-store');
        open.onsuccess = () => {
          const req = open.result.transaction('keyval').objectStore('keyval').getAllKeys();
          req.onsuccess = () => resolve(req.result.map(String));
        };
      }),
  );

describe('saved work', () => {
  it('keeps an autosave it cannot read, says so, offers it as a file, and never overwrites it', async () => {
    await page.goto(`${run.site.url}?notour`);
    await page.waitForSelector('.react-flow__node');
    await settled(page);
    // The editor autosaves what it opened, and again when the layout worker has placed the units:
    // wait until it is placed and its autosave holds it, so that no write of its own is pending.
    await page.waitForFunction(
      () =>
        new Promise<boolean>((resolve) => {
          const open = indexedDB.open('keyval-store');
          open.onsuccess = () => {
            const req = open.result.transaction('keyval').objectStore('keyval').get('flexsheet:autosave');
            const doc = (window as any).__flexsheet.store.getState().doc;
            // Laid out (the shipped plant has no positions: the layout worker writes them) and saved.
            const placed = Object.values(doc.units as Record<string, { position?: unknown }>).every((u) => u === null || u.position !== undefined);
            req.onsuccess = () => resolve(placed && JSON.stringify(req.result?.doc) === JSON.stringify(doc));
            req.onerror = () => resolve(false);
          };
          open.onerror = () => resolve(false);
        }),
      undefined,
      { timeout: 60_000, polling: 250 },
    );
    // What another version might write: one property this version does not know.
    const other = leachPlant();
    (other.units.ore as Record<string, unknown>).colour = 'red';
    // Saved "later" than anything this page may still flush as it unloads (its pagehide backup of the
    // plant it shows): the newest autosave is the one the editor restores.
    const planted = { doc: other, savedAt: Date.now() + 86_400_000 };
    await idb(page, 'put', 'flexsheet:autosave', planted);
    await page.evaluate(() => localStorage.removeItem('flexsheet:autosave'));
    await page.reload();
    await page.waitForSelector('[data-banner="unreadable-autosave"]');
    await expect(page.locator('[data-banner="unreadable-autosave"]').textContent()).resolves.toMatch(/could not be read .*colour.* It is kept, not overwritten/);
    const dl = page.waitForEvent('download');
    await page.getByTestId('download-kept').click();
    expect(JSON.parse(readFileSync(await (await dl).path(), 'utf8'))).toEqual(other);
    await shot(page, '50-unreadable-autosave.png');
    // Editing goes on and is autosaved; the kept copy stays where it is.
    await settled(page);
    await page.evaluate(() => (window as any).__flexsheet.store.execute({ label: 'x', run: (d: any) => void (d.name = 'work after') }));
    await page.waitForTimeout(600);
    expect(((await idb(page, 'get', 'flexsheet:autosave')) as any).doc.name).toBe('work after');
    const kept = (await allKeys(page)).filter((k) => k.startsWith('flexsheet:kept:'));
    expect(kept).toHaveLength(1);
    expect(await idb(page, 'get', kept[0])).toEqual(planted);
  });

  it('keeps an edit made 50 ms before the tab closes', async () => {
    await page.evaluate(() => (window as any).__flexsheet.store.execute({ label: 'late', run: (d: any) => void (d.name = 'edited just before closing') }));
    await page.waitForTimeout(50);
    await page.close({ runBeforeUnload: true });
    page = await run.session.context.newPage();
    page.on('pageerror', (e) => run.problems.push(`pageerror: ${e.message}`));
    await page.goto(`${run.site.url}?notour`);
    await page.waitForSelector('.react-flow__node');
    expect((await state(page)).doc.name).toBe('edited just before closing');
  });

  it('detects two tabs on the same plant and asks which one edits it', async () => {
    await settled(page);
    const second = await run.session.context.newPage();
    await second.goto(`${run.site.url}?notour`);
    await second.waitForSelector('[data-banner="other-tab"]');
    await expect(second.locator('[data-banner="other-tab"]').textContent()).resolves.toMatch(/already open in another tab.*does not save your changes until you choose/);
    await page.waitForSelector('[data-banner="info"]');
    // The second tab's edits are not written while the first owns the plant.
    await second.evaluate(() => (window as any).__flexsheet.store.execute({ label: 'x', run: (d: any) => void (d.name = 'second tab') }));
    await second.waitForTimeout(500);
    expect(((await idb(page, 'get', 'flexsheet:autosave')) as any).doc.name).not.toBe('second tab');
    await shot(second, '51-second-tab.png');
    // "Edit here": the second tab saves, the first one stops and says so.
    await second.getByRole('button', { name: /^Edit here/ }).click();
    await page.waitForSelector('[data-banner="taken-over"]');
    await second.waitForTimeout(500);
    expect(((await idb(page, 'get', 'flexsheet:autosave')) as any).doc.name).toBe('second tab');
    await page.evaluate(() => (window as any).__flexsheet.store.execute({ label: 'x', run: (d: any) => void (d.name = 'first tab again') }));
    await page.waitForTimeout(500);
    expect(((await idb(page, 'get', 'flexsheet:autosave')) as any).doc.name).toBe('second tab');
    await second.close();
  });

  it('refuses a file nested too deeply with a message; the page, the plant and the undo history stay', async () => {
    await page.goto(`${run.site.url}?fresh&notour`);
    await page.waitForSelector('.react-flow__node');
    await settled(page);
    await page.evaluate(() => (window as any).__flexsheet.store.execute({ label: 'x', run: (d: any) => void (d.name = 'before the deep file') }));
    const before = await state(page);
    let deep: unknown = 1;
    for (let i = 0; i < 3000; i++) deep = [deep];
    await openText(page, 'deep.json', JSON.stringify({ ...leachPlant(), extension: deep }));
    await expect(page.locator('[data-testid="file-error"]').textContent()).resolves.toMatch(/nests objects and arrays more than \d+ deep/);
    await page.keyboard.press('Escape');
    await openText(page, 'brackets.json', `{"format":"flexsheet/1","x":${'['.repeat(10_000)}`);
    await expect(page.locator('[data-testid="file-error"]').textContent()).resolves.toMatch(/nests objects and arrays more than \d+ deep/);
    await page.keyboard.press('Escape');
    const after = await state(page);
    expect(after.doc).toEqual(before.doc);
    expect(after.history.past.length).toBe(before.history.past.length);
    await expect(page.locator('.react-flow__node').count()).resolves.toBeGreaterThan(3);
  });

  it('raised no page errors', () => {
    expect(run.problems.filter((p) => !/favicon/.test(p))).toEqual([]);
  });
});
