/** Every unit type of the registry: drag one onto the diagram, or click to add it in view. */
import { useReactFlow } from '@xyflow/react';
import type { DragEvent } from 'react';
import { addUnit } from '../state/commands';
import { freeSpot, freshUnitId, initialParams, unitPorts } from '../state/doc';
import { plantView } from '../state/plant';
import { NODE_WIDTH } from '../state/geometry';
import { UNIT_MIME } from './Canvas';
import { useServices } from './context';

export function Palette() {
  const { store, registry } = useServices();
  const rf = useReactFlow();
  const addInView = (type: string) => {
    const el = document.querySelector('.canvas');
    const r = el?.getBoundingClientRect();
    const p = rf.screenToFlowPosition({ x: (r?.left ?? 0) + (r?.width ?? 600) / 2, y: (r?.top ?? 0) + (r?.height ?? 400) / 2 });
    const s = store.getState();
    const id = freshUnitId(s.doc, type);
    const at = freeSpot(plantView(s.doc, s.mode), { x: p.x - NODE_WIDTH / 2, y: p.y - 30 });
    if (store.execute(addUnit(registry, type, at, id, s.mode))) store.select({ units: [id], streams: [] });
  };
  return (
    <div className="palette-body">
      <h2>Units</h2>
      {[...registry.values()].map((t) => {
        const ports = unitPorts({ type: t.type, ...initialParams(t) }, registry);
        const ins = ports.filter((p) => p.direction === 'in').map((p) => p.name);
        const outs = ports.filter((p) => p.direction === 'out').map((p) => p.name);
        return (
          <button
            key={t.type}
            type="button"
            className="palette-item"
            draggable
            data-unit-type={t.type}
            onDragStart={(e: DragEvent) => {
              e.dataTransfer.setData(UNIT_MIME, t.type);
              e.dataTransfer.effectAllowed = 'copy';
            }}
            onClick={() => addInView(t.type)}
            title={`${t.description}\nDrag onto the diagram, or click to add.`}
          >
            <span className="palette-title">{t.title}</span>
            <span className="palette-ports">
              {ins.join(', ') || '—'} → {outs.join(', ') || '—'}
            </span>
          </button>
        );
      })}
      <p className="hint">Drag a unit onto the diagram. Draw a stream from an outlet (right) to an inlet (left).</p>
    </div>
  );
}
