/**
 * What the fuzz harness (tests/fuzz) found in the command line, each case from its minimal input:
 * the command line run as a process, as a user runs it. A refusal is exit 1 (2 for a wrong command
 * line) with a located message on stderr and nothing on stdout; an answer is exit 0 and complete.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const flexsheet = (...args: string[]) => spawnSync(join(root, 'bin', 'flexsheet'), args, { encoding: 'utf8', cwd: root, maxBuffer: 64 * 2 ** 20 });
const fixture = (name: string) => JSON.parse(readFileSync(join(root, 'tests', 'fixtures', name), 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'flexsheet-hardening-'));
let files = 0;
/** Writes a document (or text) to a file of its own and returns its path. */
const file = (content: unknown, ext = 'json') => {
  const path = join(dir, `f${files++}.${ext}`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

/** A clean refusal: the exit status, nothing on stdout, no stack trace; returns stderr. */
function refused(r: ReturnType<typeof flexsheet>, status = 1): string {
  expect(r.stdout).toBe('');
  expect(r.stderr).not.toMatch(/internal error|^\s+at /m);
  expect(r.status).toBe(status);
  return r.stderr;
}

describe('ids named like Object.prototype members reach the JSON output', () => {
  it('a stream named "__proto__" is printed by solve --json with its flows', () => {
    const d = fixture('recycle-purge.json');
    const streams = Object.create(null);
    for (const [id, s] of Object.entries(d.streams)) streams[id === 's3' ? '__proto__' : id] = s;
    d.streams = streams;
    const r = flexsheet('solve', file(d), '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out.streams)).toEqual(['s1', 's2', '__proto__', 's4']);
    // The recycle carries 0.9 of the loop's 100 kmol/h of NaCl (F / (1 − 0.9) with F = 10).
    expect(Object.getOwnPropertyDescriptor(out.streams, '__proto__')!.value.molarFlow['NaCl(aq)']).toBeCloseTo(90, 9);
  });
});

describe('files the command line cannot write are refused with their path', () => {
  it('sweep --csv and schema --validators into a folder that does not exist', () => {
    const csv = flexsheet('sweep', 'tests/fixtures/recycle-purge.json', '--set', 'fresh.flows["NaCl(aq)"]=1:2:2', '--csv', '/nonexistent-dir/out.csv');
    expect(refused(csv)).toMatch(/^error: \/nonexistent-dir\/out\.csv: cannot be written \(ENOENT\)$/m);
    expect(refused(flexsheet('schema', '--validators', dir))).toMatch(/cannot be written \(EISDIR\)/);
  });
});

describe('a unit written as null', () => {
  it('is refused by economics, switchover and campaign with its place, as by solve', () => {
    const d = fixture('economics-two-mode.json');
    d.units.leach = null;
    const path = file(d);
    for (const command of ['economics', 'switchover', 'campaign']) {
      expect(refused(flexsheet(command, path)), command).toMatch(/^error: units\.leach: unit "leach" must be an object with a "type" \(is null\)/m);
    }
    expect(refused(flexsheet('solve', path))).toMatch(/^error: units\.leach: must be an object$/m);
  });
});

describe('the command line itself', () => {
  it('cuts a message line that quotes a huge argument, saying how long it was', () => {
    const err = refused(flexsheet('solve', 'tests/fixtures/recycle-purge.json', `--${'x'.repeat(100_000)}`), 2);
    expect(err.split('\n')[0]).toBe(`flexsheet: solve: unknown option --${'x'.repeat(2000 - 'flexsheet: solve: unknown option --'.length)}… (cut: 100,035 characters)`);
    const mode = refused(flexsheet('switchover', 'tests/fixtures/economics-two-mode.json', '--from', 'copper', '--to', 'z'.repeat(100_000)));
    expect(mode).toMatch(/^error: modes: --to: mode "z{60}…" \(100,000 characters\) does not exist \(modes: copper, zinc\)$/m);
  });

  it('without a command prints the usage on stderr, exit 2', () => {
    expect(refused(flexsheet(), 2)).toMatch(/^flexsheet: no command given\n\nusage: flexsheet COMMAND/);
    expect(flexsheet('help').status).toBe(0);
  });
});

describe('the options of sweep and reconcile', () => {
  it('a sweep --out that is not a path into the results is a usage error', () => {
    const r = flexsheet('sweep', 'tests/fixtures/recycle-purge.json', '--set', 'fresh.flows["NaCl(aq)"]=1:2:2', '--out', 'x[');
    expect(refused(r, 2)).toMatch(/^flexsheet: --out x\[: write a path into the results, e\.g\. recovery\.bleed\.Na/);
  });

  it('a reconcile --alpha so small that 1 − α rounds to 1 is a usage error, not a failed quantile', () => {
    const r = flexsheet('reconcile', 'tests/fixtures/reconcile-leach-sx.json', 'flowsheets/pilot/leach-sx-pilot.csv', '--alpha', '1e-300');
    expect(refused(r, 2)).toMatch(/^flexsheet: --alpha is a significance level from 1e-9 to 0\.5 \(e\.g\. 0\.05\), not "1e-300"/);
    expect(flexsheet('reconcile', 'tests/fixtures/reconcile-leach-sx.json', 'flowsheets/pilot/leach-sx-pilot.csv', '--alpha', '1e-9').status).toBe(0);
  });
});
