/** Editors for outlet names, fractions per outlet, selector fractions and selector splits. */
import { formatNumber } from '../../../core/format';
import { sumValues } from '../../state/feed';
import { useEditor } from '../context';
import { AddSelect, RemoveButton, withKey } from './keyed';
import { NumberInput, TextInput } from './NumberInput';

const FRACTION = { min: 0, max: 1 };

export function NamesEditor({ value, onCommit, label }: { value: string[] | undefined; onCommit(v: string[]): void; label: string }) {
  const names = value ?? [];
  const validate = (i: number) => (t: string) => {
    if (!t.trim()) return 'a name cannot be empty';
    if (t.includes('.')) return 'a port name cannot contain "."';
    if (names.some((n, j) => j !== i && n === t)) return `"${t}" is already an outlet`;
    return undefined;
  };
  const fresh = () => {
    for (let i = names.length + 1; ; i++) if (!names.includes(`out${i}`)) return `out${i}`;
  };
  return (
    <div className="names-editor" aria-label={label}>
      {names.map((n, i) => (
        <div className="row" key={i}>
          <TextInput label={`${label} ${i + 1}`} value={n} validate={validate(i)} commitOn="blur" onCommit={(t) => onCommit(names.map((x, j) => (j === i ? t : x)))} />
          <button type="button" className="icon" disabled={names.length <= 1} onClick={() => onCommit(names.filter((_, j) => j !== i))} aria-label={`remove ${n}`} title="Remove outlet">
            ×
          </button>
        </div>
      ))}
      <button type="button" className="small" onClick={() => onCommit([...names, fresh()])}>
        + outlet
      </button>
    </div>
  );
}

export function FractionsEditor({
  value,
  names,
  onCommit,
  label,
}: {
  value: Record<string, number> | undefined;
  names: readonly string[];
  onCommit(v: Record<string, number>): void;
  label: string;
}) {
  const fractions = value ?? {};
  const keys = [...names, ...Object.keys(fractions).filter((k) => !names.includes(k))];
  const total = sumValues(fractions);
  const ok = Math.abs(total - 1) < 1e-9;
  const last = names[names.length - 1];
  return (
    <div className="fractions-editor" aria-label={label}>
      <table className="kv-table">
        <tbody>
          {keys.map((k) => (
            <tr key={k} className={names.includes(k) ? '' : 'invalid-row'}>
              <td title={names.includes(k) ? undefined : `"${k}" is not an outlet`}>{k}</td>
              <td>
                <NumberInput label={`fraction to ${k}`} value={fractions[k]} bounds={FRACTION} allowEmpty onCommit={(v) => onCommit(withKey(fractions, k, v))} />
              </td>
            </tr>
          ))}
          <tr className="total">
            <td>sum</td>
            <td className={ok ? 'num' : 'num field-error'}>
              {formatNumber(total, 9)}
              {ok ? '' : ' — must be 1'}
              {!ok && last && (
                <button type="button" className="small" onClick={() => onCommit({ ...fractions, [last]: Math.max(0, Number((1 - total + (fractions[last] ?? 0)).toPrecision(12))) })}>
                  give the rest to {last}
                </button>
              )}
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

/** Selectors known to the plant: '*', phases present, declared species. */
function useSelectorOptions(): string[] {
  const species = useEditor((s) => s.doc.species);
  return ['*', 'phase:s', 'phase:l', 'phase:aq', 'phase:org', 'phase:g', ...Object.keys(species)];
}

export function SelectorFractionsEditor({ value, onCommit, label }: { value: Record<string, number> | undefined; onCommit(v: Record<string, number>): void; label: string }) {
  const map = value ?? {};
  const options = useSelectorOptions().filter((o) => !(o in map));
  return (
    <div className="selector-editor" aria-label={label}>
      <table className="kv-table">
        <tbody>
          {Object.entries(map).map(([sel, f]) => (
            <tr key={sel}>
              <td className="species">{sel}</td>
              <td>
                <NumberInput label={`${label} ${sel}`} value={f} bounds={FRACTION} onCommit={(v) => onCommit(withKey(map, sel, v ?? 0))} />
              </td>
              <td>
                <RemoveButton label={`remove ${sel}`} onClick={() => onCommit(withKey(map, sel, undefined))} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <AddSelect label={`add selector to ${label}`} prompt="+ species, phase or *…" options={options} onAdd={(sel) => onCommit({ ...map, [sel]: 0 })} />
    </div>
  );
}

export function SelectorSplitsEditor({
  value,
  names,
  onCommit,
  label,
}: {
  value: Record<string, Record<string, number>> | undefined;
  names: readonly string[];
  onCommit(v: Record<string, Record<string, number>>): void;
  label: string;
}) {
  const splits = value ?? {};
  const givers = names.slice(0, -1);
  const last = names[names.length - 1];
  return (
    <div className="splits-editor" aria-label={label}>
      {givers.map((o) => (
        <div key={o} className="subgroup">
          <div className="subgroup-title">to {o}</div>
          <SelectorFractionsEditor label={`split to ${o}`} value={splits[o]} onCommit={(m) => onCommit({ ...splits, [o]: m })} />
        </div>
      ))}
      {last && <div className="hint">{last} takes the rest.</div>}
    </div>
  );
}
