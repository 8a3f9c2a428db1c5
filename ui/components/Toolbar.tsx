/** File, example, undo/redo, layout, mode and export commands. */
import { useRef, useState } from 'react';
import { moveUnits } from '../state/commands';
import { emptyDoc } from '../state/doc';
import { diagramSvg } from '../state/export-svg';
import { fileNameFor, serialize } from '../state/file';
import { applyMode } from '../../core';
import { useEditor, useServices } from './context';
import { download, svgToPng } from './download';

export function Toolbar() {
  const { store, registry, examples } = useServices();
  const doc = useEditor((s) => s.doc);
  const history = useEditor((s) => s.history);
  const mode = useEditor((s) => s.mode);
  const fileInput = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const stem = fileNameFor(doc).replace(/\.json$/, '');
  const undoLabel = history.past[history.past.length - 1]?.label;
  const redoLabel = history.future[0]?.label;

  const svg = () => {
    const s = store.getState();
    const idle = s.mode !== undefined ? (applyMode(s.doc, s.mode, [])?.idle ?? []) : [];
    return diagramSvg(s.doc, registry, { results: s.solve.lastGood?.results, idle });
  };

  return (
    <header className="toolbar">
      <span className="brand">Flexsheet</span>
      <input
        className="plant-name"
        aria-label="plant name (toolbar)"
        value={doc.name}
        readOnly
        title="The plant's name (edit it in the Plant panel: click on empty diagram space)"
      />
      <div className="group">
        <button type="button" onClick={() => store.open(emptyDoc(), 'new plant')} title="Start a new, empty plant">
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
        <button type="button" onClick={() => download(fileNameFor(doc), serialize(doc), 'application/json')} title="Save the flowsheet file (FORMAT.md JSON)">
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
          ↶ Undo
        </button>
        <button type="button" onClick={() => store.redo()} disabled={!redoLabel} title={redoLabel ? `Redo ${redoLabel} (Ctrl+Shift+Z)` : 'Nothing to redo'} aria-label="redo">
          ↷ Redo
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            try {
              const { autoLayout } = await import('../layout/auto-layout');
              store.execute(moveUnits(await autoLayout(store.getState().doc, registry), 'auto-layout'));
            } finally {
              setBusy(false);
            }
          }}
          title="Arrange the units left to right (elk)"
        >
          Auto-layout
        </button>
      </div>
      <div className="group">
        <label>
          mode{' '}
          <select aria-label="mode" value={mode ?? ''} onChange={(e) => store.setMode(e.target.value || undefined)} disabled={!doc.modes || Object.keys(doc.modes).length === 0}>
            <option value="">base</option>
            {Object.keys(doc.modes ?? {}).map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="group">
        <button type="button" onClick={() => download(`${stem}.svg`, svg().svg, 'image/svg+xml')}>
          SVG
        </button>
        <button
          type="button"
          onClick={async () => {
            const s = svg();
            download(`${stem}.png`, await svgToPng(s.svg, s.width, s.height));
          }}
        >
          PNG
        </button>
      </div>
    </header>
  );
}
