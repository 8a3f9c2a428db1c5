/** One element's flow through the plant as a Sankey diagram (d3-sankey); recycles end in ↺ nodes. */
import { sankey, sankeyLinkHorizontal, type SankeyGraph } from 'd3-sankey';
import { useMemo, useState } from 'react';
import type { FlowsheetResults } from '../../core';
import { formatNumber } from '../../core/format';
import { unitLabel } from '../state/doc';
import { own } from '../state/own';
import { elementSankey } from '../state/sankey';
import { usePlant, useSpeciesInfo } from './derived';

interface N {
  id: string;
  label: string;
  kind: string;
}
interface L {
  source: string;
  target: string;
  value: number;
  stream?: string;
}

const COLOURS: Record<string, string> = { unit: '#2c3e50', reagent: '#27ae60', recycle: '#e67e22' };

export function SankeyView({ results }: { results: FlowsheetResults }) {
  const elements = Object.keys(results.elements);
  const units = usePlant().units;
  const info = useSpeciesInfo();
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const element = chosen && elements.includes(chosen) ? chosen : (elements.find((e) => !['H', 'O', 'S'].includes(e)) ?? elements[0]);
  const width = 960;
  const layout = useMemo(() => {
    if (!element) return undefined;
    const label = (id: string) => {
      const u = own(units, id);
      return u ? unitLabel(id, u) : id;
    };
    const spec = elementSankey(results, info, element, Object.keys(units), label);
    // Room for every node's label: the drawing grows with the plant instead of being cut off.
    const height = Math.max(260, Math.min(1400, spec.nodes.length * 18));
    if (spec.links.length === 0) return undefined;
    try {
      const g = sankey<N, L>()
        .nodeId((d) => d.id)
        .nodeWidth(10)
        .nodePadding(12)
        .extent([
          [4, 8],
          [width - 170, height - 8],
        ])({ nodes: spec.nodes.map((n) => ({ ...n })), links: spec.links.map((l) => ({ ...l })) } as SankeyGraph<N, L>);
      return { g, recycles: spec.recycles, height };
    } catch {
      return undefined;
    }
  }, [results, info, element, units]);
  return (
    <div className="sankey">
      <label>
        element{' '}
        <select aria-label="Sankey element" value={element ?? ''} onChange={(e) => setChosen(e.target.value)}>
          {elements.map((el) => (
            <option key={el}>{el}</option>
          ))}
        </select>
      </label>
      {layout && layout.recycles.length > 0 && <span className="muted"> recycle streams shown as ↺: {layout.recycles.join(', ')}</span>}
      {!layout ? (
        <p className="muted">No flow of {element} to draw.</p>
      ) : (
        <svg viewBox={`0 0 ${width} ${layout.height}`} className="sankey-svg" role="img" aria-label={`Sankey diagram of ${element}`} style={{ minHeight: layout.height * 0.6 }}>
          <g fill="none">
            {layout.g.links.map((l, i) => (
              <path key={i} d={sankeyLinkHorizontal()(l) ?? undefined} stroke="#5dade2" strokeOpacity={0.45} strokeWidth={Math.max(1, l.width ?? 1)}>
                <title>
                  {l.stream ? `stream ${l.stream}: ` : 'reagent: '}
                  {formatNumber(l.value)} kg/h {element}
                </title>
              </path>
            ))}
          </g>
          {layout.g.nodes.map((n) => (
            <g key={n.id}>
              <rect x={n.x0} y={n.y0} width={(n.x1 ?? 0) - (n.x0 ?? 0)} height={Math.max(1, (n.y1 ?? 0) - (n.y0 ?? 0))} fill={COLOURS[n.kind] ?? '#2c3e50'}>
                <title>
                  {n.label}: {formatNumber(n.value ?? 0)} kg/h {element}
                </title>
              </rect>
              <text x={(n.x1 ?? 0) + 4} y={((n.y0 ?? 0) + (n.y1 ?? 0)) / 2} dy="0.35em" fontSize={10} className="sankey-label">
                {n.label} · {formatNumber(n.value ?? 0)} kg/h
              </text>
            </g>
          ))}
        </svg>
      )}
    </div>
  );
}
