/**
 * Where the main thread's time goes around an edit of a 200-unit plant: a CPU profile (Chrome
 * DevTools protocol) of a dozen edits, against an unminified production build, summarised by
 * function (self time) and by file. Not part of the normal run (it adds a build); run it with
 *
 *   FLEXSHEET_PROFILE=1 npm run test:browser -- tests/browser/profile.test.ts
 *
 * FLEXSHEET_PROFILE_TAB=streams profiles with the stream table open instead of recovery & grade.
 */
import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { generatePlant } from '../../bench/generate';
import { artefact, editorInBrowser, settled } from './harness';

const enabled = !!process.env.FLEXSHEET_PROFILE;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

describe.skipIf(!enabled)('profile', () => {
  const run = editorInBrowser({ minify: false });
  let page: Page;
  beforeAll(() => void ({ page } = run));

  it('profiles edits of a 200-unit plant', async () => {
    await page.goto(`${run.site.url}?fresh`);
    await page.waitForSelector('.react-flow__node');
    await settled(page, 120_000);
    const doc = generatePlant({ units: 200, species: 30, seed: 11 });
    await page.locator('[data-testid="open-file"]').setInputFiles({ name: 'p.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
    await page.waitForFunction(() => Object.keys((window as any).__flexsheet.store.getState().doc.units).length === 200);
    await settled(page, 120_000);
    await page.waitForTimeout(1500);
    await settled(page, 120_000);
    const tab = process.env.FLEXSHEET_PROFILE_TAB;
    if (tab) await page.getByRole('tab', { name: tab === 'streams' ? 'Streams' : tab }).click();
    const feed = Object.entries(doc.units).find(([, u]: [string, any]) => u.type === 'feed' && Object.keys(u.flows).length > 0)!;
    const species = Object.keys((feed[1] as any).flows)[0];
    await page.evaluate((id) => (window as any).__flexsheet.store.select({ units: [id], streams: [] }), feed[0]);
    await page.waitForSelector(`input[aria-label="flow of ${species}"]`);
    const cdp = await run.session.context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    const edit = (i: number) =>
      page.evaluate(
        async ({ species, base, i }) => {
          const fs = (window as any).__flexsheet;
          const input = document.querySelector(`input[aria-label="flow of ${species}"]`) as HTMLInputElement;
          const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
          const n = fs.metrics.editToPaint.length;
          let answered = 0;
          const t0 = performance.now();
          const stop = fs.store.subscribe((st: any, prev: any) => {
            if (st.solve.lastGood !== prev.solve.lastGood) answered = performance.now() - t0;
          });
          performance.mark('edit');
          setter.call(input, String(Number((base * (1 + 0.01 * (i + 1))).toPrecision(6))));
          input.dispatchEvent(new Event('input', { bubbles: true }));
          await new Promise<void>((resolve) => {
            const wait = () => (fs.metrics.editToPaint.length > n ? resolve() : setTimeout(wait, 1));
            wait();
          });
          stop();
          performance.mark('painted');
          return { total: performance.now() - t0, answered };
        },
        { species, base: (feed[1] as any).flows[species] as number, i },
      );
    for (let i = 0; i < 3; i++) await edit(i);
    await cdp.send('Profiler.start');
    const figures: { total: number; answered: number }[] = [];
    for (let i = 3; i < 15; i++) {
      figures.push(await edit(i));
      await page.waitForTimeout(200);
    }
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
    writeFileSync(artefact('profile-200.cpuprofile'), JSON.stringify(profile));
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map<number, number>();
    profile.samples.forEach((id, k) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[k] ?? 0) / 1000));
    const byFn = new Map<string, number>();
    const byFile = new Map<string, number>();
    for (const [id, ms] of self) {
      const n = byId.get(id)!;
      const f = n.callFrame;
      const file = f.url.replace(/^.*\//, '') || '(native)';
      const key = `${f.functionName || '(anon)'} ${file}:${f.lineNumber + 1}`;
      byFn.set(key, (byFn.get(key) ?? 0) + ms);
      byFile.set(file, (byFile.get(file) ?? 0) + ms);
    }
    const top = (m: Map<string, number>, k: number) =>
      [...m]
        .sort((a, b) => b[1] - a[1])
        .slice(0, k)
        .map(([name, ms]) => `${ms.toFixed(1).padStart(8)} ms  ${name}`)
        .join('\n');
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    console.log(
      `[profile] 12 edits: total median ${med(figures.map((f) => f.total)).toFixed(1)} ms, after the answer ${med(figures.map((f) => f.total - f.answered)).toFixed(1)} ms\n` +
        `[profile] self time by file:\n${top(byFile, 12)}\n[profile] self time by function:\n${top(byFn, 45)}`,
    );
    expect(figures.length).toBe(12);

    // The same edits under a timeline trace: style, layout, paint and script on the main thread.
    const events: { name: string; ph: string; dur?: number; tid: number; pid: number; args?: any }[] = [];
    cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as typeof events)));
    const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
    await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8,blink.user_timing,disabled-by-default-v8.cpu_profiler', transferMode: 'ReportEvents' });
    const traced: { total: number; answered: number }[] = [];
    for (let i = 15; i < 27; i++) {
      traced.push(await edit(i));
      await page.waitForTimeout(200);
    }
    await cdp.send('Tracing.end');
    await done;
    const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && events.some((x) => x.pid === e.pid && x.name === 'FunctionCall'));
    const byName = new Map<string, number>();
    for (const e of events) {
      if (!main || e.pid !== main.pid || e.tid !== main.tid || e.ph !== 'X' || !e.dur) continue;
      byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur / 1000 / traced.length);
    }
    console.log(`[profile] main thread per edit (ms, inclusive, by trace event):\n${top(byName, 30)}`);
    // After the answer: from the answer's message to the mark set once the probe has recorded the paint.
    type Ev = (typeof events)[number] & { ts: number };
    const mine = (events as Ev[]).filter((e) => main && e.pid === main.pid && e.tid === main.tid).sort((a, b) => a.ts - b.ts);
    const marks = (events as Ev[]).filter((e) => e.name === 'edit' || e.name === 'painted').sort((a, b) => a.ts - b.ts);
    const after = new Map<string, number>();
    let windows = 0;
    for (let k = 0; k < marks.length - 1; k++) {
      if (marks[k].name !== 'edit' || marks[k + 1].name !== 'painted') continue;
      const [t0, t1] = [marks[k].ts, marks[k + 1].ts];
      const answer = mine.find((e) => e.name === 'HandlePostMessage' && e.ts >= t0 && e.ts <= t1);
      if (!answer) continue;
      windows++;
      for (const e of mine) if (e.ph === 'X' && e.dur && e.ts >= answer.ts && e.ts <= t1) after.set(e.name, (after.get(e.name) ?? 0) + e.dur / 1000);
      after.set('(wall: answer → painted mark)', (after.get('(wall: answer → painted mark)') ?? 0) + (t1 - answer.ts) / 1000);
    }
    for (const [k, v] of after) after.set(k, v / Math.max(1, windows));
    // JavaScript in those windows, from the sampling profiler in the trace (same clock).
    const spans: [number, number][] = [];
    for (let k = 0; k < marks.length - 1; k++) {
      if (marks[k].name !== 'edit' || marks[k + 1].name !== 'painted') continue;
      const answer = mine.find((e) => e.name === 'HandlePostMessage' && e.ts >= marks[k].ts && e.ts <= marks[k + 1].ts);
      if (answer) spans.push([answer.ts, marks[k + 1].ts]);
    }
    const nodes = new Map<number, ProfileNode['callFrame']>();
    const jsSelf = new Map<string, number>();
    const sources = new Map<string, string[]>();
    let clock = 0;
    const profileIds = new Set((events as (Ev & { id?: string })[]).filter((x) => main && x.name === 'Profile' && x.pid === main.pid && x.tid === main.tid).map((x) => x.id));
    for (const e of (events as (Ev & { id?: string })[]).filter((x) => (x.name === 'Profile' || x.name === 'ProfileChunk') && profileIds.has(x.id)).sort((a, b) => a.ts - b.ts)) {
      const d = e.args?.data ?? {};
      if (e.name === 'Profile') clock = d.startTime ?? clock;
      for (const n of d.cpuProfile?.nodes ?? []) nodes.set(n.id, n.callFrame);
      const samples: number[] = d.cpuProfile?.samples ?? [];
      const deltas: number[] = d.timeDeltas ?? [];
      samples.forEach((id, i) => {
        const dt = deltas[i] ?? 0;
        clock += dt;
        if (!spans.some(([a, b]) => clock >= a && clock <= b)) return;
        const f = nodes.get(id);
        if (!f) return;
        const url = f.url ?? '';
        const key = `${f.functionName || '(anon)'} ${url.replace(/^.*\//, '') || '(native)'}:${(f.lineNumber ?? -1) + 1}`;
        jsSelf.set(key, (jsSelf.get(key) ?? 0) + dt / 1000 / Math.max(1, spans.length));
        if (url.startsWith('http') && !sources.has(url)) sources.set(url, []);
      });
    }
    for (const url of sources.keys()) sources.set(url, ((await page.evaluate((u) => fetch(u).then((r) => r.text()), url)) as string).split('\n'));
    const snippet = (key: string) => {
      const m = /^(.*) (\S+):(\d+)$/.exec(key);
      const url = [...sources.keys()].find((u) => m && u.endsWith(m[2]));
      return url && m ? (sources.get(url)![Number(m[3]) - 1] ?? '').trim().slice(0, 90) : '';
    };
    console.log(
      `[profile] JavaScript after the answer, self time per edit:\n${[...jsSelf]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 30)
        .map(([k, v]) => `${v.toFixed(2).padStart(7)} ms  ${k}  | ${snippet(k)}`)
        .join('\n')}`,
    );
    console.log(`[profile] after the answer, per edit (${windows} edits):\n${top(after, 25)}`);
    // Which paints after the answer: by the node painted and the area (clip rectangle).
    const paints = new Map<string, number>();
    let paintCount = 0;
    for (const e of mine) {
      if (e.name !== 'Paint' || !e.dur || !spans.some(([x, y]) => e.ts >= x && e.ts <= y)) continue;
      paintCount++;
      const d = e.args?.data ?? {};
      const c: number[] = d.clip ?? [];
      const key = `node ${d.nodeId ?? '?'} ${d.nodeName ?? ''} clip ${c.length ? `${Math.round(c[0])},${Math.round(c[1])} → ${Math.round(c[4])},${Math.round(c[5])}` : '?'}`;
      paints.set(key, (paints.get(key) ?? 0) + e.dur / 1000 / Math.max(1, spans.length));
    }
    console.log(`[profile] ${(paintCount / Math.max(1, spans.length)).toFixed(1)} paints per edit after the answer:\n${top(paints, 15)}`);
    const sample = mine.find((e) => e.name === 'Paint' && spans.some(([x, y]) => e.ts >= x && e.ts <= y));
    console.log(`[profile] a paint event: ${JSON.stringify(sample?.args ?? {}).slice(0, 400)}`);
  });
});
