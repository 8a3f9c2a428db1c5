/**
 * Two modes side by side: what the second changes against the first (units added, taken out of
 * service or changed, with both values; streams routed differently) and both solved, for their
 * recoveries, products, reagents and balances. The two solves run in a background worker while
 * the "Compare modes" tab is open, after the main solve has answered, latest wins.
 */
import type { Diagnostic, FlowsheetDoc, FlowsheetResults, StreamDecl } from '../../core';
import { sameForSolver, unitLabel } from './doc';
import { mainSolveSettled } from './economics';
import { connectJob, type JobOptions } from './jobs';
import { deepEqual } from './merge-diff';
import { hasOwn, own } from './own';
import { LAYOUT_ONLY, plantView } from './plant';
import type { SolverPort } from './solve-controller';
import type { EditorState, EditorStore } from './store';

export interface CompareKey {
  version: number;
  a: string | undefined;
  b: string | undefined;
}

export type SideOutcome = { ok: true; results: FlowsheetResults } | { ok: false; diagnostics: readonly Diagnostic[] };

export interface CompareAnswer {
  key: CompareKey;
  a: SideOutcome;
  b: SideOutcome;
  ms: number;
}

export interface CompareState {
  a: string | undefined;
  b: string | undefined;
  status: 'idle' | 'solving' | 'ok';
  answer?: CompareAnswer;
}

export const INITIAL_COMPARE: CompareState = Object.freeze({ a: undefined, b: undefined, status: 'idle' });

export function compareStarted(c: CompareState, _key: CompareKey): CompareState {
  return { ...c, status: 'solving' };
}

export function compareFinished(c: CompareState, a: CompareAnswer): CompareState {
  if (c.answer && a.key.version < c.answer.key.version) return c;
  return { ...c, status: 'ok', answer: a };
}

/** The pair compared: the chosen modes, else the base against the first mode. */
export function compareKey(s: EditorState): CompareKey {
  const modes = Object.keys(s.doc.modes ?? {});
  const a = s.compare.a;
  const b = s.compare.b ?? (s.compare.a === undefined ? modes[0] : undefined);
  return { version: s.version, a, b };
}

const name = (m: string | undefined) => m ?? 'base';

interface UnitDifference {
  unit: string;
  label: string;
  /** Only in one of the two, out of service in one, or running in both with different values. */
  kind: 'only-a' | 'only-b' | 'idle-a' | 'idle-b' | 'changed';
  params: { name: string; a: unknown; b: unknown }[];
}

interface StreamDifference {
  stream: string;
  a?: StreamDecl;
  b?: StreamDecl;
}

export interface ModeDifferences {
  units: UnitDifference[];
  streams: StreamDifference[];
}

/** What differs between the plants of two modes (undefined: the base). */
export function modeDifferences(doc: FlowsheetDoc, a: string | undefined, b: string | undefined): ModeDifferences {
  const pa = plantView(doc, a);
  const pb = plantView(doc, b);
  const units: UnitDifference[] = [];
  const ids = [...new Set([...Object.keys(pa.units), ...pa.idle, ...Object.keys(pb.units), ...pb.idle])];
  for (const id of ids) {
    const ua = own(pa.units, id);
    const ub = own(pb.units, id);
    const label = unitLabel(id, ua ?? ub ?? own(doc.units, id) ?? { type: '' });
    if (!ua && !ub) continue;
    if (!ua) units.push({ unit: id, label, kind: pa.idle.includes(id) ? 'idle-a' : 'only-b', params: [] });
    else if (!ub) units.push({ unit: id, label, kind: pb.idle.includes(id) ? 'idle-b' : 'only-a', params: [] });
    else {
      const params: UnitDifference['params'] = [];
      for (const k of new Set([...Object.keys(ua), ...Object.keys(ub)])) {
        if (LAYOUT_ONLY.has(k)) continue;
        const va = hasOwn(ua, k) ? ua[k] : undefined;
        const vb = hasOwn(ub, k) ? ub[k] : undefined;
        if (!deepEqual(va, vb)) params.push({ name: k, a: va, b: vb });
      }
      if (params.length) units.push({ unit: id, label, kind: 'changed', params });
    }
  }
  const streams: StreamDifference[] = [];
  for (const id of new Set([...Object.keys(pa.streams), ...Object.keys(pb.streams)])) {
    const sa = own(pa.streams, id);
    const sb = own(pb.streams, id);
    if (sa && sb && sa.from === sb.from && sa.to === sb.to) continue;
    streams.push({ stream: id, a: sa, b: sb });
  }
  return { units, streams };
}

export const modeName = name;

interface Want {
  key: CompareKey;
  doc: FlowsheetDoc;
}

/** Solves the two modes compared while the tab is open; latest wins, never before the main solve. */
export function connectCompare(store: EditorStore, port: SolverPort, options: JobOptions = {}): () => void {
  let nextId = 1;
  return connectJob<Want, CompareAnswer>(
    store,
    {
      want: (s) => (s.resultsTab === 'compare' && (s.doc.modes ? Object.keys(s.doc.modes).length > 0 : false) ? { key: compareKey(s), doc: s.doc } : undefined),
      same: (x, y) => x.key.version === y.key.version && x.key.a === y.key.a && x.key.b === y.key.b,
      reuse: (last, req) => last.req.key.a === req.key.a && last.req.key.b === req.key.b && sameForSolver(last.req.doc, req.doc, ['economics']),
      ready: mainSolveSettled,
      async run(req) {
        const t0 = performance.now();
        const [a, b] = await Promise.all([
          port.solve({ id: nextId++, doc: req.doc, mode: req.key.a }),
          port.solve({ id: nextId++, doc: req.doc, mode: req.key.b }),
        ]);
        return { key: req.key, a: a.outcome, b: b.outcome, ms: performance.now() - t0 };
      },
      fail: (req, e) => {
        const failed: SideOutcome = { ok: false, diagnostics: [{ path: '(file)', message: `the solver failed: ${e instanceof Error ? e.message : String(e)}` }] };
        return { key: req.key, a: failed, b: failed, ms: 0 };
      },
      started: (req) => store.compareStarted(req.key),
      finished: (req, reply) => store.compareFinished({ ...reply, key: req.key }),
    },
    options,
  );
}
