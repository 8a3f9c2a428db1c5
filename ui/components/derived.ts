/** Views of the state that several components need, memoised on the slices they come from. */
import { useEffect, useMemo, useState } from 'react';
import { applyMode } from '../../core';
import { mapDiagnostics, type DiagnosticMap } from '../state/diagnostics-map';
import { isStale } from '../state/store';
import { speciesInfo } from '../state/validate';
import { useEditor } from './context';

export function useDiagnosticMap(): DiagnosticMap {
  const doc = useEditor((s) => s.doc);
  const diagnostics = useEditor((s) => s.solve.diagnostics);
  return useMemo(() => mapDiagnostics(diagnostics, doc), [diagnostics, doc]);
}

/** Units the selected mode takes out of service. */
export function useIdleUnits(): ReadonlySet<string> {
  const doc = useEditor((s) => s.doc);
  const mode = useEditor((s) => s.mode);
  return useMemo(() => new Set(mode === undefined ? [] : (applyMode(doc, mode, [])?.idle ?? [])), [doc, mode]);
}

export function useSpeciesInfo() {
  const species = useEditor((s) => s.doc.species);
  return useMemo(() => speciesInfo({ species } as never), [species]);
}

export function useStale(): boolean {
  return useEditor(isStale);
}

/** How long a solve may run before the results on screen are shown as stale. */
export const STALE_GRACE_MS = 400;

/**
 * Stale as shown: while a solve is under way the last results are greyed only if it takes a while.
 * A quick answer then replaces them without the whole diagram and table flashing grey and back
 * (two restyles and repaints of everything, for every edit).
 */
export function useShownStale(): boolean {
  const stale = useStale();
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
