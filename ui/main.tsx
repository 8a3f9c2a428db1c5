/** Browser entry: restore the autosaved plant (or open the best shipped one) and start the editor. */
// First: the solver's worker starts loading before the rest of the editor's code is evaluated.
import { solver } from './worker/early';
import '@xyflow/react/dist/style.css';
import { get, set } from 'idb-keyval';
import { createRoot } from 'react-dom/client';
import { registry } from '../unit-ops';
import { App } from './components/App';
import type { EditorServices } from './components/context';
import { listExamples } from './examples';
import { restoreAutosave, type KeyValueStore, type PageEvents, type SyncStore } from './state/autosave';
import { emptyDoc } from './state/doc';
import { connectSolver } from './state/solve-controller';
import { createEditorStore, type EditorStore } from './state/store';
import { broadcastChannel } from './state/tabs';
import { createBackgroundWorkers } from './worker/client';
import './styles.css';

const backup: SyncStore = {
  read: (k) => {
    try {
      return localStorage.getItem(k);
    } catch {
      return null;
    }
  },
  write: (k, text) => localStorage.setItem(k, text),
};

const events: PageEvents = {
  on(event, f) {
    if (event === 'pagehide') {
      window.addEventListener('pagehide', f);
      return () => window.removeEventListener('pagehide', f);
    }
    const h = () => document.visibilityState === 'hidden' && f();
    document.addEventListener('visibilitychange', h);
    return () => document.removeEventListener('visibilitychange', h);
  },
};

async function start() {
  const storage: KeyValueStore = { get: (k) => get(k), set: (k, v) => set(k, v) };
  const params = new URLSearchParams(location.search);
  const examples = listExamples(registry);
  const restored = params.has('fresh') ? ({ kind: 'none' } as const) : await restoreAutosave(storage, registry, backup);
  const saved = restored.kind === 'ok' ? restored.work : undefined;
  const wanted = examples.find((e) => e.id === params.get('example'));
  const initial = wanted?.doc ?? saved?.doc ?? examples[0]?.doc ?? emptyDoc();
  const store = createEditorStore(registry, initial, { mode: wanted ? undefined : saved?.mode });
  if (restored.kind === 'unreadable') {
    store.addBanner({
      kind: 'unreadable-autosave',
      message: `The plant saved in this browser on ${restored.savedAt ? new Date(restored.savedAt).toLocaleString() : 'an earlier visit'} could not be read (${restored.problems.slice(0, 2).join('; ')}${restored.problems.length > 2 ? '; …' : ''}). It is kept, not overwritten: download it, fix it, and open it.`,
      text: restored.text,
      fileName: `kept-autosave-${restored.savedAt || Date.now()}.json`,
    });
  }
  // The first solve is asked for before anything is drawn.
  connectSolver(store, solver);
  registerOffline(store);
  const services: EditorServices = { store, registry, examples, metrics: { editToPaint: [] } };
  // A handle for end-to-end tests and for poking at the editor from the console.
  (window as unknown as { __flexsheet: unknown }).__flexsheet = { store, metrics: services.metrics };
  const channel = broadcastChannel();
  const tabs = channel ? { channel, id: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}` } : undefined;
  createRoot(document.getElementById('root')!).render(
    <App
      services={services}
      storage={storage}
      autosave={{ backup, events }}
      tabs={tabs}
      createBackground={createBackgroundWorkers}
      offerTour={!params.has('notour')}
    />,
  );
}

void start();

/**
 * The built site works offline: a service worker (the offline plugin of vite.config.ts) keeps its
 * files. It is registered once the first answer is in (or after 10 s): installing it fetches and
 * compiles every file of the build, elk's 1.6 MB among them, which would take a core from the
 * first solve.
 */
function registerOffline(store: EditorStore) {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  let done = false;
  const register = () => {
    if (done) return;
    done = true;
    stop();
    clearTimeout(timer);
    navigator.serviceWorker.register('./sw.js').catch(() => undefined);
  };
  const stop = store.subscribe((s) => void (s.solve.status === 'ok' || s.solve.status === 'failed' ? register() : undefined));
  const timer = setTimeout(register, 10_000);
}
