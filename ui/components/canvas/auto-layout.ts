import { useEffect } from 'react';
import { useServices } from '../context';

/** A plant opened without positions is laid out, base and modes (as part of the step that opened it). */
export function useAutoLayoutOnOpen(epoch: number) {
  const { store, registry } = useServices();
  useEffect(() => {
    const s = store.getState();
    let cancelled = false;
    void import('../../layout/auto-layout').then(async ({ layoutAll, together, unplaced }) => {
      if (!unplaced(s.doc)) return;
      const commands = await layoutAll(s.doc, registry);
      if (!cancelled) store.amend(together('auto-layout', commands), s.version);
    });
    return () => {
      cancelled = true;
    };
  }, [epoch, store, registry]);
}
