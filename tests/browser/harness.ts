/**
 * End-to-end harness: builds the editor into a temporary directory, serves it with `vite preview`
 * on a free port, and drives Debian's Chromium through playwright-core (nothing is downloaded).
 */
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { createServer as netServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, inject } from 'vitest';

export const ROOT = resolve(import.meta.dirname, '../..');
export const ARTEFACTS = join(ROOT, 'test-results');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = netServer();
    s.unref();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => res(port));
    });
  });
}

export interface Site {
  url: string;
  close(): Promise<void>;
}

/** Builds the static site and serves it; the build is what `npm run build` makes. */
export async function serveBuild(options: { minify?: boolean } = {}): Promise<Site> {
  const outDir = mkdtempSync(join(tmpdir(), 'flexsheet-e2e-'));
  // Vitest sets NODE_ENV=test, which would make a development build (React's dev runtime, no
  // service worker). Build what `npm run build` builds.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true, ...(options.minify === false ? { minify: false } : {}) } }).finally(() => {
    process.env.NODE_ENV = nodeEnv;
  });
  const port = await freePort();
  const server: PreviewServer = await preview({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir },
    preview: { port, strictPort: true, host: '127.0.0.1' },
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    async close() {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

export interface Session {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  userDataDir: string;
  close(): Promise<void>;
}

/** A fresh Chromium profile (its own IndexedDB), headless. */
export async function openBrowser(viewport = { width: 1500, height: 950 }, colorScheme: 'light' | 'dark' = 'light'): Promise<Session> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'flexsheet-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
    viewport,
    colorScheme,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    browser: context.browser()!,
    context,
    page,
    userDataDir,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export function artefact(name: string): string {
  mkdirSync(ARTEFACTS, { recursive: true });
  return join(ARTEFACTS, name);
}

export async function shot(p: Page, name: string) {
  await p.screenshot({ path: artefact(name) });
}

/** Waits until the answer on screen belongs to the current document and mode, and a frame has painted. */
export async function settled(p: Page, timeout = 60_000) {
  await p.waitForFunction(
    () => {
      const s = (window as any).__flexsheet?.store.getState();
      return !!s && s.solve.version === s.version && s.solve.mode === s.mode && s.solve.status !== 'solving';
    },
    undefined,
    { timeout, polling: 20 },
  );
  await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** The diagram's zoom factor, read from the viewport's transform. */
export const zoom = (p: Page) =>
  p.evaluate(() => {
    const t = (document.querySelector('.react-flow__viewport') as HTMLElement).style.transform;
    return Number(/scale\(([\d.]+)\)/.exec(t)?.[1] ?? 1);
  });

export interface EditorRun {
  site: Site;
  session: Session;
  page: Page;
  /** Uncaught page errors and console errors, in order. */
  problems: string[];
}

/**
 * Registers hooks, in the calling scope, that build and serve the editor and open a fresh Chromium
 * on it, collecting page and console errors; both are closed afterwards. The fields are set once
 * the `beforeAll` hook has run.
 */
export function editorInBrowser(options: { minify?: boolean; viewport?: { width: number; height: number }; colorScheme?: 'light' | 'dark' } = {}): EditorRun {
  const run = { problems: [] as string[] } as EditorRun;
  let own = false;
  beforeAll(async () => {
    // The build shared by every file (global-setup.ts), unless this file needs a build of its own.
    const shared = options.minify === false ? undefined : inject('site');
    own = !shared;
    run.site = shared ? { url: shared, close: async () => undefined } : await serveBuild(options);
    run.session = await openBrowser(options.viewport, options.colorScheme);
    run.page = run.session.page;
    run.page.on('pageerror', (e) => run.problems.push(`pageerror: ${e.message}`));
    run.page.on('console', (m) => {
      if (m.type() === 'error') run.problems.push(`console: ${m.text()}`);
    });
  });
  afterAll(async () => {
    await run.session?.close();
    if (own) await run.site?.close();
  });
  return run;
}

/** The editor's state, read from the page. */
export const state = (p: Page) => p.evaluate(() => (window as any).__flexsheet.store.getState() as { doc: any; version: number; mode?: string; solve: any; selection: any; banners: any[]; history: any; compare: any });

/** Opens a shipped plant in a fresh editor (no autosave restored, no tour offered) and waits until it is laid out and solved. */
export async function openExample(p: Page, base: string, id: string, query = '') {
  await p.goto(`${base}?fresh&notour&example=${id}${query}`);
  await p.waitForSelector('.react-flow__node');
  await settled(p);
  await p.waitForFunction(() => Object.values((window as any).__flexsheet.store.getState().doc.units).every((u: any) => u.position), undefined, { timeout: 60_000 });
  await settled(p);
  await p.waitForTimeout(200);
}

/** Opens a document as a file through the file picker. */
export async function openText(p: Page, name: string, text: string) {
  await p.locator('[data-testid="open-file"]').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

/** Ids of the unit boxes drawn on the diagram. */
export const drawnUnits = (p: Page) => p.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')!));
