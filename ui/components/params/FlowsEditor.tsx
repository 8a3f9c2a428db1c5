/**
 * A feed's composition, edited as species flows in the file's basis or as mass fractions with a
 * total mass flow. Fractions are committed when they sum to 100 %; until then the sum is flagged.
 */
import { useMemo, useState } from 'react';
import type { FlowBasis } from '../../../core';
import { fromMassComposition, sumValues, toMassComposition } from '../../state/feed';
import { formatNumber } from '../../../core/format';
import { SpeciesPicker } from '../SpeciesPicker';
import { useSpeciesInfo } from '../derived';
import { useEditor } from '../context';
import { AddSelect, RemoveButton, withKey } from './keyed';
import { NumberInput } from './NumberInput';

interface Props {
  value: Record<string, number> | undefined;
  onCommit(v: Record<string, number>): void;
  label: string;
}

export function FlowsEditor({ value, onCommit, label }: Props) {
  const flows = value ?? {};
  const basis = useEditor((s) => s.doc.basis) as FlowBasis;
  const declared = useEditor((s) => s.doc.species);
  const info = useSpeciesInfo();
  const [asFractions, setAsFractions] = useState(false);
  const [draft, setDraft] = useState<Record<string, number> | null>(null);
  const comp = useMemo(() => toMassComposition(flows, basis, info), [flows, basis, info]);
  const fractions = draft ?? comp.fractions;
  const fractionSum = sumValues(fractions);
  const fractionsOk = Math.abs(fractionSum - 1) < 1e-6;
  const unused = Object.keys(declared).filter((id) => !(id in flows));

  const setFraction = (id: string, w: number | undefined) => {
    const next = { ...fractions, [id]: w ?? 0 };
    if (Math.abs(sumValues(next) - 1) < 1e-6) {
      setDraft(null);
      onCommit(fromMassComposition(next, comp.total, basis, info));
    } else setDraft(next);
  };
  const remove = (id: string) => {
    setDraft(null);
    onCommit(withKey(flows, id, undefined));
  };

  return (
    <div className="flows-editor" aria-label={label}>
      <div className="segmented" role="radiogroup" aria-label="Edit feed as">
        <button type="button" className={!asFractions ? 'active' : ''} onClick={() => (setAsFractions(false), setDraft(null))} aria-pressed={!asFractions}>
          Flows [{basis}]
        </button>
        <button type="button" className={asFractions ? 'active' : ''} onClick={() => (setAsFractions(true), setDraft(null))} aria-pressed={asFractions}>
          Mass fractions
        </button>
      </div>
      {asFractions && (
        <label className="row">
          <span className="row-label">Total</span>
          <NumberInput
            label="total mass flow"
            value={comp.total}
            bounds={{ min: 0 }}
            onCommit={(t) => onCommit(fromMassComposition(fractions, t ?? 0, basis, info))}
          />
          <span className="unit">kg/h</span>
        </label>
      )}
      <table className="kv-table">
        <tbody>
          {Object.entries(flows).map(([id, amount]) => (
            <tr key={id} className={declared[id] ? '' : 'invalid-row'}>
              <td className="species" title={declared[id] ? undefined : `"${id}" is not declared in species`}>
                {id}
              </td>
              <td>
                {asFractions ? (
                  <NumberInput label={`mass fraction of ${id}`} value={fractions[id] ?? 0} scale={100} bounds={{ min: 0, max: 1 }} onCommit={(w) => setFraction(id, w)} />
                ) : (
                  <NumberInput label={`flow of ${id}`} value={amount} bounds={{ min: 0 }} onCommit={(v) => onCommit({ ...flows, [id]: v ?? 0 })} />
                )}
              </td>
              <td className="unit">{asFractions ? '%' : basis}</td>
              <td>
                <RemoveButton label={`remove ${id}`} title="Remove" onClick={() => remove(id)} />
              </td>
            </tr>
          ))}
          <tr className="total">
            <td>{asFractions ? 'sum' : 'total'}</td>
            <td className="num" colSpan={3}>
              {asFractions ? (
                <span className={fractionsOk ? '' : 'field-error'}>
                  {formatNumber(fractionSum * 100, 6)} %{fractionsOk ? '' : ' — must be 100 % (not saved until it is)'}
                </span>
              ) : (
                <>
                  {basis === 'kg/h' || basis === 't/h' ? `${formatNumber(sumValues(flows))} ${basis}` : ''}
                  {basis !== 'kg/h' ? ` (${formatNumber(comp.total)} kg/h)` : ''}
                </>
              )}
            </td>
          </tr>
        </tbody>
      </table>
      {unused.length > 0 && <AddSelect label="add species to feed" prompt="+ add species…" options={unused} onAdd={(id) => onCommit({ ...flows, [id]: 0 })} />}
      {Object.keys(declared).length === 0 && (
        <div className="hint-box">
          <p className="hint">A feed names declared species. Declare them here (or in the plant panel: click empty diagram space):</p>
          <SpeciesPicker compact />
        </div>
      )}
      {basis !== 'kg/h' && basis !== 't/h' && comp.unknown.length > 0 && <div className="field-error">molar mass unknown for {comp.unknown.join(', ')}</div>}
    </div>
  );
}
