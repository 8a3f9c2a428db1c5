/** Editors for reagents, SX distribution ratios, and raw JSON for anything else. */
import { useState } from 'react';
import { useEditor } from '../context';
import { AddSelect, RemoveButton, withKey } from './keyed';
import { NumberInput } from './NumberInput';

type Reagents = Record<string, { excess?: number; net?: boolean; [k: string]: unknown }>;

export function ReagentsEditor({ value, onCommit, label }: { value: Reagents | undefined; onCommit(v: Reagents): void; label: string }) {
  const map = value ?? {};
  const species = useEditor((s) => s.doc.species);
  const unused = Object.keys(species).filter((s) => !(s in map));
  return (
    <div className="reagents-editor" aria-label={label}>
      <table className="kv-table">
        <thead>
          <tr>
            <th>reagent</th>
            <th>excess</th>
            <th title="dosed net of what already enters (recycled reagent)">net</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {Object.entries(map).map(([sp, r]) => (
            <tr key={sp}>
              <td className="species">{sp}</td>
              <td>
                <NumberInput label={`excess of ${sp}`} value={r.excess} allowEmpty bounds={{ min: 0 }} placeholder="0" onCommit={(v) => onCommit({ ...map, [sp]: withKey(r, 'excess', v) })} />
              </td>
              <td>
                <input type="checkbox" aria-label={`${sp} dosed net`} checked={!!r.net} onChange={(e) => onCommit({ ...map, [sp]: withKey(r, 'net', e.target.checked || undefined) })} />
              </td>
              <td>
                <RemoveButton label={`remove reagent ${sp}`} onClick={() => onCommit(withKey(map, sp, undefined))} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <AddSelect label="add reagent" prompt="+ reagent…" options={unused} onAdd={(sp) => onCommit({ ...map, [sp]: { excess: 0 } })} />
    </div>
  );
}

type Dist = Record<string, number | { pH50: number; slope: number }>;

export function DistributionEditor({ value, onCommit, label }: { value: Dist | undefined; onCommit(v: Dist): void; label: string }) {
  const map = value ?? {};
  const species = useEditor((s) => s.doc.species);
  // Formulas with both an (aq) and an (org) species can be transferred.
  const formulas = [...new Set(Object.keys(species).filter((s) => s.endsWith('(aq)')).map((s) => s.slice(0, -4)))].filter((f) => `${f}(org)` in species && !(f in map));
  return (
    <div className="distribution-editor" aria-label={label}>
      <table className="kv-table">
        <tbody>
          {Object.entries(map).map(([f, d]) => (
            <tr key={f}>
              <td className="species">{f}</td>
              <td>
                {typeof d === 'number' ? (
                  <NumberInput label={`D of ${f}`} value={d} bounds={{ min: 0 }} onCommit={(v) => onCommit({ ...map, [f]: v ?? 0 })} />
                ) : (
                  <span className="isotherm">
                    pH50 <NumberInput label={`pH50 of ${f}`} value={d.pH50} onCommit={(v) => onCommit({ ...map, [f]: { ...d, pH50: v ?? 0 } })} /> slope{' '}
                    <NumberInput label={`slope of ${f}`} value={d.slope} onCommit={(v) => onCommit({ ...map, [f]: { ...d, slope: v ?? 0 } })} />
                  </span>
                )}
              </td>
              <td>
                <button
                  type="button"
                  className="small"
                  title={typeof d === 'number' ? 'Use a pH isotherm' : 'Use a fixed D'}
                  onClick={() => onCommit({ ...map, [f]: typeof d === 'number' ? { pH50: 2, slope: 2 } : 1 })}
                >
                  {typeof d === 'number' ? 'pH' : 'D'}
                </button>
                <RemoveButton label={`remove ${f}`} onClick={() => onCommit(withKey(map, f, undefined))} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <AddSelect label="add transferred formula" prompt="+ transferred formula…" options={formulas} onAdd={(f) => onCommit({ ...map, [f]: 1 })} />
    </div>
  );
}

/** Raw JSON for a parameter no widget knows; committed when it parses. */
export function JsonEditor({ value, onCommit, label }: { value: unknown; onCommit(v: unknown): void; label: string }) {
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? (value === undefined ? '' : JSON.stringify(value, null, 1));
  let error: string | undefined;
  if (draft !== null && draft.trim()) {
    try {
      JSON.parse(draft);
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
  }
  return (
    <div className="json-editor">
      <textarea
        aria-label={label}
        value={text}
        rows={Math.min(8, text.split('\n').length + 1)}
        spellCheck={false}
        onChange={(e) => {
          setDraft(e.target.value);
          try {
            onCommit(e.target.value.trim() ? JSON.parse(e.target.value) : undefined);
          } catch {
            /* shown below */
          }
        }}
        onBlur={() => !error && setDraft(null)}
      />
      {error && <div className="field-error">{error}</div>}
    </div>
  );
}
