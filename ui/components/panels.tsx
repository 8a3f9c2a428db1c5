/**
 * The panels around the diagram: the palette, the inspector and the results are resized by dragging
 * the gutter beside them and collapsed with their toggle; sizes are remembered in this browser.
 * Defaults fit a 1024 px wide window.
 */
import { useCallback, useState, type CSSProperties, type PointerEvent as ReactPointerEvent } from 'react';

type Panel = 'palette' | 'inspector' | 'results';

interface Sizes {
  palette: number;
  inspector: number;
  results: number;
}

const KEY = 'flexsheet:panels';
const LIMITS: Record<Panel, [number, number]> = { palette: [120, 320], inspector: [260, 720], results: [120, 900] };

function defaults(): Sizes {
  const w = typeof window !== 'undefined' ? window.innerWidth : 1500;
  const h = typeof window !== 'undefined' ? window.innerHeight : 900;
  return { palette: w < 1200 ? 140 : 170, inspector: w < 1200 ? 290 : 340, results: Math.round(h * 0.3) };
}

function load(): { sizes: Sizes; collapsed: Record<Panel, boolean> } {
  const base = { sizes: defaults(), collapsed: { palette: false, inspector: false, results: false } };
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as typeof base | null;
    if (saved && saved.sizes && saved.collapsed) return { sizes: { ...base.sizes, ...saved.sizes }, collapsed: { ...base.collapsed, ...saved.collapsed } };
  } catch {
    /* nothing saved, or not readable */
  }
  return base;
}

export function usePanels() {
  const [state, setState] = useState(load);
  const save = (next: typeof state) => {
    try {
      localStorage.setItem(KEY, JSON.stringify(next));
    } catch {
      /* not remembered */
    }
  };
  const update = useCallback((f: (s: typeof state) => typeof state) => {
    setState((s) => {
      const next = f(s);
      save(next);
      return next;
    });
  }, []);

  const gutter = (panel: Panel) => {
    const vertical = panel !== 'results';
    const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
      e.preventDefault();
      const start = vertical ? e.clientX : e.clientY;
      const from = state.sizes[panel];
      const sign = panel === 'palette' ? 1 : -1;
      const el = e.currentTarget;
      el.setPointerCapture(e.pointerId);
      const move = (ev: PointerEvent) => {
        const d = ((vertical ? ev.clientX : ev.clientY) - start) * sign;
        const [lo, hi] = LIMITS[panel];
        update((s) => ({ ...s, collapsed: { ...s.collapsed, [panel]: false }, sizes: { ...s.sizes, [panel]: Math.round(Math.max(lo, Math.min(hi, from + d))) } }));
      };
      const up = () => {
        el.removeEventListener('pointermove', move);
        el.removeEventListener('pointerup', up);
      };
      el.addEventListener('pointermove', move);
      el.addEventListener('pointerup', up);
    };
    return <div className={`gutter gutter-${panel}`} role="separator" aria-orientation={vertical ? 'vertical' : 'horizontal'} aria-label={`resize the ${panel}`} onPointerDown={onPointerDown} />;
  };

  const toggle = (panel: Panel, label: string) => (
    <button
      type="button"
      className={`panel-toggle toggle-${panel}`}
      aria-label={`${state.collapsed[panel] ? 'show' : 'hide'} the ${label}`}
      aria-expanded={!state.collapsed[panel]}
      title={`${state.collapsed[panel] ? 'Show' : 'Hide'} the ${label}`}
      onClick={() => update((s) => ({ ...s, collapsed: { ...s.collapsed, [panel]: !s.collapsed[panel] } }))}
    >
      {state.collapsed[panel] ? (panel === 'results' ? '▴' : panel === 'palette' ? '›' : '‹') : panel === 'results' ? '▾' : panel === 'palette' ? '‹' : '›'}
    </button>
  );

  const style = (wide: boolean): CSSProperties =>
    ({
      '--palette-w': `${state.collapsed.palette ? 26 : state.sizes.palette}px`,
      '--inspector-w': `${state.collapsed.inspector ? 26 : state.sizes.inspector}px`,
      '--results-h': `${state.collapsed.results ? 28 : wide ? Math.max(state.sizes.results, Math.round((typeof window !== 'undefined' ? window.innerHeight : 900) * 0.5)) : state.sizes.results}px`,
    }) as CSSProperties;

  return { collapsed: state.collapsed, gutter, toggle, style };
}
