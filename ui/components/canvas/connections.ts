/** Drawing a stream between two ports: which connections are allowed, making one, and why not. */
import type { Connection, Edge, FinalConnectionState } from '@xyflow/react';
import { useCallback, type RefObject } from 'react';
import { connect } from '../../state/commands';
import type { PlantView } from '../../state/plant';
import { checkConnection } from '../../state/validate';
import { useServices } from '../context';

export function useConnectionHandlers(plantRef: RefObject<PlantView>) {
  const { store, registry } = useServices();
  const isValidConnection = useCallback(
    (c: Connection | Edge) =>
      !!c.sourceHandle && !!c.targetHandle && checkConnection(plantRef.current, registry, { unit: c.source, port: c.sourceHandle }, { unit: c.target, port: c.targetHandle }) === undefined,
    [registry, plantRef],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      if (!c.sourceHandle || !c.targetHandle) return;
      store.execute(connect({ unit: c.source, port: c.sourceHandle }, { unit: c.target, port: c.targetHandle }, undefined, store.getState().mode));
    },
    [store],
  );

  const onConnectEnd = useCallback(
    (_e: unknown, state: FinalConnectionState) => {
      const a = state.fromHandle;
      const b = state.toHandle;
      if (state.isValid || !a || !b || !a.id || !b.id) return;
      const [from, to] = a.type === 'source' ? [a, b] : [b, a];
      if (from.type !== 'source' || to.type !== 'target') {
        store.setNotice('cannot connect: a stream goes from an outlet (right side) to an inlet (left side)');
        return;
      }
      const reason = checkConnection(plantRef.current, registry, { unit: from.nodeId, port: from.id! }, { unit: to.nodeId, port: to.id! });
      if (reason) store.setNotice(`cannot connect: ${reason}`);
    },
    [store, registry, plantRef],
  );
  return { isValidConnection, onConnect, onConnectEnd };
}
