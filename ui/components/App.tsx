/** The plant editor: toolbar, palette, diagram, inspector, results and status bar. */
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useState, type DragEvent } from 'react';
import { startAutosave, type KeyValueStore } from '../state/autosave';
import { duplicate } from '../state/clipboard';
import { connectEconomics, type ModesPort } from '../state/economics';
import { connectPilot, type ReconcilePort } from '../state/pilot';
import { connectSolver, type SolverPort } from '../state/solve-controller';
import { Canvas } from './Canvas';
import { EditorContext, type EditorServices } from './context';
import { Inspector } from './Inspector';
import { Palette } from './Palette';
import { ResultsPanel } from './Results';
import { FileErrorDialog, StatusBar } from './StatusBar';
import { Toolbar } from './Toolbar';

export interface AppProps {
  services: EditorServices;
  storage: KeyValueStore;
  createSolver(): SolverPort & { dispose(): void };
  /** Workers for background work (every mode for the economics tab, pilot data reconciliation). */
  createBackground?(): { modes: ModesPort; reconcile: ReconcilePort; dispose(): void };
}

const isCsv = (f: File) => /\.(csv|tsv|txt)$/i.test(f.name) || f.type === 'text/csv';

const editable = (t: EventTarget | null) => t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));

export function App({ services, storage, createSolver, createBackground }: AppProps) {
  const { store } = services;
  const [savedAt, setSavedAt] = useState<number>();
  const [dropping, setDropping] = useState(false);

  useEffect(() => {
    const solver = createSolver();
    const stop = connectSolver(store, solver);
    return () => {
      stop();
      solver.dispose();
    };
  }, [store, createSolver]);

  useEffect(() => {
    if (!createBackground) return;
    const ports = createBackground();
    const stopEconomics = connectEconomics(store, ports.modes);
    const stopPilot = connectPilot(store, ports.reconcile);
    return () => {
      stopEconomics();
      stopPilot();
      ports.dispose();
    };
  }, [store, createBackground]);

  useEffect(() => startAutosave(store, storage, 250, (w) => setSavedAt(w.savedAt)), [store, storage]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (editable(e.target)) return;
      const mod = e.ctrlKey || e.metaKey;
      if (!mod) return;
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) store.undo();
      else if ((k === 'z' && e.shiftKey) || k === 'y') store.redo();
      else if (k === 'd') {
        const s = store.getState();
        const c = duplicate(s.doc, s.mode, s.selection.units);
        if (c && store.execute(c)) store.select({ units: c.created, streams: [] });
      }
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);

  const onDragOver = (e: DragEvent) => {
    if (!e.dataTransfer.types.includes('Files')) return;
    e.preventDefault();
    setDropping(true);
  };
  const onDrop = async (e: DragEvent) => {
    if (!e.dataTransfer.types.includes('Files')) return;
    e.preventDefault();
    setDropping(false);
    const f = e.dataTransfer.files[0];
    if (!f) return;
    // A CSV is pilot data, never a flowsheet: load it beside the plant.
    if (isCsv(f)) {
      store.loadPilotData(await f.text(), f.name);
      store.setResultsTab('pilot');
    } else store.open(await f.text(), `open ${f.name}`);
  };

  return (
    <EditorContext.Provider value={services}>
      <ReactFlowProvider>
        <div className={`app${dropping ? ' dropping' : ''}`} onDragOver={onDragOver} onDragLeave={() => setDropping(false)} onDrop={onDrop}>
          <Toolbar />
          <Palette />
          <Canvas />
          <Inspector />
          <ResultsPanel />
          <StatusBar savedAt={savedAt} />
          <FileErrorDialog />
          {dropping && <div className="drop-overlay">Drop a flowsheet file to open it, or a CSV of pilot data</div>}
        </div>
      </ReactFlowProvider>
    </EditorContext.Provider>
  );
}
