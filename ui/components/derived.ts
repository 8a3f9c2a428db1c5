/** Views of the state that several components need, memoised on the slices they come from. */
import { useMemo } from 'react';
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

export function useResults() {
  return useEditor((s) => s.solve.lastGood?.results);
}
