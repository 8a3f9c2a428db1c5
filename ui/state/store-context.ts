/**
 * What the store's methods share: the state, the only way to change it (which tells every
 * listener), and the first version of the plant opened last. One per store; nothing global.
 */
import type { EditorState } from './store';

export type Listener = (state: EditorState, previous: EditorState) => void;

export interface StoreContext {
  get(): EditorState;
  /** Merges the patch into the state, then tells the listeners (those subscribed when it was called). */
  set(patch: Partial<EditorState>): void;
  subscribe(listener: Listener): () => void;
  /** The first version of the plant opened last: answers about earlier versions are of another plant. */
  openedAt(): number;
  /** The next version of the document is of another plant (a file opened, autosave restored). */
  markOpened(): void;
}

export function createStoreContext(initial: EditorState): StoreContext {
  let state = initial;
  const listeners = new Set<Listener>();
  let openedAt = 0;
  return {
    get: () => state,
    set: (patch) => {
      const previous = state;
      state = { ...state, ...patch };
      for (const l of [...listeners]) l(state, previous);
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    openedAt: () => openedAt,
    markOpened: () => {
      openedAt = state.version + 1;
    },
  };
}
