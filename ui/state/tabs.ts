/**
 * Two tabs on the same plant would autosave over each other, the last writer winning without a
 * word. Tabs of the editor talk over a broadcast channel: a tab that opens while another is open
 * hears so, does not autosave, and asks the user (a banner): edit here (the other tab stops
 * saving and says so), or leave it. The first tab is told that another one opened.
 */
import type { EditorStore } from './store';

export interface Channel {
  postMessage(message: TabMessage): void;
  onMessage(f: (message: TabMessage) => void): () => void;
  close(): void;
}

export type TabMessage = { type: 'hello' | 'here' | 'take'; tab: string };

export interface Tabs {
  /** This tab may write the autosave. */
  owns(): boolean;
  /** Edit here: the other tabs stop saving. */
  takeOver(): void;
  dispose(): void;
}

/** How long a new tab waits for others to answer before it writes. */
const HELLO_MS = 200;

export function connectTabs(store: EditorStore, channel: Channel, tab: string, options: { helloMs?: number; onOwner?(owns: boolean): void } = {}): Tabs {
  let owner = false;
  let answered = false;
  const become = (owns: boolean) => {
    owner = owns;
    options.onOwner?.(owns);
  };
  const timer = setTimeout(() => {
    if (!answered) become(true);
  }, options.helloMs ?? HELLO_MS);
  const off = channel.onMessage((m) => {
    if (m.tab === tab) return;
    if (m.type === 'hello') {
      channel.postMessage({ type: 'here', tab });
      store.addBanner({ kind: 'info', message: 'This plant was just opened in another tab too. That tab asks before it saves; this one keeps saving.' });
    } else if (m.type === 'here' && !answered) {
      answered = true;
      clearTimeout(timer);
      become(false);
      store.addBanner({
        kind: 'other-tab',
        message: 'This plant is already open in another tab. Both would save over each other, so this tab does not save your changes until you choose.',
      });
    } else if (m.type === 'take') {
      if (owner) become(false);
      store.dismissBanner('info');
      store.addBanner({ kind: 'taken-over', message: 'Another tab now edits this plant: this tab no longer saves it.' });
    }
  });
  channel.postMessage({ type: 'hello', tab });
  return {
    owns: () => owner,
    takeOver() {
      answered = true;
      clearTimeout(timer);
      channel.postMessage({ type: 'take', tab });
      become(true);
      store.dismissBanner('other-tab');
      store.dismissBanner('taken-over');
    },
    dispose() {
      clearTimeout(timer);
      off();
      channel.close();
    },
  };
}

/** The browser's channel between tabs of one origin. */
export function broadcastChannel(name = 'flexsheet-tabs'): Channel | undefined {
  if (typeof BroadcastChannel === 'undefined') return undefined;
  const bc = new BroadcastChannel(name);
  return {
    postMessage: (m) => bc.postMessage(m),
    onMessage(f) {
      const h = (e: MessageEvent<TabMessage>) => f(e.data);
      bc.addEventListener('message', h);
      return () => bc.removeEventListener('message', h);
    },
    close: () => bc.close(),
  };
}
