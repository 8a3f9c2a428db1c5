/**
 * The "Pilot data" tab: the reconciliation panel (ui/reconcile) over the editor's pilot data
 * (state/pilot.ts): the CSV is loaded here (file picker, pasted text, or dropped onto the panel),
 * reconciled in a background worker, and shown as measured against reconciled values; the diagram
 * shows the same as badges. The data never touch the plant. Loaded on first use.
 */
import { formatNumber } from '../../core/format';
import { useMemo } from 'react';
import { ReconcileView } from '../reconcile/ReconcilePanel';
import { replaceDocument } from '../state/commands';
import { pilotView } from '../state/pilot';
import { useEditor, useServices } from './context';

const seconds = (ms: number) => (ms >= 1000 ? `${formatNumber(ms / 1000, 2)} s` : `${formatNumber(ms, 3)} ms`);

export default function PilotTab() {
  const { store } = useServices();
  const doc = useEditor((s) => s.doc);
  const mode = useEditor((s) => s.mode);
  const version = useEditor((s) => s.version);
  const pilot = useEditor((s) => s.pilot);
  const view = useMemo(() => pilotView(store.getState()), [store, pilot, version, mode]);
  const note = view.result && view.ms !== undefined && view.ms > 0 ? `reconciled in ${seconds(view.ms)}${view.stale ? ' — the plant or options changed since' : ''}` : undefined;
  return (
    <ReconcileView
      doc={doc}
      mode={mode}
      fileName={view.data?.fileName}
      options={view.options}
      onOptions={(o) => store.setPilotOptions(o)}
      runs={view.runs}
      run={view.run}
      onRun={(r) => store.setPilotRun(r)}
      result={view.result}
      problems={view.problems}
      busy={view.busy}
      stale={view.stale}
      note={note}
      onLoad={(text, fileName) => store.loadPilotData(text, fileName)}
      onClear={() => store.clearPilotData()}
      onApplyParameters={(next) => store.execute(replaceDocument(next, 'apply fitted parameters'))}
    />
  );
}
