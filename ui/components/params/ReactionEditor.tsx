/**
 * Reactions in series: equation, key species, conversion. Each equation is parsed and checked for
 * element and charge balance against the declared species on every keystroke; problems are shown
 * under it at once (and the solver marks the unit too).
 */
import { useMemo } from 'react';
import { checkEquation } from '../../state/validate';
import { useSpeciesInfo } from '../derived';
import { NumberInput } from './NumberInput';

export interface ReactionSpec {
  equation: string;
  key: string;
  conversion: number;
  [extra: string]: unknown;
}

function ReactionRow({
  index,
  rx,
  onChange,
  onRemove,
  onMove,
  count,
}: {
  index: number;
  rx: ReactionSpec;
  onChange(r: ReactionSpec): void;
  onRemove(): void;
  onMove(delta: number): void;
  count: number;
}) {
  const species = useSpeciesInfo();
  const check = useMemo(() => checkEquation(rx.equation ?? '', species), [rx.equation, species]);
  const keyProblem = rx.key && check.reactants.length && !check.reactants.includes(rx.key) ? `key "${rx.key}" is not a reactant of this equation` : undefined;
  return (
    <div className={`reaction${check.problems.length ? ' invalid' : ''}`} data-reaction={index}>
      <div className="reaction-head">
        <span className="reaction-index">{index + 1}</span>
        <textarea
          className="equation"
          aria-label={`reaction ${index + 1} equation`}
          aria-invalid={check.problems.length > 0}
          value={rx.equation ?? ''}
          rows={Math.max(1, Math.ceil((rx.equation ?? '').length / 38))}
          placeholder="e.g. CuO(s) + H2SO4(aq) -> CuSO4(aq) + H2O(l)"
          spellCheck={false}
          onChange={(e) => {
            const eq = e.target.value.replace(/\n/g, ' ');
            const c = checkEquation(eq, species);
            const key = c.reactants.includes(rx.key) || c.reactants.length === 0 ? rx.key : c.reactants[0];
            onChange({ ...rx, equation: eq, key });
          }}
        />
        <button type="button" className="icon" disabled={index === 0} onClick={() => onMove(-1)} aria-label="move up" title="Move up">
          ↑
        </button>
        <button type="button" className="icon" disabled={index === count - 1} onClick={() => onMove(1)} aria-label="move down" title="Move down">
          ↓
        </button>
        <button type="button" className="icon" onClick={onRemove} aria-label={`remove reaction ${index + 1}`} title="Remove">
          ×
        </button>
      </div>
      {check.problems.length > 0 ? (
        <ul className="field-error balance-problems" role="alert">
          {check.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : (
        <div className="balance-ok">balanced</div>
      )}
      <div className="reaction-params">
        <label>
          key
          <select aria-label={`reaction ${index + 1} key`} value={rx.key ?? ''} onChange={(e) => onChange({ ...rx, key: e.target.value })}>
            {!check.reactants.includes(rx.key) && <option value={rx.key}>{rx.key || '—'}</option>}
            {check.reactants.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          conversion
          <NumberInput label={`reaction ${index + 1} conversion`} value={rx.conversion} bounds={{ min: 0, max: 1 }} onCommit={(v) => onChange({ ...rx, conversion: v ?? 0 })} />
          <span className="unit">[0, 1]</span>
        </label>
      </div>
      {keyProblem && <div className="field-error">{keyProblem}</div>}
    </div>
  );
}

/** A reaction to fill in: shown while the unit has none, written to the file once it has an equation. */
function BlankReaction({ onCommit }: { onCommit(v: ReactionSpec[]): void }) {
  const species = useSpeciesInfo();
  return (
    <div className="reaction blank" data-reaction="new">
      <div className="reaction-head">
        <span className="reaction-index">1</span>
        <textarea
          className="equation"
          aria-label="reaction 1 equation"
          rows={1}
          placeholder="write the reaction, e.g. CuO(s) + H2SO4(aq) -> CuSO4(aq) + H2O(l)"
          spellCheck={false}
          onChange={(e) => {
            const eq = e.target.value.replace(/\n/g, ' ');
            const c = checkEquation(eq, species);
            if (eq.trim()) onCommit([{ equation: eq, key: c.reactants[0] ?? '', conversion: 1 }]);
          }}
        />
      </div>
      <div className="hint">No reaction yet: everything passes through unchanged until one is written.</div>
    </div>
  );
}

export function ReactionEditor({ value, onCommit, label }: { value: ReactionSpec[] | undefined; onCommit(v: ReactionSpec[]): void; label: string }) {
  const list = Array.isArray(value) ? value : [];
  return (
    <div className="reaction-editor" aria-label={label}>
      {list.length === 0 && <BlankReaction onCommit={onCommit} />}
      {list.map((rx, i) => (
        <ReactionRow
          key={i}
          index={i}
          count={list.length}
          rx={rx}
          onChange={(r) => onCommit(list.map((x, j) => (j === i ? r : x)))}
          onRemove={() => onCommit(list.filter((_, j) => j !== i))}
          onMove={(d) => {
            const next = list.slice();
            const [r] = next.splice(i, 1);
            next.splice(i + d, 0, r);
            onCommit(next);
          }}
        />
      ))}
      <button type="button" className="small" onClick={() => onCommit([...list, { equation: '', key: '', conversion: 1 }])}>
        + reaction
      </button>
    </div>
  );
}
