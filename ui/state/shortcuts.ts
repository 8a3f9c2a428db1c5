/**
 * The editor's keyboard shortcuts, in one table: the key handler matches against it and the help
 * panel lists it, so the two never disagree. Ctrl stands for Cmd on a Mac.
 */

export type Action =
  | 'undo'
  | 'redo'
  | 'copy'
  | 'cut'
  | 'paste'
  | 'duplicate'
  | 'selectAll'
  | 'delete'
  | 'nudge'
  | 'search'
  | 'help'
  | 'save'
  | 'print'
  | 'escape'
  | 'fit';

export interface Shortcut {
  action: Action;
  keys: string;
  does: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'search', keys: 'Ctrl+K or /', does: 'find a unit or stream, then Enter to select it and bring it into view' },
  { action: 'undo', keys: 'Ctrl+Z', does: 'undo' },
  { action: 'redo', keys: 'Ctrl+Shift+Z or Ctrl+Y', does: 'redo' },
  { action: 'copy', keys: 'Ctrl+C', does: 'copy the selected units (and the streams between them)' },
  { action: 'cut', keys: 'Ctrl+X', does: 'cut them' },
  { action: 'paste', keys: 'Ctrl+V', does: 'paste a copy with new ids, offset, selected' },
  { action: 'duplicate', keys: 'Ctrl+D', does: 'duplicate the selected units: the copies are offset and selected' },
  { action: 'selectAll', keys: 'Ctrl+A', does: 'select every unit and stream' },
  { action: 'delete', keys: 'Delete or Backspace', does: 'delete the selection (in a mode: take it out of that mode)' },
  { action: 'nudge', keys: 'Arrow keys (Shift: ×5)', does: 'move the selected units by 10 px' },
  { action: 'fit', keys: 'F', does: 'fit the whole plant in view' },
  { action: 'save', keys: 'Ctrl+S', does: 'save the flowsheet file' },
  { action: 'print', keys: 'Ctrl+P', does: 'print the report: diagram, recovery, balance, streams' },
  { action: 'help', keys: '?', does: 'this help' },
  { action: 'escape', keys: 'Escape', does: 'close a dialog, or clear the selection' },
];

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** The action a key press asks for; undefined when the editor leaves it to the browser (or to the diagram). */
export function actionFor(e: KeyLike): { action: Action; dx?: number; dy?: number } | undefined {
  const mod = e.ctrlKey || e.metaKey;
  const k = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (mod && !e.altKey) {
    if (k === 'z') return { action: e.shiftKey ? 'redo' : 'undo' };
    if (k === 'y') return { action: 'redo' };
    if (k === 'c') return { action: 'copy' };
    if (k === 'x') return { action: 'cut' };
    if (k === 'v') return { action: 'paste' };
    if (k === 'd') return { action: 'duplicate' };
    if (k === 'a') return { action: 'selectAll' };
    if (k === 'k') return { action: 'search' };
    if (k === 's') return { action: 'save' };
    if (k === 'p') return { action: 'print' };
    return undefined;
  }
  if (e.altKey) return undefined;
  if (k === '/') return { action: 'search' };
  if (k === '?') return { action: 'help' };
  if (k === 'Escape') return { action: 'escape' };
  if (k === 'f' && !e.shiftKey) return { action: 'fit' };
  const step = e.shiftKey ? 50 : 10;
  if (k === 'ArrowLeft') return { action: 'nudge', dx: -step, dy: 0 };
  if (k === 'ArrowRight') return { action: 'nudge', dx: step, dy: 0 };
  if (k === 'ArrowUp') return { action: 'nudge', dx: 0, dy: -step };
  if (k === 'ArrowDown') return { action: 'nudge', dx: 0, dy: step };
  return undefined;
}
