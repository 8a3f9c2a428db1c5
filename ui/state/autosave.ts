/**
 * Autosave: the document and the selected mode are written to a key-value store (IndexedDB in
 * the browser, through idb-keyval) shortly after every change, and read back on start.
 */
import type { FlowsheetDoc, UnitRegistry } from '../../core';
import { readFlowsheet } from './file';
import type { EditorStore } from './store';

export interface KeyValueStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
}

export interface SavedWork {
  doc: FlowsheetDoc;
  mode?: string;
  savedAt: number;
}

export const AUTOSAVE_KEY = 'flexsheet:autosave';

export function startAutosave(store: EditorStore, kv: KeyValueStore, delayMs = 250, onSaved?: (w: SavedWork) => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    timer = undefined;
    const s = store.getState();
    const work: SavedWork = { doc: s.doc, ...(s.mode !== undefined ? { mode: s.mode } : {}), savedAt: Date.now() };
    kv.set(AUTOSAVE_KEY, work).then(
      () => onSaved?.(work),
      () => store.setNotice('autosave failed: the browser refused to store the plant'),
    );
  };
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.doc === prev.doc && s.mode === prev.mode) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(save, delayMs);
  });
  return () => {
    if (timer !== undefined) {
      clearTimeout(timer);
      save();
    }
    unsubscribe();
  };
}

/** The autosaved work, if there is any and it still reads as a flowsheet. */
export async function restoreAutosave(kv: KeyValueStore, registry: UnitRegistry): Promise<SavedWork | undefined> {
  let saved: unknown;
  try {
    saved = await kv.get(AUTOSAVE_KEY);
  } catch {
    return undefined;
  }
  if (!saved || typeof saved !== 'object') return undefined;
  const w = saved as Partial<SavedWork>;
  const read = readFlowsheet(w.doc, registry);
  if (!read.ok) return undefined;
  return { doc: read.doc, mode: typeof w.mode === 'string' ? w.mode : undefined, savedAt: typeof w.savedAt === 'number' ? w.savedAt : 0 };
}
