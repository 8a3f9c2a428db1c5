/**
 * The store's methods for the analyses run in the background: two modes compared, and the
 * economics of every mode. Answers about a plant opened before are dropped.
 */
import { compareFinished, compareStarted } from './compare';
import { economicsFinished, economicsStarted } from './economics';
import type { EditorStore } from './store';
import type { StoreContext } from './store-context';
import { validMode } from './view-rules';

type CompareMethods = Pick<EditorStore, 'setCompareModes' | 'compareStarted' | 'compareFinished'>;
type EconomicsMethods = Pick<EditorStore, 'economicsStarted' | 'economicsFinished'>;

export function compareMethods(ctx: StoreContext): CompareMethods {
  const { get, set } = ctx;
  return {
    setCompareModes(a, b) {
      const next = { ...get().compare, a: validMode(get().doc, a), b: validMode(get().doc, b) };
      if (next.a !== get().compare.a || next.b !== get().compare.b) set({ compare: next });
    },
    compareStarted(key) {
      if (key.version >= ctx.openedAt()) set({ compare: compareStarted(get().compare, key) });
    },
    compareFinished(a) {
      if (a.key.version < ctx.openedAt()) return;
      const next = compareFinished(get().compare, a);
      if (next !== get().compare) set({ compare: next });
    },
  };
}

export function economicsMethods(ctx: StoreContext): EconomicsMethods {
  const { get, set } = ctx;
  return {
    economicsStarted(version) {
      if (version >= ctx.openedAt()) set({ economics: economicsStarted(get().economics, version) });
    },
    economicsFinished(a) {
      if (a.version < ctx.openedAt()) return;
      const next = economicsFinished(get().economics, a);
      if (next !== get().economics) set({ economics: next });
    },
  };
}
