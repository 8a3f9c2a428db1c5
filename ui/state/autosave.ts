/**
 * Autosave: the document and the selected mode are written to a key-value store (IndexedDB in
 * the browser, through idb-keyval) shortly after every change, and read back on start. The work
 * is never lost to bad luck:
 * - a change not yet written when the tab is hidden or closed is written at once (pagehide,
 *   visibilitychange), also to a synchronous backup (localStorage) that survives the tab closing
 *   before the asynchronous write ends; on start the newer of the two is restored;
 * - an autosave that cannot be read (another version wrote it, say) is never dropped: it is copied
 *   under a key of its own, the editor says so and offers it as a file;
 * - while another tab edits the same plant (tabs.ts), this tab does not write.
 */
import type { FlowsheetDoc, UnitRegistry } from '../../core';
import { formatDiagnostic } from '../../core';
import { readFlowsheet, serialize } from './file';
import type { EditorStore } from './store';

export interface KeyValueStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
}

/** A store written synchronously (localStorage), for the last moment before a tab closes. */
export interface SyncStore {
  read(key: string): string | null;
  write(key: string, text: string): void;
}

interface SavedWork {
  doc: FlowsheetDoc;
  mode?: string;
  savedAt: number;
}

export const AUTOSAVE_KEY = 'flexsheet:autosave';
/** Where an autosave that could not be read is kept (the time it was found is appended). */
export const KEPT_PREFIX = 'flexsheet:kept:';

export type Restored =
  | { kind: 'none' }
  | { kind: 'ok'; work: SavedWork }
  /** `text` is the kept work as a file; `keptKey` where it is kept in the store. */
  | { kind: 'unreadable'; problems: string[]; text: string; keptKey: string; savedAt: number };

/** Events a page sends when it is hidden or closed (window and document in the browser). */
export interface PageEvents {
  on(event: 'pagehide' | 'hidden', f: () => void): () => void;
}

export interface AutosaveOptions {
  delayMs?: number;
  onSaved?(w: SavedWork): void;
  backup?: SyncStore;
  events?: PageEvents;
  /** Writing is allowed (this tab owns the plant); checked at every write. */
  canSave?(): boolean;
  now?(): number;
}

export interface Autosave {
  /** Writes a pending change now. */
  flush(): void;
  dispose(): void;
}

export function startAutosave(store: EditorStore, kv: KeyValueStore, options: AutosaveOptions = {}): Autosave {
  const delayMs = options.delayMs ?? 250;
  const now = options.now ?? Date.now;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending = false;
  const work = (): SavedWork => {
    const s = store.getState();
    return { doc: s.doc, ...(s.mode !== undefined ? { mode: s.mode } : {}), savedAt: now() };
  };
  const save = (sync: boolean) => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (!pending) return;
    if (options.canSave && !options.canSave()) return; // kept pending: written once this tab may write again
    pending = false;
    const w = work();
    if (sync && options.backup) {
      try {
        options.backup.write(AUTOSAVE_KEY, JSON.stringify(w));
      } catch {
        /* full or refused: the asynchronous write below still runs */
      }
    }
    kv.set(AUTOSAVE_KEY, w).then(
      () => options.onSaved?.(w),
      () => store.setNotice('autosave failed: the browser refused to store the plant'),
    );
  };
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.doc === prev.doc && s.mode === prev.mode) return;
    pending = true;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => save(false), delayMs);
  });
  const offs = options.events ? [options.events.on('pagehide', () => save(true)), options.events.on('hidden', () => save(true))] : [];
  return {
    flush: () => save(true),
    dispose() {
      save(false);
      offs.forEach((off) => off());
      unsubscribe();
    },
  };
}

function savedAtOf(v: unknown): number {
  const t = v && typeof v === 'object' ? (v as { savedAt?: unknown }).savedAt : undefined;
  return typeof t === 'number' ? t : 0;
}

/** The autosaved work: the newer of the store and the backup; kept aside, with its problems, when it cannot be read. */
export async function restoreAutosave(kv: KeyValueStore, registry: UnitRegistry, backup?: SyncStore, now: () => number = Date.now): Promise<Restored> {
  let saved: unknown;
  try {
    saved = await kv.get(AUTOSAVE_KEY);
  } catch {
    saved = undefined;
  }
  const text = backup?.read(AUTOSAVE_KEY);
  if (text) {
    try {
      const b = JSON.parse(text) as unknown;
      if (savedAtOf(b) > savedAtOf(saved)) saved = b;
    } catch {
      /* a torn backup: the store's copy stands */
    }
  }
  if (saved === undefined || saved === null) return { kind: 'none' };
  const w = (typeof saved === 'object' ? saved : {}) as Partial<SavedWork>;
  const read = readFlowsheet(w.doc, registry);
  if (read.ok) return { kind: 'ok', work: { doc: read.doc, mode: typeof w.mode === 'string' ? w.mode : undefined, savedAt: savedAtOf(saved) } };
  const keptKey = `${KEPT_PREFIX}${now()}`;
  try {
    await kv.set(keptKey, saved);
  } catch {
    /* the text below is still offered as a file */
  }
  let fileText: string;
  try {
    fileText = w.doc !== undefined ? serialize(w.doc as FlowsheetDoc) : `${JSON.stringify(saved, null, 2)}\n`;
  } catch {
    fileText = String(saved);
  }
  return { kind: 'unreadable', problems: read.diagnostics.map(formatDiagnostic), text: fileText, keptKey, savedAt: savedAtOf(saved) };
}
