/** The store's methods for what the editor shows: the mode, the selection and focus, the notice, tabs, scope and banners. */
import type { EditorStore } from './store';
import type { StoreContext } from './store-context';
import { pruneSelection, validMode } from './view-rules';

type ViewMethods = Pick<EditorStore, 'setMode' | 'select' | 'setNotice' | 'setResultsTab' | 'setScope' | 'reveal' | 'addBanner' | 'dismissBanner'>;

export function viewMethods({ get, set }: StoreContext): ViewMethods {
  let focusSeq = 0;
  return {
    setMode(mode) {
      const m = validMode(get().doc, mode);
      if (m !== get().mode) set({ mode: m, selection: pruneSelection(get().doc, m, get().selection) });
    },
    select(selection) {
      const s = pruneSelection(get().doc, get().mode, selection);
      const current = get().selection;
      const same =
        s.units.length === current.units.length &&
        s.streams.length === current.streams.length &&
        s.units.every((u, i) => u === current.units[i]) &&
        s.streams.every((u, i) => u === current.streams[i]);
      if (!same) set({ selection: s });
    },
    setNotice(notice) {
      if (notice !== get().notice) set({ notice });
    },
    setResultsTab(tab) {
      if (tab !== get().resultsTab) set({ resultsTab: tab });
    },
    setScope(scope) {
      if (scope !== get().scope) set({ scope });
    },
    reveal(selection) {
      const s = pruneSelection(get().doc, get().mode, selection);
      set({ selection: s, focus: { units: s.units, streams: s.streams, seq: ++focusSeq } });
    },
    addBanner(banner) {
      set({ banners: [...get().banners.filter((b) => b.kind !== banner.kind), banner] });
    },
    dismissBanner(kind) {
      if (get().banners.some((b) => b.kind === kind)) set({ banners: get().banners.filter((b) => b.kind !== kind) });
    },
  };
}
