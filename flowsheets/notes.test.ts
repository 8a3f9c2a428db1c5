/**
 * What the shipped plants' notes claim holds in the file and in the solved plant: every spec a note
 * names exists, and the spare capacity the saponified D2EHPA circuit's notes state is what the
 * solver finds.
 */
import { describe, expect, it } from 'vitest';
import { runFlowsheet, type FlowsheetDoc } from '../index';
import { registry } from '../unit-ops';
import { load } from './plant-helpers';

const SHIPPED = ['black-mass.json', 'ndfeb-magnet.json', 'dual-feed.json'];

type Noted = { notes?: string | string[] } | null;
const notesOf = (x: Noted) => (!x?.notes ? [] : Array.isArray(x.notes) ? x.notes : [x.notes]);

/** Every note of the file with its JSON path: units, specs and streams, of the base and of every mode. */
function notes(doc: Record<string, any>): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  const scan = (prefix: string, group: Record<string, Noted> | undefined) => {
    for (const [id, x] of Object.entries(group ?? {})) notesOf(x).forEach((text, i) => out.push({ path: `${prefix}.${id}.notes[${i}]`, text }));
  };
  for (const key of ['units', 'specs', 'streams']) scan(key, doc[key]);
  for (const [mode, m] of Object.entries(doc.modes ?? {}) as [string, Record<string, any>][]) for (const key of ['units', 'specs', 'streams']) scan(`modes.${mode}.${key}`, m[key]);
  return out;
}

describe('the notes of the shipped plants', () => {
  for (const file of SHIPPED) {
    // "set by the spec co_strip_cobalt", "the spec vent_h2_lfl": the way the notes name a spec.
    it(`${file}: every spec a note names is a spec of the file`, () => {
      const doc = load(file);
      const specs = new Set([...Object.keys(doc.specs ?? {}), ...Object.values(doc.modes ?? {}).flatMap((m: any) => Object.keys(m.specs ?? {}))]);
      const missing = notes(doc).flatMap(({ path, text }) => [...text.matchAll(/\bthe specs? ([a-z][a-z0-9_]+)/g)].map((m) => m[1]).filter((id) => !specs.has(id)).map((id) => `${path}: spec ${id}`));
      expect(missing).toEqual([]);
    });
  }

  // By hand from the NMC111 solve: the organic carries T = 6.947 kmol/h of extractant, and the
  // saponification converts 80 % of the acid form it meets, so at steady state the NaA the extraction
  // can use is 0.8·T = 5.558 kmol/h; the extraction uses E = 0.8·(T − 0.917 unloaded NaA) = 4.824
  // kmol/h (2 per Mn, Zn, Ca, Cu, Co, Ni; 3 per Al). 5.558 / 4.824 = 1.152: the feed can grow 15.2 %.
  it('black-mass.json: the D2EHPA circuit takes NMC111 feed +15 % and refuses +20 % as an overloaded extractant, as its notes say', () => {
    const scaled = (factor: number) => {
      const doc = load('black-mass.json') as FlowsheetDoc & { units: Record<string, any> };
      const flows = doc.units.bm_feed.flows as Record<string, number>;
      for (const sp of Object.keys(flows)) flows[sp] *= factor;
      return runFlowsheet(doc, registry, { mode: 'nmc111' });
    };
    expect(scaled(1.15).ok).toBe(true);
    const refused = scaled(1.2);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.diagnostics.map((d) => d.message).join('\n')).toMatch(/unit "sx_mn": stage \d: the organic runs out of NaDEHP\(org\).*overloaded extractant/);
  });
});
