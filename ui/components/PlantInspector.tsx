/**
 * The plant itself (nothing selected): its name, description and notes, the flow basis (a change
 * converts the flows, or — only when asked — keeps the numbers), the species, the modes, and the
 * economics inputs.
 */
import { useState } from 'react';
import { FLOW_BASES, type FlowBasis } from '../../core';
import { setBasis, unconvertible } from '../state/basis';
import { removeSpecies, setPlantName } from '../state/commands';
import { useEditor, useServices } from './context';
import { useDiagnosticMap } from './derived';
import { Dialog } from './Dialog';
import { EconomicsInputs } from './EconomicsInputs';
import { Notes, Section } from './fields';
import { ModesPanel } from './ModesPanel';
import { TextInput } from './params/NumberInput';
import { SpeciesPicker } from './SpeciesPicker';

const example = (from: FlowBasis, to: FlowBasis) => {
  const kg: Record<string, number> = { 'kg/h': 600, 't/h': 0.6 };
  return kg[from] !== undefined && kg[to] !== undefined ? `${kg[from]} ${from} becomes ${kg[to]} ${to}` : `each flow is converted through its species' molar mass`;
};

function BasisDialog({ to, onClose }: { to: FlowBasis; onClose(): void }) {
  const { store, registry } = useServices();
  const doc = useEditor((s) => s.doc);
  const missing = unconvertible(doc, registry, to);
  const factor = doc.basis === 'kg/h' && to === 't/h' ? '1,000 times bigger' : doc.basis === 't/h' && to === 'kg/h' ? '1,000 times smaller' : 'a different plant';
  return (
    <Dialog title={`Flow basis ${doc.basis} → ${to}`} onClose={onClose} testId="basis-dialog">
      <p>Every flow number in the file is in the basis. Changing it can keep the plant as it is, or keep the numbers.</p>
      <div className="button-column">
        <button
          type="button"
          className="primary"
          onClick={() => {
            store.execute(setBasis(to, registry, true));
            onClose();
          }}
        >
          Convert the flows to {to} (the plant stays the same: {example(doc.basis, to)})
        </button>
        <button
          type="button"
          onClick={() => {
            store.execute(setBasis(to, registry, false));
            onClose();
          }}
        >
          Keep the numbers and read them in {to} (the plant becomes {factor})
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
      {missing.length > 0 && <p className="field-error">No molar mass for {missing.join(', ')}: their flows would be left as they are.</p>}
    </Dialog>
  );
}

export function PlantInspector() {
  const { store } = useServices();
  const doc = useEditor((s) => s.doc);
  const diag = useDiagnosticMap();
  const [basisTo, setBasisTo] = useState<FlowBasis>();
  const nSpecies = Object.keys(doc.species).length;
  return (
    <div className="inspector-body" data-inspector-plant>
      <h2>Plant</h2>
      <label className="field">
        <span>name</span>
        <TextInput label="plant name" value={doc.name} onCommit={(v) => store.execute(setPlantName(v))} />
      </label>
      <label className="field">
        <span>basis</span>
        <select aria-label="flow basis" value={doc.basis} onChange={(e) => setBasisTo(e.target.value as FlowBasis)}>
          {FLOW_BASES.map((b) => (
            <option key={b}>{b}</option>
          ))}
        </select>
      </label>
      {basisTo && basisTo !== doc.basis && <BasisDialog to={basisTo} onClose={() => setBasisTo(undefined)} />}
      {typeof doc.description === 'string' && <p className="description">{doc.description}</p>}
      <Notes notes={doc.notes} />
      {diag.general.length > 0 && (
        <ul className="problems" role="alert">
          {diag.general.map((d, i) => (
            <li key={i}>
              {d.path}: {d.message}
            </li>
          ))}
        </ul>
      )}
      <Section title={`Species (${nSpecies})`} open={nSpecies <= 16} testId="species">
        {nSpecies === 0 && <p className="hint">Declare the species first: feeds, reactions and splits name them.</p>}
        <ul className="species-list">
          {Object.keys(doc.species).map((id) => (
            <li key={id}>
              <span className="species">{id}</span>
              {doc.species[id]?.formula && <span className="muted"> = {doc.species[id].formula}</span>}
              <button type="button" className="icon" aria-label={`remove species ${id}`} onClick={() => store.execute(removeSpecies(id))}>
                ×
              </button>
            </li>
          ))}
        </ul>
        <SpeciesPicker />
      </Section>
      <Section title={`Modes (${Object.keys(doc.modes ?? {}).length})`} testId="modes">
        <ModesPanel />
      </Section>
      <Section title="Economics inputs" testId="economics">
        <EconomicsInputs />
      </Section>
    </div>
  );
}
