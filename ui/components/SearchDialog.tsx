/** Ctrl+K or /: find a unit or stream of the plant on screen by its label, id or type; Enter selects it and brings it into view. */
import { useMemo, useState } from 'react';
import { search } from '../state/search';
import { useServices } from './context';
import { usePlant } from './derived';
import { Dialog } from './Dialog';

export function SearchDialog({ onClose }: { onClose(): void }) {
  const { store } = useServices();
  const plant = usePlant();
  const [q, setQ] = useState('');
  const [at, setAt] = useState(0);
  const hits = useMemo(() => search(plant, q), [plant, q]);
  const choose = (i: number) => {
    const h = hits[i];
    if (!h) return;
    store.reveal(h.kind === 'unit' ? { units: [h.id], streams: [] } : { units: [], streams: [h.id] });
    onClose();
  };
  return (
    <Dialog title="Find a unit or stream" onClose={onClose} testId="search-dialog">
      <input
        className="search-input"
        aria-label="search units and streams"
        placeholder="label, id or type…"
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setAt(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') (setAt((i) => Math.min(hits.length - 1, i + 1)), e.preventDefault());
          else if (e.key === 'ArrowUp') (setAt((i) => Math.max(0, i - 1)), e.preventDefault());
          else if (e.key === 'Enter') choose(at);
        }}
      />
      <ul className="search-hits" role="listbox">
        {hits.map((h, i) => (
          <li key={`${h.kind}:${h.id}`} role="option" aria-selected={i === at} className={i === at ? 'active' : ''} onMouseEnter={() => setAt(i)} onClick={() => choose(i)} data-hit={`${h.kind}:${h.id}`}>
            <span className="hit-kind">{h.kind}</span> <b>{h.title}</b> <span className="muted">{h.detail}</span>
          </li>
        ))}
        {q && hits.length === 0 && <li className="muted">nothing called “{q}” in this plant</li>}
      </ul>
    </Dialog>
  );
}
