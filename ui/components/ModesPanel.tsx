/**
 * Modes of the plant: create one (empty: the base plant as it is, or a copy of another), rename,
 * describe and delete them, and show one. Opened from the toolbar's "Modes…" and from the plant
 * panel.
 */
import { useState } from 'react';
import { addMode, checkModeName, deleteMode, freshModeName, renameMode, setModeDescription } from '../state/modes';
import { useEditor, useServices } from './context';
import { Dialog } from './Dialog';
import { TextInput } from './params/NumberInput';

export function ModesPanel() {
  const { store } = useServices();
  const doc = useEditor((s) => s.doc);
  const current = useEditor((s) => s.mode);
  const modes = Object.keys(doc.modes ?? {});
  const [name, setName] = useState('');
  const [from, setFrom] = useState('');
  const error = name ? checkModeName(doc, name) : undefined;
  return (
    <div className="modes-panel" data-testid="modes-panel">
      {modes.length === 0 && <p className="muted">This plant has no modes: it runs one way. A mode changes units, takes some out of service, adds its own, or routes streams its own way.</p>}
      <table className="kv-table modes-table">
        <tbody>
          {modes.map((m) => (
            <tr key={m} className={m === current ? 'selected' : ''} data-mode-row={m}>
              <td>
                <TextInput label={`name of mode ${m}`} value={m} commitOn="blur" validate={(v) => checkModeName(doc, v, m)} onCommit={(v) => store.execute(renameMode(m, v))} />
              </td>
              <td>
                <TextInput label={`description of mode ${m}`} value={doc.modes![m].description ?? ''} placeholder="what this mode runs" onCommit={(v) => store.execute(setModeDescription(m, v))} />
              </td>
              <td className="actions">
                <button type="button" className="small" onClick={() => store.setMode(m)} disabled={m === current}>
                  show
                </button>
                <button type="button" className="small" onClick={() => store.execute(addMode(freshModeName(doc, `${m} copy`), m))}>
                  copy
                </button>
                <button type="button" className="small danger" onClick={() => store.execute(deleteMode(m))}>
                  delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="row new-mode"
        onSubmit={(e) => {
          e.preventDefault();
          if (name && !error && store.execute(addMode(name, from || undefined))) {
            setName('');
            setFrom('');
          }
        }}
      >
        <input aria-label="new mode name" placeholder="new mode name" value={name} onChange={(e) => setName(e.target.value)} />
        <select aria-label="new mode starts from" value={from} onChange={(e) => setFrom(e.target.value)}>
          <option value="">as the base plant</option>
          {modes.map((m) => (
            <option key={m} value={m}>
              as a copy of {m}
            </option>
          ))}
        </select>
        <button type="submit" disabled={!name || !!error}>
          Create mode
        </button>
        {error && <span className="field-error">{error}</span>}
      </form>
    </div>
  );
}

export function ModesDialog({ onClose }: { onClose(): void }) {
  return (
    <Dialog title="Modes" onClose={onClose} testId="modes-dialog">
      <ModesPanel />
    </Dialog>
  );
}
