/** The selected stream: its ends (by label), its composition, the specifications that target it. */
import { formatNumber, formatPercent } from '../../core/format';
import { removeSelection, renameStream } from '../state/commands';
import { checkStreamId, parseRef, unitLabel } from '../state/doc';
import { own } from '../state/own';
import { describeSpec, plantSpecs } from '../state/specs';
import { useEditor, useServices } from './context';
import { useDiagnosticMap, usePlant, useResults, useShownStale } from './derived';
import { Notes } from './fields';
import { TextInput } from './params/NumberInput';

export function StreamInspector({ id }: { id: string }) {
  const { store } = useServices();
  const doc = useEditor((s) => s.doc);
  const mode = useEditor((s) => s.mode);
  const plant = usePlant();
  const results = useResults();
  const stale = useShownStale();
  const diag = useDiagnosticMap();
  const s = own(plant.streams, id);
  if (!s) return null;
  const r = results?.streams[id];
  const end = (ref: string) => {
    const p = parseRef(ref);
    const u = own(plant.units, p.unit);
    return (
      <button type="button" className="link" onClick={() => store.reveal({ units: [p.unit], streams: [] })} title={`${p.unit}.${p.port}`}>
        {u ? unitLabel(p.unit, u) : p.unit}
      </button>
    );
  };
  const specs = plantSpecs(doc, mode);
  const targeting = Object.keys(specs).filter((sid) => specs[sid]?.target?.stream === id);
  // A mode without routing of its own draws the base streams: renaming one renames the base's.
  const renameIn = mode !== undefined && plant.ownRouting ? mode : undefined;
  return (
    <div className="inspector-body" data-inspector-stream={id}>
      <h2>
        Stream <span className="muted">{id}</span>
      </h2>
      {plant.rewired.has(id) && mode !== undefined && <div className="notice">Mode “{mode}” routes this stream differently from the base plant.</div>}
      <label className="field">
        <span>id</span>
        <TextInput
          label="stream id"
          value={id}
          commitOn="blur"
          validate={(v) => checkStreamId(doc, v, id)}
          onCommit={(v) => store.execute(renameStream(id, v, renameIn)) && store.select({ units: [], streams: [v] })}
        />
      </label>
      <p>
        from {end(s.from)} <span className="muted">{parseRef(s.from).port}</span> to {end(s.to)} <span className="muted">{parseRef(s.to).port}</span>
      </p>
      <button type="button" className="danger" onClick={() => store.execute(removeSelection([], [id], mode))}>
        Delete stream{mode !== undefined ? ` from mode “${mode}”` : ''}
      </button>
      {(diag.streams.get(id) ?? []).map((d, i) => (
        <div key={i} className="field-error">
          {d.message}
        </div>
      ))}
      <Notes notes={s.notes} />
      {targeting.length > 0 && (
        <div className="spec-list">
          <div className="notes-title">Specifications on this stream</div>
          {targeting.map((sid) => (
            <p key={sid}>
              <b>{sid}</b>: {describeSpec(specs[sid])}{' '}
              <button type="button" className="link" onClick={() => store.reveal({ units: [specs[sid].adjust.unit], streams: [] })}>
                edit on {specs[sid].adjust.unit}
              </button>
            </p>
          ))}
        </div>
      )}
      {r && (
        <table className={`kv-table${stale ? ' stale' : ''}`}>
          <thead>
            <tr>
              <th>species</th>
              <th className="num">kg/h</th>
              <th className="num">kmol/h</th>
              <th className="num">mass %</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(r.massFlow)
              .sort((a, b) => b[1] - a[1])
              .map(([sp, m]) => (
                <tr key={sp}>
                  <td>{sp}</td>
                  <td className="num">{formatNumber(m)}</td>
                  <td className="num">{formatNumber(r.molarFlow[sp] ?? 0)}</td>
                  <td className="num">{formatPercent(r.totals.mass ? m / r.totals.mass : 0)}</td>
                </tr>
              ))}
            <tr className="total">
              <td>total</td>
              <td className="num">{formatNumber(r.totals.mass)}</td>
              <td className="num">{formatNumber(r.totals.molar)}</td>
              <td />
            </tr>
          </tbody>
        </table>
      )}
    </div>
  );
}
