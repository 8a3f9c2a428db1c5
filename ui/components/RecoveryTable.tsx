/**
 * Recovery and grade per product and element, and the element balance. Products are named by
 * their labels; a click on a row brings the product into view. An element that reagents bring in
 * is counted against feeds + reagents, marked in its header and cells, and explained below.
 */
import { memo, useMemo } from 'react';
import type { FlowsheetResults } from '../../core';
import { recoveryTable, specificationRows, type RecoveryTableRow } from '../state/recovery';
import type { EditorStore } from '../state/store';
import { useServices } from './context';
import { useDrains, usePlant, useSpeciesInfo } from './derived';

const RecoveryRowView = memo(
  function RecoveryRowView({ row, elements, store }: { row: RecoveryTableRow; elements: readonly string[]; store: EditorStore }) {
    return (
      <tr data-product={row.product} className={`clickable${row.temporary ? ' temporary' : ''}`} onClick={() => !row.temporary && store.reveal({ units: [row.product], streams: [] })}>
        <td title={row.product}>{row.label}</td>
        <td className="num">{row.massFlow}</td>
        {elements.map((el, i) => [
          <td
            key={`${el}r`}
            className={`num${row.recovery[i].basis === 'feeds+reagents' ? ' with-reagents' : ''}`}
            data-recovery={`${row.product}:${el}`}
            data-basis={row.recovery[i].basis}
            title={row.recovery[i].basis === 'feeds+reagents' ? `of the ${el} in the feeds and the reagents` : `of the ${el} in the feeds`}
          >
            {row.recovery[i].text}
            {row.recovery[i].text && row.recovery[i].basis === 'feeds+reagents' ? <sup>R</sup> : null}
          </td>,
          <td key={`${el}g`} className="num" data-grade={`${row.product}:${el}`}>
            {row.grade[i]}
          </td>,
        ])}
      </tr>
    );
  },
  // The key holds the elements and every cell's text.
  (a, b) => a.row.key === b.row.key && a.store === b.store,
);

export function RecoveryTable({ results }: { results: FlowsheetResults }) {
  const { store } = useServices();
  const plant = usePlant();
  const drains = useDrains();
  const species = useSpeciesInfo();
  const view = useMemo(() => recoveryTable(results, species, plant.units, drains), [results, species, plant.units, drains]);
  const { elements } = view;
  const specs = useMemo(() => specificationRows(results, plant.units), [results, plant.units]);
  const notes = view.notes.filter(Boolean);
  return (
    <div className="scroll table-frame">
      <table className="recovery-table frozen" data-testid="recovery-table">
        <thead>
          <tr>
            <th rowSpan={2} className="sticky-col">
              product
            </th>
            <th rowSpan={2} className="num">
              flow [kg/h]
            </th>
            {elements.map((el, i) => (
              <th key={el} colSpan={2} className="center" data-element={el} data-basis={view.bases[i]}>
                {el}
              </th>
            ))}
          </tr>
          <tr>
            {elements.map((el, i) => [
              <th key={`${el}r`} className="num" title={view.bases[i] === 'feeds' ? `fraction of the ${el} in the feeds` : `fraction of the ${el} in the feeds and the reagents`}>
                {view.bases[i] === 'feeds' ? 'recovery [%]' : 'recovery [% of feeds + reagents]'}
              </th>,
              <th key={`${el}g`} className="num">
                grade [% w/w]
              </th>,
            ])}
          </tr>
        </thead>
        <tbody>
          {view.rows.map((r) => (
            <RecoveryRowView key={r.product} row={r} elements={elements} store={store} />
          ))}
        </tbody>
      </table>
      {notes.length > 0 && (
        <ul className="table-notes" data-testid="recovery-notes">
          {notes.map((n) => (
            <li key={n}>
              <sup>R</sup> {n}.
            </li>
          ))}
        </ul>
      )}
      {specs.length > 0 && (
        <>
          <h3 className="table-title">Product specifications</h3>
          <table className="spec-table" data-testid="specification-table">
            <thead>
              <tr>
                <th>product</th>
                <th>specification</th>
                <th>limits (reached, limit)</th>
              </tr>
            </thead>
            <tbody>
              {specs.map((s) => (
                <tr key={s.product} data-specification={s.product} data-met={s.met} className={s.met ? undefined : 'missed'}>
                  <td title={s.product}>{s.label}</td>
                  <td>
                    {s.name}: {s.met ? 'met' : 'missed'}
                  </td>
                  <td>
                    {s.limits.map((l) => (
                      <span key={l.text} className={l.met ? 'limit' : 'limit missed'}>
                        {l.text}
                        {l.met ? '' : ' ✗'}{' '}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h3 className="table-title">Element balance</h3>
      <table className="balance-table" data-testid="balance-table">
        <thead>
          <tr>
            <th>element</th>
            <th className="num">feeds [kg/h]</th>
            <th className="num">reagents [kg/h]</th>
            <th className="num">products [kg/h]</th>
            <th className="num">out − in [kg/h]</th>
          </tr>
        </thead>
        <tbody>
          {view.balance.map((b) => (
            <tr key={b.element} data-balance={b.element}>
              <td>{b.element}</td>
              <td className="num">{b.feeds}</td>
              <td className="num">{b.reagents}</td>
              <td className="num">{b.products}</td>
              <td className="num">{b.closure}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
