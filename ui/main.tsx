/** Browser entry: restore the autosaved plant (or open the best shipped one) and start the editor. */
import '@xyflow/react/dist/style.css';
import { get, set } from 'idb-keyval';
import { createRoot } from 'react-dom/client';
import { registry } from '../unit-ops';
import { App } from './components/App';
import type { EditorServices } from './components/context';
import { listExamples } from './examples';
import { restoreAutosave, type KeyValueStore } from './state/autosave';
import { emptyDoc } from './state/doc';
import { createEditorStore } from './state/store';
import { createBackgroundWorkers, createWorkerSolver } from './worker/client';
import './styles.css';

async function start() {
  const storage: KeyValueStore = { get: (k) => get(k), set: (k, v) => set(k, v) };
  const params = new URLSearchParams(location.search);
  const examples = listExamples(registry);
  const saved = params.has('fresh') ? undefined : await restoreAutosave(storage, registry);
  const wanted = examples.find((e) => e.id === params.get('example'));
  const initial = wanted?.doc ?? saved?.doc ?? examples[0]?.doc ?? emptyDoc();
  const store = createEditorStore(registry, initial, { mode: wanted ? undefined : saved?.mode });
  const services: EditorServices = { store, registry, examples, metrics: { editToPaint: [] } };
  // A handle for end-to-end tests and for poking at the editor from the console.
  (window as unknown as { __flexsheet: unknown }).__flexsheet = { store, metrics: services.metrics };
  createRoot(document.getElementById('root')!).render(<App services={services} storage={storage} createSolver={createWorkerSolver} createBackground={createBackgroundWorkers} />);
}

void start();

// The built site works offline: a service worker (ui/build/offline.ts) keeps its files.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  navigator.serviceWorker.register('./sw.js').catch(() => undefined);
}
