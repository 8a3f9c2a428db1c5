/**
 * docs/format.md is the users' contract: it must name (in `code`) every property and enumerated value
 * of the published JSON Schema, every unit type with its parameters and fixed ports, every field of
 * `flexsheet solve --json`, and every command and flag of the command line. Adding one of these
 * without documenting it fails here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../cli/commands';
import { solveJson } from '../cli/solve-report';
import { solve } from '../index';
import { registry } from '../unit-ops';

const root = join(import.meta.dirname, '..');
const doc = readFileSync(join(root, 'docs', 'format.md'), 'utf8');
const schema = JSON.parse(readFileSync(join(root, 'flowsheets', 'flowsheet.schema.json'), 'utf8'));

/** What the page writes in code: each `span` whole (quotes aside) and each word in it. */
const spans = [...doc.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]);
const inCode = new Set(spans.flatMap((s) => [s, s.replace(/^"|"$/g, ''), ...s.split(/[^A-Za-z0-9_$]+/)]));
const missing = (names: Iterable<string>) => [...new Set(names)].filter((n) => !inCode.has(n)).sort();

/** Every key of every `properties` object, and every string of every `enum` or `const`, in a schema. */
function schemaNames(node: unknown, names = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => schemaNames(n, names));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.properties && typeof o.properties === 'object') Object.keys(o.properties).forEach((k) => names.add(k));
    for (const v of [...(Array.isArray(o.enum) ? o.enum : []), o.const]) if (typeof v === 'string') names.add(v);
    Object.values(o).forEach((v) => schemaNames(v, names));
  }
  return names;
}

/** Every key at every depth of a result object, but the ids (of streams, units, species, elements). */
function resultKeys(r: Record<string, any>): string[] {
  const keys = Object.keys(r);
  for (const s of Object.values<Record<string, any>>(r.streams)) keys.push(...Object.keys(s), ...Object.keys(s.totals));
  for (const g of Object.values<Record<string, any>>(r.grade ?? {})) keys.push(...Object.keys(g));
  for (const spec of Object.values<Record<string, any>>(r.specs ?? {})) keys.push(...Object.keys(spec));
  for (const s of Object.values<Record<string, any>>(r.streams)) if (s.volumeFlow) keys.push(...Object.keys(s.volumeFlow));
  keys.push(...Object.keys(r.solver ?? {}), ...Object.values<Record<string, any>>(r.elements).flatMap((e) => Object.keys(e)));
  return keys;
}

describe('docs/format.md', () => {
  it('names every property and enumerated value of flowsheets/flowsheet.schema.json', () => {
    expect(missing(schemaNames(schema))).toEqual([]);
  });

  it('names every unit type, its parameters and its fixed ports', () => {
    const names: string[] = [];
    for (const t of registry.values()) {
      const defaults = Object.fromEntries(Object.entries(t.params).map(([k, d]) => [k, d.default]));
      const outletNames = Object.values(t.params).flatMap((d) => (d.kind === 'names' && Array.isArray(d.default) ? d.default : []));
      names.push(t.type, ...Object.keys(t.params), ...t.ports(defaults).map((p) => p.name).filter((p) => !outletNames.includes(p)));
    }
    expect(missing(names)).toEqual([]);
  });

  it('names every field of `flexsheet solve --json`', () => {
    const json = solveJson(solve(readFileSync(join(root, 'flowsheets', 'black-mass.json'), 'utf8'), { mode: 'nmc622' })) as Record<string, any>;
    const full = solve(readFileSync(join(root, 'flowsheets', 'dual-feed.json'), 'utf8'), { mode: 'black-mass' }) as unknown as Record<string, any>;
    expect(missing([...resultKeys(json), ...resultKeys(full)])).toEqual([]);
  });

  it('names every command and every flag of the command line', () => {
    for (const c of commands) expect(doc, `flexsheet ${c.name}`).toContain(`\`flexsheet ${c.name}\``);
    const flags = commands.flatMap((c) => c.usage.match(/--[a-z-]+/g) ?? []);
    expect(flags.filter((f) => !doc.includes(f))).toEqual([]);
  });
});
