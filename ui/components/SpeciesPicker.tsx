/**
 * Declares species: type an id (with the built-in list of the shipped plants' species to pick
 * from, and the phases offered when the id has none), give a formula for a name, or paste many.
 */
import { useEffect, useMemo, useState } from 'react';
import { addSpeciesList } from '../state/commands';
import { readSpeciesList, speciesCatalog, withPhases } from '../state/species-picker';
import { checkSpeciesId } from '../state/validate';
import { useEditor, useServices } from './context';

export function SpeciesPicker({ compact = false }: { compact?: boolean }) {
  const { store, examples } = useServices();
  const doc = useEditor((s) => s.doc);
  // The built-in table is loaded when the picker is first shown, not with the page.
  const [builtIn, setBuiltIn] = useState<readonly { id: string; formula?: string }[]>([]);
  useEffect(() => {
    let live = true;
    void import('../../core/properties').then(({ BUILT_IN }) => live && setBuiltIn(BUILT_IN.entries));
    return () => {
      live = false;
    };
  }, []);
  const catalog = useMemo(() => speciesCatalog(examples, builtIn), [examples, builtIn]);
  const [id, setId] = useState('');
  const [formula, setFormula] = useState('');
  const [pasting, setPasting] = useState(false);
  const [pasted, setPasted] = useState('');
  const known = catalog.find((c) => c.id === id);
  const error = id ? checkSpeciesId(doc, id, formula || known?.formula) : undefined;
  const phases = withPhases(id);
  const list = useMemo(() => (pasted.trim() ? readSpeciesList(pasted, doc, catalog) : []), [pasted, doc, catalog]);
  const good = list.filter((e) => !e.problem);
  const add = (ids: { id: string; formula?: string }[]) => store.execute(addSpeciesList(ids));
  return (
    <div className="species-picker" data-testid="species-picker">
      <form
        className="add-species"
        onSubmit={(e) => {
          e.preventDefault();
          if (id && !error && add([{ id, formula: formula || known?.formula }])) {
            setId('');
            setFormula('');
          }
        }}
      >
        <input aria-label="new species id" list="species-catalog" placeholder="species, e.g. NiSO4(aq)" value={id} onChange={(e) => setId(e.target.value)} />
        <datalist id="species-catalog">
          {catalog
            .filter((c) => !Object.hasOwn(doc.species, c.id))
            .map((c) => (
              <option key={c.id} value={c.id}>
                {c.formula ? `= ${c.formula} · ` : ''}
                {[c.data ? 'built-in data' : '', ...c.plants].filter(Boolean).join(', ')}
              </option>
            ))}
        </datalist>
        {!compact && <input aria-label="new species formula" placeholder={known?.formula ?? 'formula (for a name)'} value={formula} onChange={(e) => setFormula(e.target.value)} />}
        <button type="submit" disabled={!id || !!error}>
          Add
        </button>
        <button type="button" className="link" onClick={() => setPasting((p) => !p)} aria-expanded={pasting}>
          paste many…
        </button>
      </form>
      {phases.length > 0 && error && (
        <div className="phase-hint">
          a species id ends in its phase:{' '}
          {phases.map((p) => (
            <button key={p} type="button" className="small" onClick={() => setId(p)}>
              {p}
            </button>
          ))}
        </div>
      )}
      {error && !(phases.length > 0) && <div className="field-error">{error}</div>}
      {pasting && (
        <div className="paste-species">
          <textarea
            aria-label="species to add, one per line"
            rows={4}
            placeholder={'CoSO4(aq)\nNiSO4(aq), MnSO4(aq)\nGraphite(s) = C'}
            value={pasted}
            onChange={(e) => setPasted(e.target.value)}
          />
          {list.length > 0 && (
            <ul className="paste-check">
              {list.map((e, i) => (
                <li key={i} className={e.problem ? 'field-error' : ''}>
                  {e.id}
                  {e.formula ? ` = ${e.formula}` : ''}
                  {e.problem ? ` — ${e.problem}` : ' ✓'}
                </li>
              ))}
            </ul>
          )}
          <button
            type="button"
            disabled={good.length === 0}
            onClick={() => {
              if (add(good)) setPasted(list.filter((e) => e.problem).map((e) => (e.formula ? `${e.id} = ${e.formula}` : e.id)).join('\n'));
            }}
          >
            Add {good.length} species
          </button>
        </div>
      )}
    </div>
  );
}
