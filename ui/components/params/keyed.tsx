/** Pieces shared by the editors of keyed maps (species, selectors, reagents, formulas). */

/** A copy of `obj` with `key` set to `v`, or without `key` when `v` is undefined. */
export function withKey<T extends Record<string, unknown>>(obj: T, key: string, v: T[string] | undefined): T {
  const next: Record<string, unknown> = { ...obj };
  if (v === undefined) delete next[key];
  else next[key] = v;
  return next as T;
}

/** The × button that removes one entry. */
export function RemoveButton({ label, title, onClick }: { label: string; title?: string; onClick(): void }) {
  return (
    <button type="button" className="icon" aria-label={label} title={title} onClick={onClick}>
      ×
    </button>
  );
}

/** A drop-down of keys not yet in the map; picking one calls `onAdd` and the list resets. */
export function AddSelect({ label, prompt, options, onAdd }: { label: string; prompt: string; options: readonly string[]; onAdd(key: string): void }) {
  return (
    <select aria-label={label} value="" onChange={(e) => e.target.value && onAdd(e.target.value)}>
      <option value="">{prompt}</option>
      {options.map((o) => (
        <option key={o} value={o}>
          {o}
        </option>
      ))}
    </select>
  );
}
