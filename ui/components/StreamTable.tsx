/**
 * The stream table: streams as rows or as columns, headers and the first column frozen, units
 * chosen per field (flows kg/h, t/h, kmol/h; species as flows, mass % or g/L and mg/L; element
 * assays), sortable; copied to the clipboard as tab-separated text, exported as CSV. A click on a
 * stream brings it into view on the diagram. Rows are memoised on their text.
 */
import { memo, useMemo, useState } from 'react';
import type { FlowsheetResults } from '../../core';
import type { EditorStore } from '../state/store';
import {
  DEFAULT_TABLE_OPTIONS,
  FLOW_UNITS,
  header,
  sortRows,
  streamTable,
  streamTableCsv,
  streamTableTsv,
  type Column,
  type ElementQuantity,
  type FlowUnit,
  type SortKey,
  type SpeciesQuantity,
  type StreamTableOptions,
  type TableRow,
} from '../state/stream-table';
import { useEditor, useServices } from './context';
import { usePlant, useSpeciesInfo } from './derived';
import { download } from './download';

const StreamRowView = memo(
  function StreamRowView({ row, selected, store }: { row: TableRow; selected: boolean; store: EditorStore }) {
    return (
      <tr className={`clickable${selected ? ' selected' : ''}`} onClick={() => store.reveal({ units: [], streams: [row.id] })} data-stream-row={row.id}>
        <th className="sticky-col" scope="row">
          {row.id}
        </th>
        {row.cells.map((c, i) => (
          <td key={i} className={i < 2 ? '' : 'num'}>
            {c}
          </td>
        ))}
      </tr>
    );
  },
  (a, b) => a.row.key === b.row.key && a.selected === b.selected && a.store === b.store,
);

const SPECIES_QUANTITIES: readonly [SpeciesQuantity, string][] = [
  ['kg/h', 'kg/h'],
  ['t/h', 't/h'],
  ['kmol/h', 'kmol/h'],
  ['%', 'mass %'],
  ['g/L', 'g/L (aqueous)'],
  ['mg/L', 'mg/L (aqueous)'],
];

/** Copies text to the clipboard; false when the browser refuses. */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

function Transposed({ columns, rows, selected, store }: { columns: Column[]; rows: TableRow[]; selected: readonly string[]; store: EditorStore }) {
  return (
    <table className="stream-table frozen transposed" data-testid="stream-table" data-orientation="columns">
      <thead>
        <tr>
          <th className="sticky-col">stream</th>
          {rows.map((r) => (
            <th key={r.id} className={`num clickable${selected.includes(r.id) ? ' selected' : ''}`} onClick={() => store.reveal({ units: [], streams: [r.id] })} data-stream-col={r.id}>
              {r.id}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {columns.map((c, j) => (
          <tr key={c.key} data-field={c.key}>
            <th className="sticky-col" scope="row">
              {header(c)}
            </th>
            {rows.map((r) => (
              <td key={r.id} className={c.numeric ? 'num' : ''}>
                {r.cells[j]}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function StreamTable({ results }: { results: FlowsheetResults }) {
  const { store } = useServices();
  const declared = useEditor((s) => s.doc.species);
  const selected = useEditor((s) => s.selection.streams);
  const name = useEditor((s) => s.doc.name);
  const plant = usePlant();
  const info = useSpeciesInfo();
  const [options, setOptions] = useState<StreamTableOptions>(DEFAULT_TABLE_OPTIONS);
  const [asColumns, setAsColumns] = useState(false);
  const [sort, setSort] = useState<SortKey>({ column: 'id', descending: false });
  const [copied, setCopied] = useState<string>();
  const model = useMemo(() => streamTable(results, plant.units, Object.keys(declared), info, options), [results, plant.units, declared, info, options]);
  const rows = useMemo(() => sortRows(model, sort), [model, sort]);
  const set = (patch: Partial<StreamTableOptions>) => setOptions((o) => ({ ...o, ...patch }));
  const head = (c: Column | undefined, key: string, text: string) => (
    <th
      key={key}
      className={`${c?.numeric ? 'num ' : ''}sortable${sort.column === key ? ' sorted' : ''}${key === 'id' ? ' sticky-col' : ''}`}
      onClick={() => setSort((s) => ({ column: key, descending: s.column === key ? !s.descending : !!c?.numeric }))}
      aria-sort={sort.column === key ? (sort.descending ? 'descending' : 'ascending') : 'none'}
      title="Sort"
    >
      {text}
      {sort.column === key ? (sort.descending ? ' ▾' : ' ▴') : ''}
    </th>
  );
  const stem = (name || 'streams').trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'streams';
  return (
    <div className="stream-table-wrap">
      <div className="table-tools">
        <label>
          flows in{' '}
          <select aria-label="flow unit" value={options.flow} onChange={(e) => set({ flow: e.target.value as FlowUnit, ...(FLOW_UNITS.includes(options.species as FlowUnit) ? { species: e.target.value as FlowUnit } : {}) })}>
            {FLOW_UNITS.map((u) => (
              <option key={u}>{u}</option>
            ))}
          </select>
        </label>
        <label>
          species as{' '}
          <select aria-label="species quantity" value={options.species} onChange={(e) => set({ species: e.target.value as SpeciesQuantity })}>
            {SPECIES_QUANTITIES.map(([q, l]) => (
              <option key={q} value={q}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <label>
          element assays{' '}
          <select aria-label="element assays" value={options.elements} onChange={(e) => set({ elements: e.target.value as ElementQuantity })}>
            <option value="none">not shown</option>
            <option value="kg/h">kg/h</option>
            <option value="%">mass %</option>
          </select>
        </label>
        <label>
          <input type="checkbox" checked={asColumns} onChange={(e) => setAsColumns(e.target.checked)} aria-label="streams as columns" /> streams as columns
        </label>
        <button
          type="button"
          className="small"
          onClick={async () => setCopied((await copyText(streamTableTsv(model, rows, asColumns))) ? 'copied: paste it into a spreadsheet' : 'the browser refused the clipboard: use Export CSV')}
          title="Copy the table as tab-separated text, for a spreadsheet"
        >
          Copy table
        </button>
        <button type="button" className="small" onClick={() => download(`${stem}-streams.csv`, streamTableCsv(model, rows, asColumns), 'text/csv')}>
          Export CSV
        </button>
        {copied && (
          <span className="muted" role="status">
            {copied}
          </span>
        )}
      </div>
      <div className="scroll table-frame">
        {asColumns ? (
          <Transposed columns={model.columns} rows={rows} selected={selected} store={store} />
        ) : (
          <table className="stream-table frozen" data-testid="stream-table" data-orientation="rows">
            <thead>
              <tr>
                {head(undefined, 'id', 'stream')}
                {model.columns.map((c) => head(c, c.key, header(c)))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <StreamRowView key={r.id} row={r} selected={selected.includes(r.id)} store={store} />
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
