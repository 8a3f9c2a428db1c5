/** The side panel: the selected unit's parameters, the selected stream, or the plant itself. */
import { applyMode, type FlowBasis } from '../../core';
import { setBasis } from '../state/basis';
import { duplicate } from '../state/clipboard';
import { addSpecies, removeSelection, removeSpecies, renameStream, renameUnit, setLabel, setPlantName } from '../state/commands';
import { checkStreamId, checkUnitId, parseRef } from '../state/doc';
import { pathSegments } from '../state/diagnostics-map';
import { formatFlow, formatPercent } from '../state/results-view';
import { checkSpeciesId } from '../state/validate';
import { useEditor, useServices } from './context';
import { useDiagnosticMap, useResults, useShownStale } from './derived';
import { TextInput } from './params/NumberInput';
import { ParamPanel } from './params/ParamPanel';
import { useState } from 'react';

function UnitInspector({ id }: { id: string }) {
  const { store, registry } = useServices();
  const doc = useEditor((s) => s.doc);
  const mode = useEditor((s) => s.mode);
  const diag = useDiagnosticMap();
  const unit = doc.units[id];
  const type = registry.get(unit.type);
  const problems = diag.units.get(id) ?? [];
  // Problems about one parameter are shown under its field; the rest here.
  const general = problems.filter((d) => {
    const seg = pathSegments(d.path);
    return !(seg[0] === 'units' && seg[1] === id && typeof seg[2] === 'string' && type && seg[2] in type.params);
  });
  const modePatch = mode !== undefined ? doc.modes?.[mode]?.units?.[id] : undefined;
  const idle = mode !== undefined && (applyMode(doc, mode, [])?.idle ?? []).includes(id);
  return (
    <div className="inspector-body" data-inspector-unit={id}>
      <h2>
        {type?.title ?? unit.type} <span className="muted">{id}</span>
      </h2>
      {type && <p className="muted">{type.description}</p>}
      <label className="field">
        <span>id</span>
        <TextInput label="unit id" value={id} commitOn="blur" validate={(v) => checkUnitId(doc, v, id)} onCommit={(v) => store.execute(renameUnit(id, v)) && store.select({ units: [v], streams: [] })} />
      </label>
      <label className="field">
        <span>label</span>
        <TextInput label="unit label" value={typeof unit.label === 'string' ? unit.label : ''} placeholder={id} onCommit={(v) => store.execute(setLabel(id, v))} />
      </label>
      <div className="button-row">
        <button type="button" onClick={() => {
            const c = duplicate(doc, mode, [id]);
            if (c && store.execute(c)) store.select({ units: c.created, streams: [] });
          }}>
          Duplicate
        </button>
        <button type="button" className="danger" onClick={() => store.execute(removeSelection([id], []))}>
          Delete
        </button>
      </div>
      {idle && <div className="notice">Out of service in mode “{mode}”.</div>}
      {modePatch && !idle && <div className="notice">Mode “{mode}” changes: {Object.keys(modePatch).join(', ')}. The fields below are the base values.</div>}
      {general.length > 0 && (
        <ul className="problems" role="alert">
          {general.map((d, i) => (
            <li key={i}>{d.message}</li>
          ))}
        </ul>
      )}
      {type ? <ParamPanel unitId={id} unit={unit} type={type} diagnostics={problems} /> : <p className="field-error">Unknown unit type “{unit.type}”.</p>}
    </div>
  );
}

function StreamInspector({ id }: { id: string }) {
  const { store } = useServices();
  const doc = useEditor((s) => s.doc);
  const results = useResults();
  const stale = useShownStale();
  const diag = useDiagnosticMap();
  const s = doc.streams[id];
  const r = results?.streams[id];
  return (
    <div className="inspector-body" data-inspector-stream={id}>
      <h2>
        Stream <span className="muted">{id}</span>
      </h2>
      <label className="field">
        <span>id</span>
        <TextInput label="stream id" value={id} commitOn="blur" validate={(v) => checkStreamId(doc, v, id)} onCommit={(v) => store.execute(renameStream(id, v)) && store.select({ units: [], streams: [v] })} />
      </label>
      <p>
        from <b>{parseRef(s.from).unit}</b>.{parseRef(s.from).port} to <b>{parseRef(s.to).unit}</b>.{parseRef(s.to).port}
      </p>
      <button type="button" className="danger" onClick={() => store.execute(removeSelection([], [id]))}>
        Delete stream
      </button>
      {(diag.streams.get(id) ?? []).map((d, i) => (
        <div key={i} className="field-error">
          {d.message}
        </div>
      ))}
      {r && (
        <table className={`kv-table${stale ? ' stale' : ''}`}>
          <thead>
            <tr>
              <th>species</th>
              <th>kg/h</th>
              <th>kmol/h</th>
              <th>mass %</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(r.massFlow)
              .sort((a, b) => b[1] - a[1])
              .map(([sp, m]) => (
                <tr key={sp}>
                  <td>{sp}</td>
                  <td className="num">{formatFlow(m)}</td>
                  <td className="num">{formatFlow(r.molarFlow[sp] ?? 0)}</td>
                  <td className="num">{formatPercent(r.totals.mass ? m / r.totals.mass : 0)}</td>
                </tr>
              ))}
            <tr className="total">
              <td>total</td>
              <td className="num">{formatFlow(r.totals.mass)}</td>
              <td className="num">{formatFlow(r.totals.molar)}</td>
              <td />
            </tr>
          </tbody>
        </table>
      )}
    </div>
  );
}

function PlantInspector() {
  const { store, registry } = useServices();
  const doc = useEditor((s) => s.doc);
  const diag = useDiagnosticMap();
  const [newSpecies, setNewSpecies] = useState('');
  const [formula, setFormula] = useState('');
  const speciesError = newSpecies ? checkSpeciesId(doc, newSpecies, formula) : undefined;
  return (
    <div className="inspector-body">
      <h2>Plant</h2>
      <label className="field">
        <span>name</span>
        <TextInput label="plant name" value={doc.name} onCommit={(v) => store.execute(setPlantName(v))} />
      </label>
      <label className="field">
        <span>basis</span>
        <select aria-label="flow basis" value={doc.basis} onChange={(e) => store.execute(setBasis(e.target.value as FlowBasis, registry, true))}>
          {['kg/h', 't/h', 'kmol/h', 'mol/s'].map((b) => (
            <option key={b}>{b}</option>
          ))}
        </select>
      </label>
      {diag.general.length > 0 && (
        <ul className="problems" role="alert">
          {diag.general.map((d, i) => (
            <li key={i}>
              {d.path}: {d.message}
            </li>
          ))}
        </ul>
      )}
      <details open={Object.keys(doc.species).length <= 16}>
      <summary>Species ({Object.keys(doc.species).length})</summary>
      <ul className="species-list">
        {Object.entries(doc.species).map(([id, d]) => (
          <li key={id}>
            <span className="species">{id}</span>
            {d.formula && <span className="muted"> = {d.formula}</span>}
            <button type="button" className="icon" aria-label={`remove species ${id}`} onClick={() => store.execute(removeSpecies(id))}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <form
        className="add-species"
        onSubmit={(e) => {
          e.preventDefault();
          if (newSpecies && !speciesError && store.execute(addSpecies(newSpecies, formula || undefined))) {
            setNewSpecies('');
            setFormula('');
          }
        }}
      >
        <input aria-label="new species id" placeholder="e.g. NiSO4(aq)" value={newSpecies} onChange={(e) => setNewSpecies(e.target.value)} />
        <input aria-label="new species formula" placeholder="formula (if a name)" value={formula} onChange={(e) => setFormula(e.target.value)} />
        <button type="submit" disabled={!newSpecies || !!speciesError}>
          Add
        </button>
        {speciesError && <div className="field-error">{speciesError}</div>}
      </form>
      </details>
      {doc.modes && Object.keys(doc.modes).length > 0 && (
        <>
          <h3>Modes</h3>
          <ul>
            {Object.entries(doc.modes).map(([m, d]) => (
              <li key={m}>
                <b>{m}</b> {d.description ? `— ${d.description}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

export function Inspector() {
  const selection = useEditor((s) => s.selection);
  const doc = useEditor((s) => s.doc);
  let body;
  if (selection.units.length === 1 && selection.units[0] in doc.units) body = <UnitInspector key={selection.units[0]} id={selection.units[0]} />;
  else if (selection.units.length === 0 && selection.streams.length === 1 && selection.streams[0] in doc.streams) body = <StreamInspector key={selection.streams[0]} id={selection.streams[0]} />;
  else if (selection.units.length + selection.streams.length > 1)
    body = (
      <div className="inspector-body">
        <h2>{selection.units.length + selection.streams.length} selected</h2>
        <p className="muted">Delete removes them; Ctrl+D duplicates the units.</p>
      </div>
    );
  else body = <PlantInspector />;
  return (
    <aside className="inspector" aria-label="Inspector">
      {body}
    </aside>
  );
}
