/**
 * The shipped flowsheets, found by import.meta.glob so that a new file in flowsheets/ appears in
 * the Examples menu without touching the editor. Files that are not valid flowsheets (the JSON
 * Schema, work in progress) are left out.
 */
import type { FlowsheetDoc, UnitRegistry } from '../core';
import { readFlowsheet } from './state/file';

const shipped = import.meta.glob('../flowsheets/*.json', { eager: true, import: 'default' }) as Record<string, unknown>;
const fixtures = import.meta.glob('../tests/fixtures/recycle-purge.json', { eager: true, import: 'default' }) as Record<string, unknown>;

export interface Example {
  /** File name without .json. */
  id: string;
  name: string;
  doc: FlowsheetDoc;
}

/** The plant opened first: dual-feed when it ships, else the richest one. */
const PREFERRED = ['dual-feed', 'black-mass', 'ndfeb-magnet'];

export function listExamples(registry: UnitRegistry): Example[] {
  const out: Example[] = [];
  const add = (files: Record<string, unknown>) => {
    for (const [path, data] of Object.entries(files)) {
      const id = path.replace(/^.*\//, '').replace(/\.json$/, '');
      const read = readFlowsheet(data, registry);
      if (read.ok) out.push({ id, name: read.doc.name, doc: read.doc });
    }
  };
  add(shipped);
  if (out.length === 0) add(fixtures);
  const rank = (e: Example) => {
    const i = PREFERRED.indexOf(e.id);
    return i < 0 ? PREFERRED.length + 1 / (1 + Object.keys(e.doc.units).length) : i;
  };
  return out.sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id));
}
