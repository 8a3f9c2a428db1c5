/**
 * The store's methods that change the document: commands, undo and redo (editMethods), and
 * opening another plant (fileMethods). Each change of the document bumps the version.
 */
import type { FlowsheetDoc, UnitRegistry } from '../../core';
import { replaceDocument } from './commands';
import { INITIAL_COMPARE } from './compare';
import { freezeDeep } from './deep';
import { INITIAL_ECONOMICS } from './economics';
import { readFlowsheet } from './file';
import { amend, emptyHistory, execute, redo, undo, type History } from './history';
import type { EditorState, EditorStore } from './store';
import type { StoreContext } from './store-context';
import { pruneSelection, validMode } from './view-rules';

type EditMethods = Pick<EditorStore, 'execute' | 'amend' | 'undo' | 'redo'>;
type FileMethods = Pick<EditorStore, 'open' | 'reset' | 'dismissFileError'>;

export const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export function editMethods(ctx: StoreContext): EditMethods {
  const { get } = ctx;
  return {
    execute(command) {
      const t = execute(get().doc, get().history, command);
      if (!t.changed) return false;
      afterDocChange(ctx, t.doc, t.history, {}, command.selectMode?.(t.doc));
      return true;
    },
    amend(command, version) {
      if (version !== get().version) return false;
      const t = amend(get().doc, get().history, command);
      if (!t.changed) return false;
      afterDocChange(ctx, t.doc, t.history, { epoch: get().epoch + 1 });
      return true;
    },
    undo() {
      const t = undo(get().doc, get().history);
      if (t.changed) afterDocChange(ctx, t.doc, t.history, { notice: `undid ${t.label}` });
    },
    redo() {
      const t = redo(get().doc, get().history);
      if (t.changed) afterDocChange(ctx, t.doc, t.history, { notice: `redid ${t.label}` });
    },
  };
}

export function fileMethods(ctx: StoreContext, registry: UnitRegistry, historyLimit: number | undefined): FileMethods {
  const { get, set } = ctx;
  return {
    open(input, label = 'open') {
      const read = readFlowsheet(input, registry);
      if (!read.ok) {
        set({ fileError: { title: 'The file was not opened: it is not a valid flowsheet', diagnostics: read.diagnostics } });
        return false;
      }
      const t = execute(get().doc, get().history, replaceDocument(read.doc, label));
      // Another plant: the last good results were of the one before, not stale results of this one.
      const solve = { ...get().solve, lastGood: undefined };
      ctx.markOpened();
      afterDocChange(ctx, t.doc, t.history, { fileError: undefined, selection: { units: [], streams: [] }, mode: undefined, epoch: get().epoch + 1, solve, ...forgetAnswers(get()) });
      return true;
    },
    reset(doc, mode) {
      ctx.markOpened();
      set({
        doc: freezeDeep(doc),
        history: emptyHistory(historyLimit),
        version: get().version + 1,
        mode: validMode(doc, mode),
        selection: { units: [], streams: [] },
        changedAt: now(),
        epoch: get().epoch + 1,
        solve: { ...get().solve, lastGood: undefined },
        ...forgetAnswers(get()),
      });
    },
    dismissFileError() {
      if (get().fileError) set({ fileError: undefined });
    },
  };
}

/** The new document, its history and version, the mode and selection it still has, and `extra` over them. */
function afterDocChange(ctx: StoreContext, next: FlowsheetDoc, history: History, extra: Partial<EditorState> = {}, follow?: string) {
  const state = ctx.get();
  const mode = validMode(next, 'mode' in extra ? extra.mode : (follow ?? state.mode));
  ctx.set({
    doc: next,
    history,
    version: state.version + 1,
    mode,
    selection: pruneSelection(next, mode, extra.selection ?? state.selection),
    changedAt: now(),
    notice: undefined,
    ...extra,
  });
}

/** Answers about the plant opened before are dropped; the pilot data stay (they may fit the new plant). */
function forgetAnswers(state: EditorState) {
  return {
    economics: INITIAL_ECONOMICS,
    compare: { ...INITIAL_COMPARE, a: state.compare.a, b: state.compare.b },
    pilot: { ...state.pilot, status: 'idle' as const, answer: undefined, lastGood: undefined },
  };
}
