/**
 * The specifications that adjust a unit (FORMAT.md "Specifications"), edited on the unit: the
 * target (a stream, the whole of it, an element or a species, a quantity and its value) and the
 * parameter adjusted with its bounds. In a mode, edits are the mode's override. The value found
 * is shown once the results carry it.
 */
import type { AnyUnitType, UnitDecl } from '../../core';
import { formatNumber } from '../../core/format';
import { parseRef } from '../state/doc';
import { own } from '../state/own';
import { adjustableParams, freshSpecId, plantSpecs, setSpec, specResults, SPEC_QUANTITIES, valueAt, type SpecDecl, type SpecQuantity } from '../state/specs';
import { useEditor, useServices } from './context';
import { useResults, usePlant, useSpeciesInfo, useValueMode } from './derived';
import { Section } from './fields';
import { NumberInput } from './params/NumberInput';

const pathText = (p: readonly (string | number)[]) => p.join('.');

function SpecRow({ id, spec, unit, type }: { id: string; spec: SpecDecl; unit: UnitDecl; type: AnyUnitType | undefined }) {
  const { store } = useServices();
  const mode = useValueMode();
  const plant = usePlant();
  const info = useSpeciesInfo();
  const results = useResults();
  const found = own(specResults(results), id);
  const t = spec.target;
  const a = spec.adjust;
  const put = (next: SpecDecl) => store.execute(setSpec(id, next, mode));
  const paths = adjustableParams(type, unit);
  const elements = [...new Set([...info.values()].flatMap((s) => Object.keys(s.elements)))];
  const what = t.element !== undefined ? `el:${t.element}` : t.species !== undefined ? `sp:${t.species}` : '';
  const q = SPEC_QUANTITIES.find((x) => x.quantity === t.quantity);
  return (
    <div className="spec" data-spec={id}>
      <div className="spec-head">
        <b>{id}</b>
        {found && (
          <span className="spec-found" data-spec-found={id}>
            found {formatNumber(found.value)} (target {formatNumber(found.target)})
          </span>
        )}
        <button type="button" className="icon" aria-label={`remove spec ${id}`} onClick={() => store.execute(setSpec(id, undefined, mode))}>
          ×
        </button>
      </div>
      <div className="spec-grid">
        <span>target</span>
        <span className="row">
          <select aria-label={`spec ${id} target quantity`} value={t.quantity} onChange={(e) => put({ ...spec, target: { ...t, quantity: e.target.value as SpecQuantity } })}>
            {SPEC_QUANTITIES.map((x) => (
              <option key={x.quantity} value={x.quantity}>
                {x.label}
              </option>
            ))}
          </select>
          of
          <select
            aria-label={`spec ${id} target of`}
            value={what}
            onChange={(e) => {
              const v = e.target.value;
              const { element: _e, species: _s, ...rest } = t;
              put({ ...spec, target: v.startsWith('el:') ? { ...rest, element: v.slice(3) } : v.startsWith('sp:') ? { ...rest, species: v.slice(3) } : rest });
            }}
          >
            <option value="">the whole stream</option>
            {elements.map((el) => (
              <option key={el} value={`el:${el}`}>
                {el}
              </option>
            ))}
            {[...info.keys()].map((sp) => (
              <option key={sp} value={`sp:${sp}`}>
                {sp}
              </option>
            ))}
          </select>
          in
          <select aria-label={`spec ${id} target stream`} value={t.stream} onChange={(e) => put({ ...spec, target: { ...t, stream: e.target.value } })}>
            {!own(plant.streams, t.stream) && <option value={t.stream}>{t.stream || '—'}</option>}
            {Object.keys(plant.streams).map((sid) => (
              <option key={sid} value={sid}>
                {sid}
              </option>
            ))}
          </select>
        </span>
        <span>value</span>
        <span className="row">
          <NumberInput label={`spec ${id} target value`} value={t.value} onCommit={(v) => v !== undefined && put({ ...spec, target: { ...t, value: v } })} />
          <span className="unit">{q?.unit}</span>
        </span>
        <span>adjusting</span>
        <span className="row">
          <select aria-label={`spec ${id} adjusted parameter`} value={pathText(a.param)} onChange={(e) => put({ ...spec, adjust: { ...a, param: paths.find((p) => pathText(p) === e.target.value) ?? a.param } })}>
            {!paths.some((p) => pathText(p) === pathText(a.param)) && <option value={pathText(a.param)}>{pathText(a.param) || '—'}</option>}
            {paths.map((p) => (
              <option key={pathText(p)} value={pathText(p)}>
                {pathText(p)} (now {formatNumber(Number(valueAt(unit, p) ?? 0))})
              </option>
            ))}
          </select>
        </span>
        <span>between</span>
        <span className="row">
          <NumberInput label={`spec ${id} min`} value={a.min} allowEmpty onCommit={(v) => put({ ...spec, adjust: { ...a, min: v } })} />
          and
          <NumberInput label={`spec ${id} max`} value={a.max} allowEmpty onCommit={(v) => put({ ...spec, adjust: { ...a, max: v } })} />
        </span>
      </div>
    </div>
  );
}

export function SpecsEditor({ unitId, unit, type }: { unitId: string; unit: UnitDecl; type: AnyUnitType | undefined }) {
  const { store } = useServices();
  const doc = useEditor((s) => s.doc);
  const mode = useEditor((s) => s.mode);
  const valueMode = useValueMode();
  const plant = usePlant();
  const results = useResults();
  const specs = plantSpecs(doc, mode);
  const mine = Object.keys(specs).filter((id) => specs[id]?.adjust?.unit === unitId);
  const paths = adjustableParams(type, unit);
  const add = () => {
    const out = Object.keys(plant.streams).find((sid) => parseRef(plant.streams[sid].from).unit === unitId) ?? Object.keys(plant.streams)[0] ?? '';
    const param = paths[0] ?? [];
    const now = Number(valueAt(unit, param) ?? 0);
    // The target starts where the plant is now (the stream's present flow), so the spec holds until it is changed.
    const present = results?.streams[out]?.totals.mass ?? 0;
    const spec: SpecDecl = { target: { stream: out, quantity: 'massFlow', value: Number(present.toPrecision(6)) }, adjust: { unit: unitId, param, min: 0, max: now > 0 ? now * 10 : 1 } };
    store.execute(setSpec(freshSpecId(doc, `${unitId}_spec`), spec, valueMode));
  };
  return (
    <Section title={`Specifications (${mine.length})`} open={mine.length > 0} testId="specs">
      {mine.map((id) => (
        <SpecRow key={id} id={id} spec={specs[id]} unit={unit} type={type} />
      ))}
      {paths.length > 0 ? (
        <button type="button" className="small" onClick={add}>
          + specification adjusting this unit
        </button>
      ) : (
        <p className="hint">This unit has no numeric parameter a specification could adjust.</p>
      )}
      <p className="hint">A specification sets a target on a stream and lets the solver find this unit's parameter that meets it.</p>
    </Section>
  );
}
