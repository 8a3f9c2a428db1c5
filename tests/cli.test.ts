/** The command line run as a process, as a user runs it. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const flexsheet = (...args: string[]) => spawnSync(join(root, 'bin', 'flexsheet'), args, { encoding: 'utf8', cwd: root });
const fixture = 'tests/fixtures/recycle-purge.json';

describe('flexsheet solve', () => {
  it('prints the JSON of FORMAT.md with --json', () => {
    const r = flexsheet('solve', fixture, '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(expect.arrayContaining(['streams', 'reagents', 'elements', 'recovery']));
    // Recycle with purge 0.1: the loop carries F/(1 − 0.9) = 10 × 10 = 100 kmol/h of NaCl.
    expect(out.streams.s2.molarFlow['NaCl(aq)']).toBeCloseTo(100, 9);
    expect(out.streams.s2.from).toBe('mix.out');
    // 10 kmol/h NaCl × (22.98976928 + 35.45) kg/kmol.
    expect(out.streams.s4.massFlow['NaCl(aq)']).toBeCloseTo(584.3976928, 6);
    expect(out.recovery.bleed.Na).toBeCloseTo(1, 12);
  });

  it('prints readable tables without --json', () => {
    const r = flexsheet('solve', fixture);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Streams \(kg\/h\)/);
    expect(r.stdout).toMatch(/Element balance/);
    expect(r.stdout).toMatch(/Recovery of feed elements to products/);
  });

  it('refuses a bad file: non-zero exit, located message, no numbers, no stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flexsheet-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ format: 'flexsheet/1', name: 'x', basis: 'kg/h', species: { 'NaCl(aq)': {} }, units: { f: { type: 'feed', flows: { 'NaCl(aq)': 1 } } }, streams: {} }));
    const r = flexsheet('solve', bad, '--json');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/error: streams: unit "f": outlet "out" is not connected/);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('refuses a missing file, an unknown mode, and bad usage', () => {
    const missing = flexsheet('solve', 'no/such/file.json');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/no\/such\/file\.json: no such file/);
    const mode = flexsheet('solve', fixture, '--mode', 'winter');
    expect(mode.status).toBe(1);
    expect(mode.stderr).toMatch(/mode "winter" does not exist/);
    const usage = flexsheet('solve');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/usage: flexsheet/);
    expect(flexsheet('frobnicate').stderr).toMatch(/unknown command "frobnicate"/);
  });
});

describe('flexsheet solve on plants too big for the process', () => {
  it('refuses, before building anything, a plant that will not fit in the heap, with the figure', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flexsheet-'));
    const file = join(dir, 'big.json');
    const species = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`X${i}O(s)`, {}]));
    const units: Record<string, unknown> = { feed: { type: 'feed', flows: { 'X0O(s)': 1 } } };
    const streams: Record<string, unknown> = {};
    let prev = 'feed.out';
    for (let i = 0; i < 3000; i++) {
      units[`m${i}`] = { type: 'mixer' };
      streams[`s${i}`] = { from: prev, to: `m${i}.in` };
      prev = `m${i}.out`;
    }
    units.out = { type: 'product' };
    streams.last = { from: prev, to: 'out.in' };
    writeFileSync(file, JSON.stringify({ format: 'flexsheet/1', name: 'chain', basis: 'kmol/h', species, units, streams }));
    const r = spawnSync(join(root, 'bin', 'flexsheet'), ['solve', file, '--json'], { encoding: 'utf8', cwd: root, env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=32' } });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    // (3,001 streams + 3,002 units) × 40 species = 240,120 unknowns × 600 bytes = 137 MB.
    expect(r.stderr).toMatch(/about 240,120 unknowns\) needs about 137 MB to solve, more than the \d+ MB this process may use/);
  });
});
