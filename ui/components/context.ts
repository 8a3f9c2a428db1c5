/** The editor store and services, given to components through context (no module globals). */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { UnitRegistry } from '../../core';
import type { Example } from '../examples';
import type { EditorState, EditorStore } from '../state/store';

interface Metrics {
  /** Edit-to-repaint times (ms) of results that follow an edit. */
  editToPaint: number[];
}

export interface EditorServices {
  store: EditorStore;
  registry: UnitRegistry;
  examples: readonly Example[];
  metrics: Metrics;
}

export const EditorContext = createContext<EditorServices | null>(null);

export function useServices(): EditorServices {
  const s = useContext(EditorContext);
  if (!s) throw new Error('EditorContext is missing');
  return s;
}

/** Subscribes to one slice of the editor state; the selector must return stored values, not new objects. */
export function useEditor<T>(selector: (s: EditorState) => T): T {
  const { store } = useServices();
  return useSyncExternalStore(store.subscribe, () => selector(store.getState()));
}
