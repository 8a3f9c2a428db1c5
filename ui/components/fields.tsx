/** Small pieces the panels share: a labelled number or text field with its unit, notes with their sources, a collapsible section. */
import { useEffect, useState, type ReactNode } from 'react';
import type { ParamDecl } from '../../core';
import { NumberInput, TextInput } from './params/NumberInput';

export function NumberField({
  label,
  value,
  unit,
  bounds,
  onCommit,
  optional = true,
  hint,
  testId,
}: {
  label: string;
  value: unknown;
  unit?: string;
  bounds?: Pick<ParamDecl, 'min' | 'max' | 'exclusiveMin'> & { kind?: 'number' | 'integer' };
  onCommit(v: number | undefined): void;
  optional?: boolean;
  hint?: string;
  testId?: string;
}) {
  return (
    <label className="field-row" title={hint} data-field={testId}>
      <span className="field-label">{label}</span>
      <NumberInput label={label} value={typeof value === 'number' ? value : undefined} bounds={bounds} allowEmpty={optional} onCommit={onCommit} />
      <span className="unit">{unit}</span>
    </label>
  );
}

export function TextField({ label, value, onCommit, placeholder, hint }: { label: string; value: unknown; onCommit(v: string | undefined): void; placeholder?: string; hint?: string }) {
  return (
    <label className="field-row" title={hint}>
      <span className="field-label">{label}</span>
      <TextInput label={label} value={typeof value === 'string' ? value : ''} placeholder={placeholder} commitOn="blur" onCommit={(v) => onCommit(v.trim() === '' ? undefined : v)} />
      <span className="unit" />
    </label>
  );
}

/** A collapsible section; what is inside is only built while it is open (a closed economics panel costs nothing). */
export function Section({ title, children, open, testId, extra }: { title: ReactNode; children: ReactNode; open?: boolean; testId?: string; extra?: ReactNode }) {
  const [shown, setShown] = useState(!!open);
  // Opened or closed from outside (another plant opened) follows; the user's own toggle stays otherwise.
  useEffect(() => setShown(!!open), [open]);
  return (
    <details className="section" open={shown} data-section={testId} onToggle={(e) => setShown((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>
        {title}
        {extra}
      </summary>
      {shown && <div className="section-body">{children}</div>}
    </details>
  );
}

/** "[V]", "[D]", "(REFERENCE-DATA §1.2)": notes are shown as written, one paragraph per entry. */
export function Notes({ notes, title = 'Notes and sources' }: { notes: unknown; title?: string }) {
  const list = typeof notes === 'string' ? [notes] : Array.isArray(notes) ? notes.filter((n): n is string => typeof n === 'string') : [];
  if (list.length === 0) return null;
  return (
    <div className="notes" data-testid="notes">
      <div className="notes-title">{title}</div>
      {list.map((n, i) => (
        <p key={i}>{n}</p>
      ))}
    </div>
  );
}
