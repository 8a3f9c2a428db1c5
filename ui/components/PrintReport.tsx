/**
 * The printable report (Ctrl+P, or "Print" in the toolbar): the plant and mode, the diagram, the
 * recovery and grade, the element balance, the reagents and the stream table, laid out for paper
 * by the print stylesheet. Rendered only while printing.
 */
import { useMemo } from 'react';
import { createPortal } from 'react-dom';
import { formatNumber } from '../../core/format';
import { diagramSvg } from '../state/export-svg';
import { recoveryTable } from '../state/recovery';
import { DEFAULT_TABLE_OPTIONS, header, streamTable } from '../state/stream-table';
import { useEditor, useServices } from './context';
import { useDrains, usePlant, useResults, useShownStale, useSpeciesInfo } from './derived';

export function PrintReport() {
  const { registry } = useServices();
  const doc = useEditor((s) => s.doc);
  const mode = useEditor((s) => s.mode);
  const results = useResults();
  const stale = useShownStale();
  const plant = usePlant();
  const drains = useDrains();
  const info = useSpeciesInfo();
  const svg = useMemo(() => diagramSvg(doc, registry, { results, mode }).svg, [doc, registry, results, mode]);
  const rec = useMemo(() => (results ? recoveryTable(results, info, plant.units, drains) : undefined), [results, info, plant.units, drains]);
  const streams = useMemo(() => (results ? streamTable(results, plant.units, Object.keys(doc.species), info, DEFAULT_TABLE_OPTIONS) : undefined), [results, plant.units, doc.species, info]);
  // Outside the editor's root, which the print stylesheet hides.
  return createPortal(
    <div className="print-report" data-testid="print-report">
      <h1>{doc.name}</h1>
      <p>
        {mode !== undefined ? `Mode “${mode}”` : 'Base plant'} · flows in kg/h · printed {new Date().toLocaleString()}
        {stale ? ' · the plant does not solve as it is: these are the last results that did' : ''}
      </p>
      {typeof doc.description === 'string' && <p>{doc.description}</p>}
      <div className="print-diagram" dangerouslySetInnerHTML={{ __html: svg }} />
      {rec && results && (
        <>
          <h2>Recovery and grade</h2>
          <table>
            <thead>
              <tr>
                <th>product</th>
                <th>flow [kg/h]</th>
                {rec.elements.map((el, i) => (
                  <th key={el}>
                    {el} recovery [%{rec.bases[i] === 'feeds' ? '' : ' of feeds + reagents'}] / grade [%]
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rec.rows.map((r) => (
                <tr key={r.product}>
                  <td>{r.label}</td>
                  <td>{r.massFlow}</td>
                  {rec.elements.map((el, i) => (
                    <td key={el}>
                      {r.recovery[i].text} / {r.grade[i]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {rec.notes.filter(Boolean).map((n) => (
            <p key={n} className="small-print">
              {n}.
            </p>
          ))}
          <h2>Element balance [kg/h]</h2>
          <table>
            <thead>
              <tr>
                <th>element</th>
                <th>feeds</th>
                <th>reagents</th>
                <th>products</th>
                <th>out − in</th>
              </tr>
            </thead>
            <tbody>
              {rec.balance.map((b) => (
                <tr key={b.element}>
                  <td>{b.element}</td>
                  <td>{b.feeds}</td>
                  <td>{b.reagents}</td>
                  <td>{b.products}</td>
                  <td>{b.closure}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>Reagents dosed [kg/h]</h2>
          <table>
            <tbody>
              {Object.keys(results.reagents).flatMap((u) =>
                Object.keys(results.reagents[u]).map((sp) => (
                  <tr key={`${u}:${sp}`}>
                    <td>{u}</td>
                    <td>{sp}</td>
                    <td>{formatNumber(results.reagents[u][sp])}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </>
      )}
      {streams && (
        <>
          <h2>Streams</h2>
          <table className="print-streams">
            <thead>
              <tr>
                <th>stream</th>
                {streams.columns.map((c) => (
                  <th key={c.key}>{header(c)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {streams.rows.map((r) => (
                <tr key={r.id}>
                  <td>{r.id}</td>
                  {r.cells.map((c, i) => (
                    <td key={i}>{c}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>,
    document.body,
  );
}
