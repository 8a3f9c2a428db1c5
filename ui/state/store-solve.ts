/** The store's methods that hear from the main solve: started, and its answer (kept as the last good results when it solved). */
import type { Diagnostic } from '../../core';
import type { Drain } from './drains';
import type { EditorStore } from './store';
import type { StoreContext } from './store-context';

type SolveMethods = Pick<EditorStore, 'solveStarted' | 'solveFinished'>;

/** One empty list, so that views memoised on the diagnostics keep their identity across clean solves. */
export const NO_DIAGNOSTICS: readonly Diagnostic[] = Object.freeze([]);
const NO_DRAINS: readonly Drain[] = Object.freeze([]);

export function solveMethods(ctx: StoreContext): SolveMethods {
  const { get, set } = ctx;
  return {
    solveStarted(version, mode) {
      set({ solve: { ...get().solve, status: 'solving', version, mode } });
    },
    solveFinished(a) {
      if (a.version < ctx.openedAt()) return;
      const kept = get().solve.lastGood;
      const lastGood =
        a.outcome.ok && (!kept || a.version >= kept.version)
          ? { results: a.outcome.results, version: a.version, mode: a.mode, drains: a.drains ?? NO_DRAINS }
          : kept;
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
  };
}
