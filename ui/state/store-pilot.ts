/**
 * The store's methods for pilot data: loading and clearing them, the options and the run shown,
 * and the reconciliation's progress and answer (dropped when about a plant opened before).
 * The document is never touched.
 */
import * as pilot from './pilot';
import type { EditorStore } from './store';
import type { StoreContext } from './store-context';

type PilotMethods = Pick<EditorStore, 'loadPilotData' | 'clearPilotData' | 'setPilotOptions' | 'setPilotRun' | 'pilotStarted' | 'pilotRuns' | 'pilotFinished'>;

export function pilotMethods(ctx: StoreContext): PilotMethods {
  const { get, set } = ctx;
  let pilotDataId = 0;
  return {
    loadPilotData(text, fileName) {
      set({ pilot: pilot.loadData(get().pilot, text, fileName, ++pilotDataId) });
    },
    clearPilotData() {
      if (get().pilot.data) set({ pilot: pilot.clearData(get().pilot) });
    },
    setPilotOptions(options) {
      const next = pilot.setOptions(get().pilot, options);
      if (next !== get().pilot) set({ pilot: next });
    },
    setPilotRun(run) {
      const next = pilot.setRun(get().pilot, run);
      if (next !== get().pilot) set({ pilot: next });
    },
    pilotStarted(key) {
      const next = pilot.started(get().pilot, key);
      if (next !== get().pilot && key.version >= ctx.openedAt()) set({ pilot: next });
    },
    pilotRuns(key, runs) {
      const next = pilot.heardRuns(get().pilot, key, runs);
      if (next !== get().pilot) set({ pilot: next });
    },
    pilotFinished(key, outcome, ms) {
      if (key.version < ctx.openedAt()) return;
      const next = pilot.finished(get().pilot, key, outcome, ms);
      if (next !== get().pilot) set({ pilot: next });
    },
  };
}
