/**
 * Finding a unit or a stream of the plant on screen by what a person calls it: label, id, type,
 * or a stream's id and ends. Matches rank exact before prefix before anywhere, labels first.
 */
import type { StreamDecl, UnitDecl } from '../../core';
import { parseRef, unitLabel } from './doc';
import { own } from './own';

export interface Hit {
  kind: 'unit' | 'stream';
  id: string;
  title: string;
  detail: string;
  score: number;
}

function score(text: string, q: string): number {
  const t = text.toLowerCase();
  if (t === q) return 3;
  if (t.startsWith(q)) return 2;
  if (t.split(/[\s_.:-]+/).some((w) => w.startsWith(q))) return 1.5;
  return t.includes(q) ? 1 : 0;
}

export function search(plant: { units: Readonly<Record<string, UnitDecl>>; streams: Readonly<Record<string, StreamDecl>> }, query: string, limit = 12): Hit[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const hits: Hit[] = [];
  for (const id of Object.keys(plant.units)) {
    const u = plant.units[id];
    const label = unitLabel(id, u);
    const s = Math.max(score(label, q) * 1.2, score(id, q) * 1.1, score(u.type, q) * 0.5);
    if (s > 0) hits.push({ kind: 'unit', id, title: label, detail: `${u.type}${label !== id ? ` · ${id}` : ''}`, score: s });
  }
  const name = (ref: string) => {
    const u = parseRef(ref).unit;
    const d = own(plant.units, u);
    return d ? unitLabel(u, d) : u;
  };
  for (const id of Object.keys(plant.streams)) {
    const st = plant.streams[id];
    const ends = `${name(st.from)} → ${name(st.to)}`;
    const s = Math.max(score(id, q), score(ends, q) * 0.6);
    if (s > 0) hits.push({ kind: 'stream', id, title: id, detail: ends, score: s });
  }
  return hits.sort((a, b) => b.score - a.score || a.title.localeCompare(b.title)).slice(0, limit);
}
