/**
 * The diagram as a standalone SVG document, drawn from the document itself (not scraped from the
 * screen): boxes with their ports, streams as curves with their ids and flows. The PNG export
 * rasterises this SVG.
 */
import type { FlowsheetDoc, FlowsheetResults, UnitRegistry } from '../../core';
import { parseRef, unitLabel, unitPorts, unitPosition } from './doc';
import { NODE_WIDTH, PHASE_COLOURS, nodeHeight, portOffset } from './geometry';
import { formatNumber } from '../../core/format';
import { plantView } from './plant';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface SvgOptions {
  results?: FlowsheetResults;
  /** The mode drawn (its own units and routing); the base plant when absent. */
  mode?: string;
  margin?: number;
}

/** The plant of the mode (or the base) as an SVG drawing. */
export function diagramSvg(doc: FlowsheetDoc, registry: UnitRegistry, options: SvgOptions = {}): { svg: string; width: number; height: number } {
  const margin = options.margin ?? 30;
  const plant = plantView(doc, options.mode);
  const boxes = Object.entries(plant.units).map(([id, unit], i) => {
    const ports = unitPorts(unit, registry);
    const p = unitPosition(unit) ?? { x: (i % 6) * 240, y: Math.floor(i / 6) * 160 };
    return { id, unit, ports, x: p.x, y: p.y, h: nodeHeight(ports) };
  });
  const byId = new Map(boxes.map((b) => [b.id, b]));
  const minX = Math.min(0, ...boxes.map((b) => b.x)) - margin;
  const minY = Math.min(0, ...boxes.map((b) => b.y)) - margin;
  const maxX = Math.max(200, ...boxes.map((b) => b.x + NODE_WIDTH)) + margin;
  const maxY = Math.max(100, ...boxes.map((b) => b.y + b.h)) + margin;
  const width = Math.ceil(maxX - minX);
  const height = Math.ceil(maxY - minY);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${minX} ${minY} ${width} ${height}" font-family="Helvetica, Arial, sans-serif">`,
    `<title>${esc(doc.name)}${options.mode !== undefined ? ` — mode ${esc(options.mode)}` : ''}</title>`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker></defs>`,
    `<rect x="${minX}" y="${minY}" width="${width}" height="${height}" fill="#ffffff"/>`,
  );
  for (const [sid, s] of Object.entries(plant.streams)) {
    const f = parseRef(s.from);
    const t = parseRef(s.to);
    const a = byId.get(f.unit);
    const b = byId.get(t.unit);
    if (!a || !b) continue;
    const pa = portOffset(a.ports, f.port);
    const pb = portOffset(b.ports, t.port);
    if (!pa || !pb) continue;
    const x1 = a.x + pa.x;
    const y1 = a.y + pa.y;
    const x2 = b.x + pb.x;
    const y2 = b.y + pb.y;
    const dx = Math.max(40, Math.abs(x2 - x1) / 2);
    parts.push(
      `<path d="M ${x1} ${y1} C ${x1 + dx} ${y1}, ${x2 - dx} ${y2}, ${x2} ${y2}" fill="none" stroke="#555" stroke-width="1.5" marker-end="url(#arrow)"/>`,
    );
    const flow = options.results?.streams[sid]?.totals.mass;
    const text = flow !== undefined ? `${sid} · ${formatNumber(flow)} kg/h` : sid;
    parts.push(`<text x="${(x1 + x2) / 2}" y="${(y1 + y2) / 2 - 4}" font-size="10" text-anchor="middle" fill="#333">${esc(text)}</text>`);
  }
  for (const b of boxes) {
    parts.push(`<g transform="translate(${b.x} ${b.y})">`);
    parts.push(`<rect width="${NODE_WIDTH}" height="${b.h}" rx="6" fill="#f7f9fc" stroke="#34495e" stroke-width="1.2"/>`);
    parts.push(`<text x="8" y="15" font-size="12" font-weight="bold" fill="#1b2631">${esc(unitLabel(b.id, b.unit))}</text>`);
    parts.push(`<text x="8" y="28" font-size="9" fill="#5d6d7e">${esc(b.unit.type)}</text>`);
    for (const p of b.ports) {
      const o = portOffset(b.ports, p.name)!;
      const colour = p.phase ? PHASE_COLOURS[p.phase] : '#555';
      parts.push(`<circle cx="${o.x}" cy="${o.y}" r="4" fill="${colour}"/>`);
      const tx = p.direction === 'in' ? 8 : NODE_WIDTH - 8;
      parts.push(`<text x="${tx}" y="${o.y + 3}" font-size="9" fill="#34495e" text-anchor="${p.direction === 'in' ? 'start' : 'end'}">${esc(p.name)}</text>`);
    }
    parts.push('</g>');
  }
  parts.push('</svg>');
  return { svg: parts.join('\n'), width, height };
}
