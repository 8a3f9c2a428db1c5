/** The side panel: the selected unit's parameters, the selected stream, or the plant itself. */
import { own } from '../state/own';
import { useEditor } from './context';
import { usePlant } from './derived';
import { PlantInspector } from './PlantInspector';
import { StreamInspector } from './StreamInspector';
import { UnitInspector } from './UnitInspector';

export function Inspector() {
  const selection = useEditor((s) => s.selection);
  const plant = usePlant();
  let body;
  if (selection.units.length === 1 && own(plant.units, selection.units[0])) body = <UnitInspector key={selection.units[0]} id={selection.units[0]} />;
  else if (selection.units.length === 0 && selection.streams.length === 1 && own(plant.streams, selection.streams[0])) body = <StreamInspector key={selection.streams[0]} id={selection.streams[0]} />;
  else if (selection.units.length + selection.streams.length > 1)
    body = (
      <div className="inspector-body">
        <h2>{selection.units.length + selection.streams.length} selected</h2>
        <p className="muted">Delete removes them; Ctrl+C copies, Ctrl+X cuts, Ctrl+D duplicates the units; arrow keys move them.</p>
      </div>
    );
  else body = <PlantInspector />;
  return <div className="inspector-scroll">{body}</div>;
}
