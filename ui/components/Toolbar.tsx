/** File, example, undo/redo, layout, mode, find, export, print and help commands. */
import { useRef, useState } from 'react';
import { moveUnits } from '../state/commands';
import { emptyDoc } from '../state/doc';
import { diagramSvg } from '../state/export-svg';
import { fileNameFor, serialize } from '../state/file';
import { useEditor, useServices } from './context';
import { usePlant } from './derived';
import { download, svgToPng } from './download';

export interface ToolbarActions {
  search(): void;
  help(): void;
  modes(): void;
  print(): void;
}

export function Toolbar({ actions }: { actions: ToolbarActions }) {
  const { store, registry, examples } = useServices();
  const doc = useEditor((s) => s.doc);
  const history = useEditor((s) => s.history);
  const mode = useEditor((s) => s.mode);
  const plant = usePlant();
  const fileInput = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const stem = fileNameFor(doc).replace(/\.json$/, '');
  const undoLabel = history.past[history.past.length - 1]?.label;
  const redoLabel = history.future[0]?.label;
  const modes = Object.keys(doc.modes ?? {});

  const svg = () => {
    const s = store.getState();
    return diagramSvg(s.doc, registry, { results: s.solve.lastGood?.results, mode: s.mode });
  };

  return (
    <header className="toolbar">
      <span className="brand">Flexsheet</span>
      <span className="plant-name" title={`${doc.name} (edit it in the plant panel: click empty diagram space)`}>
        {doc.name}
      </span>
      <div className="group">
        <button type="button" onClick={() => store.open(emptyDoc(), 'new plant')} title="Start a new, empty plant (undoable)">
          New
        </button>
        <button type="button" onClick={() => fileInput.current?.click()} title="Open a flowsheet file (or drop one onto the window)">
          Open…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          hidden
          data-testid="open-file"
          onChange={async (e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) store.open(await f.text(), `open ${f.name}`);
          }}
        />
        <button type="button" onClick={() => download(fileNameFor(doc), serialize(doc), 'application/json')} title="Save the flowsheet file (FORMAT.md JSON), Ctrl+S">
          Save
        </button>
        <select
          aria-label="examples"
          value=""
          onChange={(e) => {
            const ex = examples.find((x) => x.id === e.target.value);
            if (ex) store.open(ex.doc, `open example ${ex.id}`);
          }}
        >
          <option value="">Examples…</option>
          {examples.map((ex) => (
            <option key={ex.id} value={ex.id}>
              {ex.name} ({ex.id}.json)
            </option>
          ))}
        </select>
      </div>
      <div className="group">
        <button type="button" onClick={() => store.undo()} disabled={!undoLabel} title={undoLabel ? `Undo ${undoLabel} (Ctrl+Z)` : 'Nothing to undo'} aria-label="undo">
          ↶
        </button>
        <button type="button" onClick={() => store.redo()} disabled={!redoLabel} title={redoLabel ? `Redo ${redoLabel} (Ctrl+Shift+Z)` : 'Nothing to redo'} aria-label="redo">
          ↷
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            try {
              const { autoLayout } = await import('../layout/auto-layout');
              const s = store.getState();
              store.execute(moveUnits(await autoLayout(plant, registry), 'auto-layout', s.mode));
            } finally {
              setBusy(false);
            }
          }}
          title={mode !== undefined ? `Arrange mode “${mode}”'s plant left to right (its own layout)` : 'Arrange the units left to right'}
        >
          Layout
        </button>
      </div>
      <div className="group mode-group" data-testid="mode-group">
        <label>
          mode{' '}
          <select aria-label="mode" value={mode ?? ''} onChange={(e) => store.setMode(e.target.value || undefined)}>
            <option value="">base</option>
            {modes.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={actions.modes} title="Create, copy, rename and delete modes">
          Modes…
        </button>
      </div>
      <div className="group">
        <button type="button" onClick={actions.search} title="Find a unit or stream (Ctrl+K or /)" aria-label="find">
          Find
        </button>
        <button type="button" onClick={() => download(`${stem}${mode !== undefined ? `-${mode}` : ''}.svg`, svg().svg, 'image/svg+xml')}>
          SVG
        </button>
        <button
          type="button"
          onClick={async () => {
            const s = svg();
            download(`${stem}${mode !== undefined ? `-${mode}` : ''}.png`, await svgToPng(s.svg, s.width, s.height));
          }}
        >
          PNG
        </button>
        <button type="button" onClick={actions.print} title="Print a report: diagram, recovery, balance, streams (Ctrl+P)">
          Print
        </button>
        <button type="button" onClick={actions.help} title="Help and keyboard shortcuts (?)" aria-label="help">
          ?
        </button>
      </div>
    </header>
  );
}
