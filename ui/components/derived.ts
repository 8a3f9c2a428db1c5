/** Views of the state that several components need, memoised on the slices they come from. */
import { useEffect, useMemo, useState } from 'react';
import { mapDiagnostics, type DiagnosticMap } from '../state/diagnostics-map';
import { plantView, type PlantView } from '../state/plant';
import { isStale } from '../state/store';
import { speciesInfo } from '../state/validate';
import { useEditor } from './context';

/** The plant on screen: the base flowsheet, or the selected mode's plant. */
export function usePlant(): PlantView {
  const doc = useEditor((s) => s.doc);
  const mode = useEditor((s) => s.mode);
  return plantView(doc, mode);
}

/** The mode that value edits go to: the selected mode unless the user chose to edit the base. */
export function useValueMode(): string | undefined {
  return useEditor((s) => (s.scope === 'mode' ? s.mode : undefined));
}

export function useDiagnosticMap(): DiagnosticMap {
  const plant = usePlant();
  const diagnostics = useEditor((s) => s.solve.diagnostics);
  return useMemo(() => mapDiagnostics(diagnostics, plant), [diagnostics, plant]);
}

export function useSpeciesInfo() {
  const species = useEditor((s) => s.doc.species);
  return useMemo(() => speciesInfo({ species } as never), [species]);
}

/** How long a solve may run before the results on screen are shown as stale. */
const STALE_GRACE_MS = 400;

/**
 * Stale as shown: while a solve is under way the last results are greyed only if it takes a while.
 * A quick answer then replaces them without the whole diagram and table flashing grey and back
 * (two restyles and repaints of everything, for every edit).
 */
export function useShownStale(): boolean {
  const stale = useEditor(isStale);
  const solving = useEditor((s) => s.solve.status === 'solving');
  const [late, setLate] = useState(false);
  useEffect(() => {
    if (!stale || !solving) {
      setLate(false);
      return;
    }
    const t = setTimeout(() => setLate(true), STALE_GRACE_MS);
    return () => clearTimeout(t);
  }, [stale, solving]);
  return stale && (!solving || late);
}

export function useResults() {
  return useEditor((s) => s.solve.lastGood?.results);
}

const NO_DRAINS: never[] = [];

/** The open ports of the last solve, drained to temporary units. */
export function useDrains() {
  return useEditor((s) => s.solve.lastGood?.drains ?? NO_DRAINS);
}
