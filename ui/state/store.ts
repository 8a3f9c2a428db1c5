/**
 * The editor's state and the only way to change it. Framework-free: React subscribes to it
 * (useSyncExternalStore), tests drive it directly. One store per editor instance; nothing global.
 *
 * The document changes only through commands (undoable). The selected mode, the selection, the
 * solver's last answer, the results tab, the economics of every mode and the pilot data are view
 * state: they never enter the undo history.
 */
import type { Diagnostic, FlowsheetDoc, FlowsheetResults, UnitRegistry } from '../../core';
import type { Command } from './commands';
import { replaceDocument } from './commands';
import { economicsFinished, economicsStarted, INITIAL_ECONOMICS, type EconomicsAnswer, type EconomicsState } from './economics';
import { readFlowsheet } from './file';
import { INITIAL_COMPARE, compareFinished, compareStarted, type CompareAnswer, type CompareKey, type CompareState } from './compare';
import { freezeDeep } from './deep';
import type { Drain } from './drains';
import { amend, emptyHistory, execute, redo, undo, type History } from './history';
import { hasOwn } from './own';
import { plantView } from './plant';
import * as pilot from './pilot';
import type { PilotKey, PilotOptions, PilotState, ReconcileOutcome } from './pilot';

/** The tabs of the results area. */
export type ResultsTab = 'recovery' | 'streams' | 'sankey' | 'compare' | 'economics' | 'pilot';

/** What edits apply to while a mode is selected: that mode (the default), or the base flowsheet. */
type EditScope = 'mode' | 'base';

/** A request to bring units or streams into view (search, a click in a table); `seq` tells requests apart. */
interface Focus {
  units: readonly string[];
  streams: readonly string[];
  seq: number;
}

/** Something the user must hear about the saved work (autosave, other tabs), shown as a banner. */
interface Banner {
  kind: 'unreadable-autosave' | 'other-tab' | 'taken-over' | 'info';
  message: string;
  /** The kept text, offered as a file. */
  text?: string;
  fileName?: string;
}

interface Selection {
  units: readonly string[];
  streams: readonly string[];
}

interface SolveSnapshot {
  results: FlowsheetResults;
  version: number;
  mode: string | undefined;
  /** Open ports solved through temporary products and feeds (drains.ts); never in the file. */
  drains: readonly Drain[];
}

interface SolveState {
  status: 'idle' | 'solving' | 'ok' | 'failed';
  /** The document version and mode the diagnostics belong to. */
  version: number;
  mode: string | undefined;
  diagnostics: readonly Diagnostic[];
  /** The last results that solved; kept (marked stale) while the plant has problems. */
  lastGood?: SolveSnapshot;
  /** Solver time in the worker, and from request to answer. */
  solveMs?: number;
  roundTripMs?: number;
}

interface FileError {
  title: string;
  diagnostics: readonly Diagnostic[];
}

export interface EditorState {
  readonly doc: FlowsheetDoc;
  /** Increases on every change of the document (edits, undo, redo, open). */
  readonly version: number;
  readonly history: History;
  readonly mode: string | undefined;
  readonly selection: Selection;
  readonly solve: SolveState;
  readonly fileError?: FileError;
  /** A short notice for the status bar ("connection refused: …"). */
  readonly notice?: string;
  /** performance.now() of the last document change, for edit-to-paint timing. */
  readonly changedAt: number;
  /** Increases when a whole document is opened or restored (the view refits). */
  readonly epoch: number;
  readonly resultsTab: ResultsTab;
  /** Edits in a mode go to the mode, or to the base flowsheet. */
  readonly scope: EditScope;
  readonly focus?: Focus;
  readonly banners: readonly Banner[];
  /** The two modes compared side by side (undefined: the base plant). */
  readonly compare: CompareState;
  /** Every mode solved and the economics analysed (while the economics tab is open). */
  readonly economics: EconomicsState;
  /** Pilot data and their reconciliation. */
  readonly pilot: PilotState;
}

type Listener = (state: EditorState, previous: EditorState) => void;

export interface EditorStore {
  getState(): EditorState;
  subscribe(listener: Listener): () => void;
  execute(command: Command): boolean;
  /**
   * Folds a command into the last undo step, if the document is still at `version` (the editor
   * lays out a plant it opened without positions: undoing the open undoes the layout too).
   */
  amend(command: Command, version: number): boolean;
  undo(): void;
  redo(): void;
  setMode(mode: string | undefined): void;
  select(selection: Selection): void;
  setNotice(notice: string | undefined): void;
  /** Opens a file's text (or parsed JSON) as an undoable step; refuses it with messages otherwise. */
  open(input: string | unknown, label?: string): boolean;
  /** Starts over on a document with an empty history (restoring autosave). */
  reset(doc: FlowsheetDoc, mode?: string): void;
  dismissFileError(): void;
  solveStarted(version: number, mode: string | undefined): void;
  solveFinished(answer: SolveAnswer): void;
  setResultsTab(tab: ResultsTab): void;
  setScope(scope: EditScope): void;
  /** Selects units and streams and brings them into view. */
  reveal(selection: Selection): void;
  addBanner(banner: Banner): void;
  dismissBanner(kind: Banner['kind']): void;
  setCompareModes(a: string | undefined, b: string | undefined): void;
  compareStarted(key: CompareKey): void;
  compareFinished(answer: CompareAnswer): void;
  economicsStarted(version: number): void;
  economicsFinished(answer: EconomicsAnswer): void;
  /** Loads a CSV of pilot measurements (the document is not touched, whatever the file holds). */
  loadPilotData(text: string, fileName: string): void;
  clearPilotData(): void;
  setPilotOptions(options: Partial<PilotOptions>): void;
  setPilotRun(run: string | undefined): void;
  pilotStarted(key: PilotKey): void;
  pilotRuns(key: PilotKey, runs: readonly string[]): void;
  pilotFinished(key: PilotKey, outcome: ReconcileOutcome, ms: number): void;
}

interface SolveAnswer {
  version: number;
  mode: string | undefined;
  outcome: { ok: true; results: FlowsheetResults } | { ok: false; diagnostics: readonly Diagnostic[] };
  solveMs: number;
  roundTripMs: number;
  drains?: readonly Drain[];
}

/** One empty list, so that views memoised on the diagnostics keep their identity across clean solves. */
const NO_DIAGNOSTICS: readonly Diagnostic[] = Object.freeze([]);
const NO_DRAINS: readonly Drain[] = Object.freeze([]);

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export function isStale(state: EditorState): boolean {
  const g = state.solve.lastGood;
  return !!g && (g.version !== state.version || g.mode !== state.mode);
}

function validMode(doc: FlowsheetDoc, mode: string | undefined) {
  return mode !== undefined && hasOwn(doc.modes, mode) ? mode : undefined;
}

/** The selection, less what the plant on screen (the mode's) does not have. */
function pruneSelection(doc: FlowsheetDoc, mode: string | undefined, s: Selection): Selection {
  const plant = plantView(doc, mode);
  const units = s.units.filter((u) => hasOwn(plant.units, u));
  const streams = s.streams.filter((id) => hasOwn(plant.streams, id));
  return units.length === s.units.length && streams.length === s.streams.length ? s : { units, streams };
}

export function createEditorStore(registry: UnitRegistry, doc: FlowsheetDoc, options: { historyLimit?: number; mode?: string } = {}): EditorStore {
  let state: EditorState = {
    doc: freezeDeep(doc),
    version: 1,
    history: emptyHistory(options.historyLimit),
    mode: validMode(doc, options.mode),
    selection: { units: [], streams: [] },
    solve: { status: 'idle', version: 0, mode: undefined, diagnostics: NO_DIAGNOSTICS },
    changedAt: now(),
    epoch: 1,
    resultsTab: 'recovery',
    scope: 'mode',
    banners: [],
    compare: INITIAL_COMPARE,
    economics: INITIAL_ECONOMICS,
    pilot: pilot.INITIAL_PILOT,
  };
  const listeners = new Set<Listener>();
  /** The first version of the plant opened last: answers about earlier versions are of another plant. */
  let openedAt = 0;
  let pilotDataId = 0;
  /** Answers about the plant opened before are dropped; the pilot data stay (they may fit the new plant). */
  let focusSeq = 0;
  const forgetAnswers = () => ({
    economics: INITIAL_ECONOMICS,
    compare: { ...INITIAL_COMPARE, a: state.compare.a, b: state.compare.b },
    pilot: { ...state.pilot, status: 'idle' as const, answer: undefined, lastGood: undefined },
  });
  const set = (patch: Partial<EditorState>) => {
    const previous = state;
    state = { ...state, ...patch };
    for (const l of [...listeners]) l(state, previous);
  };
  const afterDocChange = (next: FlowsheetDoc, history: History, extra: Partial<EditorState> = {}, follow?: string) => {
    const mode = validMode(next, 'mode' in extra ? extra.mode : (follow ?? state.mode));
    set({
      doc: next,
      history,
      version: state.version + 1,
      mode,
      selection: pruneSelection(next, mode, extra.selection ?? state.selection),
      changedAt: now(),
      notice: undefined,
      ...extra,
    });
  };

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    execute(command) {
      const t = execute(state.doc, state.history, command);
      if (!t.changed) return false;
      afterDocChange(t.doc, t.history, {}, command.selectMode?.(t.doc));
      return true;
    },
    amend(command, version) {
      if (version !== state.version) return false;
      const t = amend(state.doc, state.history, command);
      if (!t.changed) return false;
      afterDocChange(t.doc, t.history, { epoch: state.epoch + 1 });
      return true;
    },
    undo() {
      const t = undo(state.doc, state.history);
      if (t.changed) afterDocChange(t.doc, t.history, { notice: `undid ${t.label}` });
    },
    redo() {
      const t = redo(state.doc, state.history);
      if (t.changed) afterDocChange(t.doc, t.history, { notice: `redid ${t.label}` });
    },
    setMode(mode) {
      const m = validMode(state.doc, mode);
      if (m !== state.mode) set({ mode: m, selection: pruneSelection(state.doc, m, state.selection) });
    },
    select(selection) {
      const s = pruneSelection(state.doc, state.mode, selection);
      const same =
        s.units.length === state.selection.units.length &&
        s.streams.length === state.selection.streams.length &&
        s.units.every((u, i) => u === state.selection.units[i]) &&
        s.streams.every((u, i) => u === state.selection.streams[i]);
      if (!same) set({ selection: s });
    },
    setNotice(notice) {
      if (notice !== state.notice) set({ notice });
    },
    open(input, label = 'open') {
      const read = readFlowsheet(input, registry);
      if (!read.ok) {
        set({ fileError: { title: 'The file was not opened: it is not a valid flowsheet', diagnostics: read.diagnostics } });
        return false;
      }
      const t = execute(state.doc, state.history, replaceDocument(read.doc, label));
      // Another plant: the last good results were of the one before, not stale results of this one.
      const solve = { ...state.solve, lastGood: undefined };
      openedAt = state.version + 1;
      afterDocChange(t.doc, t.history, { fileError: undefined, selection: { units: [], streams: [] }, mode: undefined, epoch: state.epoch + 1, solve, ...forgetAnswers() });
      return true;
    },
    reset(doc, mode) {
      openedAt = state.version + 1;
      set({
        doc: freezeDeep(doc),
        history: emptyHistory(options.historyLimit),
        version: state.version + 1,
        mode: validMode(doc, mode),
        selection: { units: [], streams: [] },
        changedAt: now(),
        epoch: state.epoch + 1,
        solve: { ...state.solve, lastGood: undefined },
        ...forgetAnswers(),
      });
    },
    dismissFileError() {
      if (state.fileError) set({ fileError: undefined });
    },
    solveStarted(version, mode) {
      set({ solve: { ...state.solve, status: 'solving', version, mode } });
    },
    solveFinished(a) {
      if (a.version < openedAt) return;
      const lastGood =
        a.outcome.ok && (!state.solve.lastGood || a.version >= state.solve.lastGood.version)
          ? { results: a.outcome.results, version: a.version, mode: a.mode, drains: a.drains ?? NO_DRAINS }
          : state.solve.lastGood;
      set({
        solve: {
          status: a.outcome.ok ? 'ok' : 'failed',
          version: a.version,
          mode: a.mode,
          diagnostics: a.outcome.ok ? NO_DIAGNOSTICS : a.outcome.diagnostics,
          lastGood,
          solveMs: a.solveMs,
          roundTripMs: a.roundTripMs,
        },
      });
    },
    setResultsTab(tab) {
      if (tab !== state.resultsTab) set({ resultsTab: tab });
    },
    setScope(scope) {
      if (scope !== state.scope) set({ scope });
    },
    reveal(selection) {
      const s = pruneSelection(state.doc, state.mode, selection);
      set({ selection: s, focus: { units: s.units, streams: s.streams, seq: ++focusSeq } });
    },
    addBanner(banner) {
      set({ banners: [...state.banners.filter((b) => b.kind !== banner.kind), banner] });
    },
    dismissBanner(kind) {
      if (state.banners.some((b) => b.kind === kind)) set({ banners: state.banners.filter((b) => b.kind !== kind) });
    },
    setCompareModes(a, b) {
      const next = { ...state.compare, a: validMode(state.doc, a), b: validMode(state.doc, b) };
      if (next.a !== state.compare.a || next.b !== state.compare.b) set({ compare: next });
    },
    compareStarted(key) {
      if (key.version >= openedAt) set({ compare: compareStarted(state.compare, key) });
    },
    compareFinished(a) {
      if (a.key.version < openedAt) return;
      const next = compareFinished(state.compare, a);
      if (next !== state.compare) set({ compare: next });
    },
    economicsStarted(version) {
      if (version >= openedAt) set({ economics: economicsStarted(state.economics, version) });
    },
    economicsFinished(a) {
      if (a.version < openedAt) return;
      const next = economicsFinished(state.economics, a);
      if (next !== state.economics) set({ economics: next });
    },
    loadPilotData(text, fileName) {
      set({ pilot: pilot.loadData(state.pilot, text, fileName, ++pilotDataId) });
    },
    clearPilotData() {
      if (state.pilot.data) set({ pilot: pilot.clearData(state.pilot) });
    },
    setPilotOptions(options) {
      const next = pilot.setOptions(state.pilot, options);
      if (next !== state.pilot) set({ pilot: next });
    },
    setPilotRun(run) {
      const next = pilot.setRun(state.pilot, run);
      if (next !== state.pilot) set({ pilot: next });
    },
    pilotStarted(key) {
      const next = pilot.started(state.pilot, key);
      if (next !== state.pilot && key.version >= openedAt) set({ pilot: next });
    },
    pilotRuns(key, runs) {
      const next = pilot.heardRuns(state.pilot, key, runs);
      if (next !== state.pilot) set({ pilot: next });
    },
    pilotFinished(key, outcome, ms) {
      if (key.version < openedAt) return;
      const next = pilot.finished(state.pilot, key, outcome, ms);
      if (next !== state.pilot) set({ pilot: next });
    },
  };
}
