/**
 * The selected unit: its id and label, its notes and sources, its parameters (generated from the
 * unit type's declarations), its equipment data for the economics and the specifications that
 * adjust it. In a mode, the values shown and edited are that mode's, with the base value beside
 * every override; the scope switch edits the base plant instead.
 */
import { duplicate } from '../state/clipboard';
import { removeSelection, renameUnit, setLabel } from '../state/commands';
import { checkUnitId } from '../state/doc';
import { own } from '../state/own';
import { modeOf } from '../state/plant';
import { useEditor, useServices } from './context';
import { useDiagnosticMap, usePlant } from './derived';
import { EquipmentEditor } from './EquipmentEditor';
import { Notes } from './fields';
import { TextInput } from './params/NumberInput';
import { ParamPanel, paramOfPath } from './params/ParamPanel';
import { SpecsEditor } from './SpecsEditor';

function ScopeSwitch() {
  const { store } = useServices();
  const mode = useEditor((s) => s.mode);
  const scope = useEditor((s) => s.scope);
  if (mode === undefined) return null;
  return (
    <div className="scope-switch segmented" role="radiogroup" aria-label="values edited" data-scope={scope}>
      <span className="muted">editing</span>
      <button type="button" className={scope === 'mode' ? 'active' : ''} aria-pressed={scope === 'mode'} onClick={() => store.setScope('mode')} title={`Values changed here apply to mode “${mode}” only`}>
        this mode
      </button>
      <button type="button" className={scope === 'base' ? 'active' : ''} aria-pressed={scope === 'base'} onClick={() => store.setScope('base')} title="Values changed here apply to the base plant (and every mode that does not override them)">
        base
      </button>
    </div>
  );
}

export function UnitInspector({ id }: { id: string }) {
  const { store, registry } = useServices();
  const doc = useEditor((s) => s.doc);
  const mode = useEditor((s) => s.mode);
  const scope = useEditor((s) => s.scope);
  const plant = usePlant();
  const diag = useDiagnosticMap();
  const shown = own(plant.units, id);
  if (!shown) return null;
  const base = own(doc.units, id);
  const onlyHere = plant.added.has(id);
  // In a mode the values are the mode's, unless the user edits the base (a unit only the mode has has no base).
  const editMode = mode !== undefined && (scope === 'mode' || onlyHere) ? mode : undefined;
  const unit = editMode !== undefined || !base ? shown : base;
  const patch = editMode !== undefined && base ? (own(modeOf(doc, mode)?.units, id) ?? undefined) : undefined;
  const type = registry.get(unit.type);
  const problems = diag.units.get(id) ?? [];
  const general = problems.filter((d) => {
    const p = paramOfPath(d.path, id);
    return !(p && type && p in type.params);
  });
  const overridden = mode !== undefined && base ? plant.changed.get(id) : undefined;
  return (
    <div className="inspector-body" data-inspector-unit={id} data-edit-mode={editMode ?? ''}>
      <h2>
        {type?.title ?? unit.type} <span className="muted">{id}</span>
      </h2>
      {type && <p className="muted">{type.description}</p>}
      {mode !== undefined && (
        <div className={`mode-scope ${editMode !== undefined ? 'in-mode' : 'in-base'}`} data-testid="unit-scope">
          {onlyHere ? (
            <span>
              Only mode “{mode}” has this unit: what you set here is the mode's.
            </span>
          ) : (
            <>
              <ScopeSwitch />
              <span className="scope-note">
                {editMode !== undefined
                  ? overridden?.length
                    ? `Mode “${mode}” overrides ${overridden.join(', ')}; the base value is shown beside each.`
                    : `Mode “${mode}” runs this unit as the base plant does; a change here applies to “${mode}” only.`
                  : `Changes apply to the base plant${overridden?.length ? `; mode “${mode}” overrides ${overridden.join(', ')}` : ''}.`}
              </span>
            </>
          )}
        </div>
      )}
      <label className="field">
        <span>id</span>
        <TextInput label="unit id" value={id} commitOn="blur" validate={(v) => checkUnitId(doc, v, id)} onCommit={(v) => store.execute(renameUnit(id, v)) && store.select({ units: [v], streams: [] })} />
      </label>
      <label className="field">
        <span>label</span>
        <TextInput label="unit label" value={typeof unit.label === 'string' ? unit.label : ''} placeholder={id} onCommit={(v) => store.execute(setLabel(id, v, editMode))} />
      </label>
      <div className="button-row">
        <button
          type="button"
          onClick={() => {
            const c = duplicate(doc, mode, [id]);
            if (c && store.execute(c)) store.select({ units: c.created, streams: [] });
          }}
          title="Ctrl+D"
        >
          Duplicate
        </button>
        <button type="button" className="danger" onClick={() => store.execute(removeSelection([id], [], mode))} title={mode !== undefined && !onlyHere ? `Take it out of service in mode “${mode}”` : 'Delete (Del)'}>
          {mode !== undefined && !onlyHere ? 'Out of service in this mode' : 'Delete'}
        </button>
      </div>
      {general.length > 0 && (
        <ul className="problems" role="alert">
          {general.map((d, i) => (
            <li key={i}>{d.message}</li>
          ))}
        </ul>
      )}
      <Notes notes={unit.notes} />
      {type ? (
        <ParamPanel unitId={id} unit={unit} type={type} diagnostics={problems} mode={editMode} base={patch ? base : undefined} patch={patch ?? undefined} />
      ) : (
        <p className="field-error">Unknown unit type “{unit.type}”.</p>
      )}
      <SpecsEditor unitId={id} unit={unit} type={type} />
      <EquipmentEditor unitId={id} unit={unit} mode={editMode} />
    </div>
  );
}
