/**
 * The economics inputs of the plant (the file's `economics`, docs/economics.md): currency and
 * hours, fixed costs, prices of reagents, utilities, products and feeds with their units, years
 * and sources, and per mode its hours, availability, fixed cost and utilities; switchover and
 * campaign settings. The reagents the plant doses are listed with the price the economics use,
 * marked when it is a default (with that default's source). Problems come from core/economics.
 */
import { useMemo, useState } from 'react';
import { validateEconomics } from '../../core/economics';
import { formatNumber } from '../../core/format';
import { reagentPrices, setEconomics, valueAtPath, type Path } from '../state/economics-inputs';
import { useEditor, useServices } from './context';
import { usePlant, useResults } from './derived';
import { NumberField, Notes, Section, TextField } from './fields';
import { NumberInput } from './params/NumberInput';

type Put = (path: Path, v: unknown) => void;

const MASS_UNITS = (c: string) => [`${c}/kg`, `${c}/t`];

/** A price: a number per kg, the key of a default, or {value, unit, year, source}. */
function PriceEditor({ label, value, put, mass = true, currency }: { label: string; value: unknown; put(v: unknown): void; mass?: boolean; currency: string }) {
  const obj = value && typeof value === 'object' ? (value as { value?: number; unit?: string; year?: string | number; source?: string }) : undefined;
  const num = typeof value === 'number' ? value : obj?.value;
  const unit = obj?.unit ?? (mass ? `${currency}/kg` : currency);
  const set = (patch: Record<string, unknown>) => {
    const next = { ...(obj ?? {}), value: num ?? 0, ...patch };
    for (const k of Object.keys(next)) if ((next as Record<string, unknown>)[k] === undefined || (next as Record<string, unknown>)[k] === '') delete (next as Record<string, unknown>)[k];
    put(next);
  };
  return (
    <div className="price-row" data-price={label}>
      <span className="price-label species">{label}</span>
      {typeof value === 'string' ? (
        <span className="muted">
          default “{value}”{' '}
          <button type="button" className="link" onClick={() => put(undefined)}>
            remove
          </button>
        </span>
      ) : (
        <>
          <NumberInput label={`price of ${label}`} value={num} bounds={{}} onCommit={(v) => (v === undefined ? put(undefined) : set({ value: v }))} />
          {mass ? (
            <select aria-label={`price unit of ${label}`} value={unit} onChange={(e) => set({ unit: e.target.value })}>
              {[...new Set([...MASS_UNITS(currency), unit])].map((u) => (
                <option key={u}>{u}</option>
              ))}
            </select>
          ) : (
            <input aria-label={`price unit of ${label}`} className="short" value={unit} onChange={(e) => set({ unit: e.target.value })} />
          )}
          <input aria-label={`price year of ${label}`} className="short" placeholder="year" value={obj?.year !== undefined ? String(obj.year) : ''} onChange={(e) => set({ year: e.target.value || undefined })} />
          <input aria-label={`price source of ${label}`} placeholder="source" value={obj?.source ?? ''} onChange={(e) => set({ source: e.target.value || undefined })} />
          <button type="button" className="icon" aria-label={`remove price of ${label}`} onClick={() => put(undefined)}>
            ×
          </button>
        </>
      )}
    </div>
  );
}

/** A product's or feed's valuation: per kg of stream, per kg of species, payable elements. */
function ValuationEditor({ label, value, put, currency, species, elements }: { label: string; value: unknown; put(v: unknown): void; currency: string; species: string[]; elements: string[] }) {
  const isPrice = typeof value === 'number' || typeof value === 'string' || (value && typeof value === 'object' && 'value' in (value as object));
  const v = (isPrice ? { perKg: value } : (value ?? {})) as { perKg?: unknown; species?: Record<string, unknown>; payable?: Record<string, { price: unknown; payability?: number }>; notes?: unknown };
  const set = (key: string, next: unknown) => {
    const out: Record<string, unknown> = { ...v, [key]: next };
    if (next === undefined || (typeof next === 'object' && next !== null && Object.keys(next).length === 0)) delete out[key];
    put(Object.keys(out).length ? out : undefined);
  };
  const [addSp, setAddSp] = useState('');
  const [addEl, setAddEl] = useState('');
  return (
    <div className="valuation" data-valuation={label}>
      <div className="subgroup-title">{label}</div>
      {v.perKg !== undefined ? (
        <PriceEditor label="per kg of stream" value={v.perKg} currency={currency} put={(p) => set('perKg', p)} />
      ) : (
        <button type="button" className="small" onClick={() => set('perKg', { value: 0 })}>
          + price per kg of stream
        </button>
      )}
      {Object.keys(v.species ?? {}).map((sp) => (
        <PriceEditor key={sp} label={sp} value={v.species![sp]} currency={currency} put={(p) => set('species', { ...v.species, [sp]: p })} />
      ))}
      {Object.keys(v.payable ?? {}).map((el) => (
        <div key={el} className="payable">
          <PriceEditor label={`${el} payable`} value={v.payable![el].price} currency={currency} put={(p) => set('payable', p === undefined ? Object.fromEntries(Object.entries(v.payable!).filter(([k]) => k !== el)) : { ...v.payable, [el]: { ...v.payable![el], price: p } })} />
          <NumberField label={`${el} payability`} unit="fraction" value={v.payable![el].payability} bounds={{ min: 0, max: 1 }} onCommit={(x) => set('payable', { ...v.payable, [el]: { ...v.payable![el], payability: x } })} />
        </div>
      ))}
      <span className="row">
        <select aria-label={`price a species of ${label}`} value={addSp} onChange={(e) => setAddSp(e.target.value)}>
          <option value="">+ price per kg of a species…</option>
          {species.filter((s) => !(v.species && Object.hasOwn(v.species, s))).map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
        {addSp && (
          <button type="button" className="small" onClick={() => (set('species', { ...v.species, [addSp]: { value: 0 } }), setAddSp(''))}>
            add
          </button>
        )}
        <select aria-label={`pay an element of ${label}`} value={addEl} onChange={(e) => setAddEl(e.target.value)}>
          <option value="">+ payable element…</option>
          {elements.filter((s) => !(v.payable && Object.hasOwn(v.payable, s))).map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
        {addEl && (
          <button type="button" className="small" onClick={() => (set('payable', { ...v.payable, [addEl]: { price: { value: 0 }, payability: 1 } }), setAddEl(''))}>
            add
          </button>
        )}
      </span>
      <Notes notes={v.notes} title="notes" />
    </div>
  );
}

export function EconomicsInputs() {
  const { store } = useServices();
  const doc = useEditor((s) => s.doc);
  const mode = useEditor((s) => s.mode);
  const results = useResults();
  const plant = usePlant();
  const e = doc.economics as Record<string, unknown> | undefined;
  const at = (path: Path) => valueAtPath(e, path);
  const put: Put = (path, v) => store.execute(setEconomics(path, v));
  const currency = typeof at(['currency']) === 'string' ? (at(['currency']) as string) : 'USD';
  const problems = useMemo(() => validateEconomics(doc), [doc]);
  const inUse = useMemo(() => reagentPrices(doc, mode, results), [doc, mode, results]);
  const products = Object.keys(plant.units).filter((id) => plant.units[id].type === 'product');
  const feeds = Object.keys(plant.units).filter((id) => plant.units[id].type === 'feed');
  const species = Object.keys(doc.species);
  const elements = Object.keys(results?.elements ?? {});
  const modes = Object.keys(doc.modes ?? {});
  const [newUtility, setNewUtility] = useState('');
  return (
    <div className="economics-inputs" data-testid="economics-inputs">
      {problems.length > 0 && (
        <ul className="problems" role="alert">
          {problems.map((d, i) => (
            <li key={i}>
              <code>{d.path}</code>: {d.message}
            </li>
          ))}
        </ul>
      )}
      <Section title="General" open testId="economics-general">
        <TextField label="currency" value={at(['currency'])} placeholder="USD" onCommit={(v) => put(['currency'], v)} />
        <NumberField label="hours per year" unit="h/yr" value={at(['hoursPerYear'])} bounds={{ min: 0, max: 8784 }} hint="default 8000" onCommit={(v) => put(['hoursPerYear'], v)} testId="hoursPerYear" />
        <NumberField label="fixed costs" unit={`${currency}/yr`} value={at(['fixedCosts', 'perYear'])} bounds={{ min: 0 }} onCommit={(v) => put(['fixedCosts', 'perYear'], v)} testId="fixedCosts" />
        <Notes notes={at(['notes'])} />
      </Section>
      <Section title="Reagent prices" open testId="economics-reagents">
        {inUse.length > 0 && (
          <table className="kv-table prices-in-use">
            <thead>
              <tr>
                <th>reagent dosed</th>
                <th className="num">price used</th>
                <th>from</th>
              </tr>
            </thead>
            <tbody>
              {inUse.map((r) => (
                <tr key={r.species} className={r.fromDefaults ? 'default-price' : ''}>
                  <td className="species">{r.species}</td>
                  <td className="num">{r.price ? `${formatNumber(r.price.value)} ${r.price.unit}` : 'none'}</td>
                  <td className="source">
                    {r.price ? r.price.source : 'no price: not counted'}{' '}
                    {r.fromDefaults && (
                      <button type="button" className="link" onClick={() => put(['prices', 'reagents', r.species], { value: r.price!.value, unit: r.price!.unit })}>
                        set in file
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {Object.keys((at(['prices', 'reagents']) as object) ?? {}).map((sp) => (
          <PriceEditor key={sp} label={sp} value={at(['prices', 'reagents', sp])} currency={currency} put={(v) => put(['prices', 'reagents', sp], v)} />
        ))}
      </Section>
      <Section title="Utility prices" testId="economics-utilities">
        {Object.keys((at(['prices', 'utilities']) as object) ?? {}).map((u) => (
          <PriceEditor key={u} label={u} value={at(['prices', 'utilities', u])} currency={currency} mass={false} put={(v) => put(['prices', 'utilities', u], v)} />
        ))}
        <span className="row">
          <input aria-label="new utility" placeholder="e.g. electricity" value={newUtility} onChange={(ev) => setNewUtility(ev.target.value)} />
          <button type="button" className="small" disabled={!newUtility.trim()} onClick={() => (put(['prices', 'utilities', newUtility.trim()], { value: 0, unit: `${currency}/kWh` }), setNewUtility(''))}>
            + utility price
          </button>
        </span>
      </Section>
      <Section title={`Products (${products.length})`} testId="economics-products">
        {products.map((p) => (
          <ValuationEditor key={p} label={p} value={at(['prices', 'products', p])} currency={currency} species={species} elements={elements} put={(v) => put(['prices', 'products', p], v)} />
        ))}
      </Section>
      <Section title={`Feeds (${feeds.length})`} testId="economics-feeds">
        {feeds.map((f) => (
          <ValuationEditor key={f} label={f} value={at(['prices', 'feeds', f])} currency={currency} species={species} elements={elements} put={(v) => put(['prices', 'feeds', f], v)} />
        ))}
      </Section>
      {modes.map((m) => (
        <Section key={m} title={`Mode “${m}”`} testId={`economics-mode-${m}`}>
          <NumberField label="hours" unit="h/yr" value={at(['modes', m, 'hours'])} bounds={{ min: 0 }} onCommit={(v) => put(['modes', m, 'hours'], v)} testId={`hours-${m}`} />
          <NumberField label="availability" unit="t/yr" value={at(['modes', m, 'availability', 'tonnes'])} bounds={{ min: 0 }} onCommit={(v) => put(['modes', m, 'availability', 'tonnes'], v)} />
          <label className="field-row">
            <span className="field-label">of</span>
            <select aria-label={`availability of, mode ${m}`} value={String(at(['modes', m, 'availability', 'of']) ?? '')} onChange={(ev) => put(['modes', m, 'availability', 'of'], ev.target.value || undefined)}>
              <option value="">feed</option>
              {products.map((p) => (
                <option key={p}>{p}</option>
              ))}
            </select>
            <span className="unit" />
          </label>
          <NumberField label="fixed cost" unit={`${currency}/h`} value={at(['modes', m, 'fixedCostPerHour'])} bounds={{ min: 0 }} onCommit={(v) => put(['modes', m, 'fixedCostPerHour'], v)} />
          {Object.keys((at(['modes', m, 'utilities']) as object) ?? {}).map((u) => (
            <div key={u} className="utility-use">
              <NumberField label={`${u} per hour`} unit="/h" value={at(['modes', m, 'utilities', u, 'perHour'])} bounds={{ min: 0 }} onCommit={(v) => put(['modes', m, 'utilities', u, 'perHour'], v)} />
              <NumberField label={`${u} per t feed`} unit="/t" value={at(['modes', m, 'utilities', u, 'perTonneFeed'])} bounds={{ min: 0 }} onCommit={(v) => put(['modes', m, 'utilities', u, 'perTonneFeed'], v)} />
            </div>
          ))}
          <Notes notes={at(['modes', m, 'notes'])} />
        </Section>
      ))}
      <Section title="Switchover and campaigns" testId="economics-switchover">
        <NumberField label="start-up time" unit="h" value={at(['switchover', 'time'])} bounds={{ min: 0 }} onCommit={(v) => put(['switchover', 'time'], v)} />
        <NumberField label="cost per switchover" unit={currency} value={at(['switchover', 'cost'])} bounds={{ min: 0 }} onCommit={(v) => put(['switchover', 'cost'], v)} />
        <NumberField label="inventory value kept" unit="fraction" value={at(['inventory', 'recovered'])} bounds={{ min: 0, max: 1 }} onCommit={(v) => put(['inventory', 'recovered'], v)} />
        <NumberField label="disposal" unit={`${currency}/kg`} value={at(['inventory', 'disposalPerKg'])} bounds={{ min: 0 }} onCommit={(v) => put(['inventory', 'disposalPerKg'], v)} />
        <NumberField label="carrying rate" unit="1/yr" value={at(['campaign', 'carryingRate'])} bounds={{ min: 0 }} hint="default 0.10" onCommit={(v) => put(['campaign', 'carryingRate'], v)} />
      </Section>
    </div>
  );
}
