/**
 * The plant editor: toolbar, palette, diagram, inspector, results and status bar, with panels that
 * are resized by dragging their edges and collapsed by a click; the keyboard shortcuts of
 * state/shortcuts.ts; search, help, modes and the tour as dialogs; the print report.
 */
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import { flushSync } from 'react-dom';
import { startAutosave, type Autosave, type AutosaveOptions, type KeyValueStore } from '../state/autosave';
import { duplicate, fragmentOf, fragmentText, pasteFragment, readFragment, type Fragment } from '../state/clipboard';
import { moveUnits, removeSelection } from '../state/commands';
import { connectCompare } from '../state/compare';
import { connectEconomics, type ModesPort } from '../state/economics';
import { serialize, fileNameFor } from '../state/file';
import { own } from '../state/own';
import { connectPilot, type ReconcilePort } from '../state/pilot';
import { plantView } from '../state/plant';
import { actionFor } from '../state/shortcuts';
import { connectSolver, type SolverPort } from '../state/solve-controller';
import type { Channel } from '../state/tabs';
import { connectTabs, type Tabs } from '../state/tabs';
import { Banners } from './Banners';
import { Canvas } from './Canvas';
import { EditorContext, useEditor, type EditorServices } from './context';
import { download } from './download';
import { ErrorBoundary } from './ErrorBoundary';
import { HelpPanel } from './HelpPanel';
import { Inspector } from './Inspector';
import { ModesDialog } from './ModesPanel';
import { Palette } from './Palette';
import { usePanels } from './panels';
import { PrintReport } from './PrintReport';
import { ResultsPanel } from './Results';
import { SearchDialog } from './SearchDialog';
import { FileErrorDialog, StatusBar } from './StatusBar';
import { Toolbar } from './Toolbar';
import { Tour, TOUR_SEEN_KEY, TourOffer } from './Tour';

export interface AppProps {
  services: EditorServices;
  storage: KeyValueStore;
  /** Autosave's synchronous backup and page events (the browser's localStorage and window). */
  autosave?: Pick<AutosaveOptions, 'backup' | 'events'>;
  /** The channel to other tabs of the editor (BroadcastChannel in the browser). */
  tabs?: { channel: Channel; id: string };
  /** The solver; absent when the caller has connected one to the store already (main.tsx, so the first solve starts before the page is drawn). */
  createSolver?(): SolverPort & { dispose(): void };
  /** Workers for background work (every mode for the economics tab, pilot data reconciliation, modes compared). */
  createBackground?(): { modes: ModesPort; reconcile: ReconcilePort; compare?: SolverPort & { dispose(): void }; dispose(): void };
  /** Offer the first-run tour (off in tests). */
  offerTour?: boolean;
}

const isCsv = (f: File) => /\.(csv|tsv|txt)$/i.test(f.name) || f.type === 'text/csv';

const editable = (t: EventTarget | null) => t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));

type DialogName = 'search' | 'help' | 'modes' | undefined;

function seen(key: string): boolean {
  try {
    return localStorage.getItem(key) !== null;
  } catch {
    return true;
  }
}

function remember(key: string) {
  try {
    localStorage.setItem(key, '1');
  } catch {
    /* private mode: the offer comes back next time */
  }
}

/** The keyboard: shortcuts of state/shortcuts.ts, except while typing in a field. */
function useShortcuts(services: EditorServices, open: (d: DialogName) => void, print: () => void, dialogOpen: boolean) {
  const { store } = services;
  const rf = useReactFlow();
  const clipboard = useRef<{ fragment: Fragment; pastes: number } | undefined>(undefined);
  useEffect(() => {
    const copy = () => {
      const s = store.getState();
      const f = fragmentOf(s.doc, s.mode, s.selection.units);
      if (!f) return false;
      clipboard.current = { fragment: f, pastes: 0 };
      void navigator.clipboard?.writeText(fragmentText(f)).catch(() => undefined);
      store.setNotice(`copied ${Object.keys(f.units).length} unit${Object.keys(f.units).length === 1 ? '' : 's'}`);
      return true;
    };
    const paste = async () => {
      let f = clipboard.current?.fragment;
      try {
        const text = await navigator.clipboard?.readText();
        const other = text ? readFragment(text) : undefined;
        if (other && (!f || fragmentText(other) !== fragmentText(f))) {
          f = other;
          clipboard.current = { fragment: other, pastes: 0 };
        }
      } catch {
        /* no permission to read the clipboard: the copy made in this tab is pasted */
      }
      if (!f || !clipboard.current) return;
      const n = ++clipboard.current.pastes;
      const c = pasteFragment(f, { x: 40 * n, y: 40 * n }, store.getState().mode);
      if (store.execute(c)) store.select({ units: c.created, streams: [] });
    };
    const onKey = (e: KeyboardEvent) => {
      if (dialogOpen) return;
      const a = actionFor(e);
      if (!a) return;
      const typing = editable(e.target);
      // In a field, the field keeps its own keys (undo of typing, copy of text, arrows), except these.
      if (typing && !['search', 'save', 'print'].includes(a.action)) return;
      if (typing && a.action === 'search' && e.key === '/') return;
      const s = store.getState();
      switch (a.action) {
        case 'undo':
          store.undo();
          break;
        case 'redo':
          store.redo();
          break;
        case 'copy':
          if (!copy()) return;
          break;
        case 'cut':
          if (!copy()) return;
          store.execute(removeSelection(s.selection.units, s.selection.streams, s.mode));
          break;
        case 'paste':
          void paste();
          break;
        case 'duplicate': {
          const c = duplicate(s.doc, s.mode, s.selection.units);
          if (c && store.execute(c)) store.select({ units: c.created, streams: [] });
          break;
        }
        case 'selectAll': {
          const plant = plantView(s.doc, s.mode);
          store.select({ units: Object.keys(plant.units), streams: Object.keys(plant.streams) });
          break;
        }
        case 'nudge': {
          if (s.selection.units.length === 0) return;
          const plant = plantView(s.doc, s.mode);
          const positions: Record<string, { x: number; y: number }> = {};
          for (const id of s.selection.units) {
            const p = own(plant.units, id)?.position as { x: number; y: number } | undefined;
            if (p) positions[id] = { x: p.x + a.dx!, y: p.y + a.dy! };
          }
          store.execute({ ...moveUnits(positions, 'nudge', s.mode), coalesce: `nudge:${s.selection.units.join(',')}` });
          break;
        }
        case 'search':
          open('search');
          break;
        case 'help':
          open('help');
          break;
        case 'save':
          download(fileNameFor(s.doc), serialize(s.doc), 'application/json');
          break;
        case 'print':
          print();
          break;
        case 'fit':
          void rf.fitView({ padding: 0.1, duration: 0 });
          break;
        case 'escape':
          store.select({ units: [], streams: [] });
          return;
        default:
          return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, open, print, rf, dialogOpen]);
}

function Editor({ props }: { props: AppProps }) {
  const { services, storage, createSolver, createBackground } = props;
  const { store } = services;
  const [savedAt, setSavedAt] = useState<number>();
  const [dropping, setDropping] = useState(false);
  const [dialog, setDialog] = useState<DialogName>();
  const [tour, setTour] = useState<'offer' | 'on' | undefined>(() => (props.offerTour && !seen(TOUR_SEEN_KEY) ? 'offer' : undefined));
  const [printing, setPrinting] = useState(false);
  const panels = usePanels();
  const tabs = useRef<Tabs | undefined>(undefined);
  const autosave = useRef<Autosave | undefined>(undefined);
  const results = useEditor((s) => s.resultsTab);

  useEffect(() => {
    if (!createSolver) return;
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
    const stopCompare = ports.compare ? connectCompare(store, ports.compare) : undefined;
    return () => {
      stopEconomics();
      stopPilot();
      stopCompare?.();
      ports.dispose();
    };
  }, [store, createBackground]);

  useEffect(() => {
    const t = props.tabs ? connectTabs(store, props.tabs.channel, props.tabs.id, { onOwner: (owns) => owns && autosave.current?.flush() }) : undefined;
    tabs.current = t;
    const a = startAutosave(store, storage, { ...props.autosave, onSaved: (w) => setSavedAt(w.savedAt), canSave: t ? () => t.owns() : undefined });
    autosave.current = a;
    return () => {
      a.dispose();
      t?.dispose();
    };
  }, [store, storage, props.tabs, props.autosave]);

  const open = useCallback((d: DialogName) => setDialog(d), []);
  const close = useCallback(() => setDialog(undefined), []);
  const print = useCallback(() => {
    flushSync(() => setPrinting(true));
    window.print();
  }, []);
  useEffect(() => {
    const before = () => flushSync(() => setPrinting(true));
    const after = () => setPrinting(false);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);
  useShortcuts(services, open, print, dialog !== undefined);
  const endTour = useCallback(() => {
    remember(TOUR_SEEN_KEY);
    setTour(undefined);
  }, []);

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

  const wide = results === 'economics' || results === 'pilot' || results === 'compare';
  return (
    <>
      <div
        className={`app${dropping ? ' dropping' : ''}${panels.collapsed.palette ? ' no-palette' : ''}${panels.collapsed.inspector ? ' no-inspector' : ''}${panels.collapsed.results ? ' no-results' : ''}`}
        style={panels.style(wide)}
        onDragOver={onDragOver}
        onDragLeave={() => setDropping(false)}
        onDrop={onDrop}
      >
        <Toolbar actions={{ search: () => open('search'), help: () => open('help'), modes: () => open('modes'), print }} />
        <aside className="palette panel" aria-label="Unit palette">
          {panels.toggle('palette', 'units')}
          {!panels.collapsed.palette && <Palette />}
        </aside>
        {panels.gutter('palette')}
        <main className="centre">
          <Banners onTakeOver={() => tabs.current?.takeOver()} />
          <ErrorBoundary where="the diagram">
            <Canvas />
          </ErrorBoundary>
        </main>
        {panels.gutter('inspector')}
        <aside className="inspector panel" aria-label="Inspector">
          {panels.toggle('inspector', 'inspector')}
          {!panels.collapsed.inspector && (
            <ErrorBoundary where="the inspector">
              <Inspector />
            </ErrorBoundary>
          )}
        </aside>
        {panels.gutter('results')}
        <div className="results-area panel">
          {panels.toggle('results', 'results')}
          {!panels.collapsed.results && (
            <ErrorBoundary where="the results">
              <ResultsPanel />
            </ErrorBoundary>
          )}
        </div>
        <StatusBar savedAt={savedAt} />
        <FileErrorDialog />
        {dialog === 'search' && <SearchDialog onClose={close} />}
        {dialog === 'help' && (
          <HelpPanel
            onClose={close}
            onTour={() => {
              close();
              setTour('on');
            }}
          />
        )}
        {dialog === 'modes' && <ModesDialog onClose={close} />}
        {tour === 'offer' && <TourOffer onTour={() => setTour('on')} onClose={endTour} />}
        {tour === 'on' && <Tour onClose={endTour} />}
        {dropping && <div className="drop-overlay">Drop a flowsheet file to open it, or a CSV of pilot data</div>}
      </div>
      {printing && <PrintReport />}
    </>
  );
}

export function App(props: AppProps) {
  return (
    <EditorContext.Provider value={props.services}>
      <ReactFlowProvider>
        <Editor props={props} />
      </ReactFlowProvider>
    </EditorContext.Provider>
  );
}
