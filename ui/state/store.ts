/**
 * The editor's state and the only way to change it. Framework-free: React subscribes to it
 * (useSyncExternalStore), tests drive it directly. One store per editor instance; nothing global.
 *
 * The document changes only through commands (undoable). The selected mode, the selection, the
 * solver's last answer, the results tab, the economics of every mode and the pilot data are view
 * state: they never enter the undo history.
 *
 * The methods are grouped by topic in store-*.ts; they share one StoreContext (store-context.ts).
 */
import type { Diagnostic, FlowsheetDoc, FlowsheetResults, UnitRegistry } from '../../core';
import type { Command } from './commands';
import { INITIAL_COMPARE, type CompareAnswer, type CompareKey, type CompareState } from './compare';
import { freezeDeep } from './deep';
import type { Drain } from './drains';
import { INITIAL_ECONOMICS, type EconomicsAnswer, type EconomicsState } from './economics';
import { emptyHistory, type History } from './history';
import { INITIAL_PILOT, type PilotKey, type PilotOptions, type PilotState, type ReconcileOutcome } from './pilot';
import { compareMethods, economicsMethods } from './store-analyses';
import { createStoreContext, type Listener } from './store-context';
import { editMethods, fileMethods, now } from './store-document';
import { pilotMethods } from './store-pilot';
import { NO_DIAGNOSTICS, solveMethods } from './store-solve';
import { viewMethods } from './store-view';
import { validMode } from './view-rules';

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

export function isStale(state: EditorState): boolean {
  const g = state.solve.lastGood;
  return !!g && (g.version !== state.version || g.mode !== state.mode);
}

interface StoreOptions {
  historyLimit?: number;
  mode?: string;
}

export function createEditorStore(registry: UnitRegistry, doc: FlowsheetDoc, options: StoreOptions = {}): EditorStore {
  const ctx = createStoreContext(initialState(doc, options));
  return {
    getState: ctx.get,
    subscribe: ctx.subscribe,
    ...editMethods(ctx),
    ...viewMethods(ctx),
    ...fileMethods(ctx, registry, options.historyLimit),
    ...solveMethods(ctx),
    ...compareMethods(ctx),
    ...economicsMethods(ctx),
    ...pilotMethods(ctx),
  };
}

function initialState(doc: FlowsheetDoc, options: StoreOptions): EditorState {
  return {
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
    pilot: INITIAL_PILOT,
  };
}
