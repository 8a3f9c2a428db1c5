/**
 * A number field checked against declared bounds as the user types: a valid value is committed at
 * once (the plant re-solves), an invalid one stays in the field with an inline error and is not.
 */
import { useState } from 'react';
import type { ParamDecl } from '../../../core';
import { checkNumber } from '../../state/validate';

export interface NumberInputProps {
  value: number | undefined;
  bounds?: Pick<ParamDecl, 'min' | 'max' | 'exclusiveMin'> & { kind?: 'number' | 'integer' };
  onCommit(value: number | undefined): void;
  /** Empty text removes the value (optional parameters). */
  allowEmpty?: boolean;
  label: string;
  placeholder?: string;
  className?: string;
  /** Shown (and edited) as value × scale, e.g. 100 for percent. */
  scale?: number;
}

const show = (v: number | undefined, scale: number) => (v === undefined ? '' : String(Number((v * scale).toPrecision(12))));

export function NumberInput({ value, bounds, onCommit, allowEmpty, label, placeholder, className, scale = 1 }: NumberInputProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? show(value, scale);
  const decl = { kind: bounds?.kind ?? 'number', min: bounds?.min, max: bounds?.max, exclusiveMin: bounds?.exclusiveMin } as const;
  const check = (t: string) => {
    if (allowEmpty && t.trim() === '') return { value: undefined, error: undefined };
    const r = checkNumber({ ...decl, min: decl.min !== undefined ? decl.min * scale : undefined, max: decl.max !== undefined ? decl.max * scale : undefined }, t);
    return r.error ? r : { value: r.value! / scale, error: undefined };
  };
  const error = draft !== null ? check(draft).error : undefined;
  return (
    <span className={`number-input${error ? ' invalid' : ''} ${className ?? ''}`}>
      <input
        type="text"
        inputMode="decimal"
        aria-label={label}
        aria-invalid={!!error}
        value={text}
        placeholder={placeholder}
        onChange={(e) => {
          const t = e.target.value;
          setDraft(t);
          const r = check(t);
          if (!r.error && r.value !== value) onCommit(r.value);
        }}
        onBlur={() => {
          if (draft !== null && !check(draft).error) setDraft(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setDraft(null);
          if (e.key === 'Enter' && draft !== null && !check(draft).error) setDraft(null);
        }}
      />
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}

/** A text field committed when it is valid; `validate` returns the error to show. */
export function TextInput({
  value,
  onCommit,
  validate,
  label,
  commitOn = 'change',
  placeholder,
  className,
}: {
  value: string;
  onCommit(v: string): void;
  validate?: (v: string) => string | undefined;
  label: string;
  commitOn?: 'change' | 'blur';
  placeholder?: string;
  className?: string;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? value;
  const error = draft !== null ? validate?.(draft) : undefined;
  const commit = (t: string) => {
    if (!validate?.(t) && t !== value) onCommit(t);
  };
  return (
    <span className={`text-input${error ? ' invalid' : ''} ${className ?? ''}`}>
      <input
        type="text"
        aria-label={label}
        aria-invalid={!!error}
        value={text}
        placeholder={placeholder}
        onChange={(e) => {
          setDraft(e.target.value);
          if (commitOn === 'change') commit(e.target.value);
        }}
        onBlur={() => {
          if (draft === null) return;
          if (commitOn === 'blur') commit(draft);
          if (!validate?.(draft)) setDraft(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setDraft(null);
          if (e.key === 'Enter' && draft !== null) {
            if (commitOn === 'blur') commit(draft);
            if (!validate?.(draft)) setDraft(null);
          }
        }}
      />
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
