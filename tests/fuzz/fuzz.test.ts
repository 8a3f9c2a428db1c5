/**
 * The fuzz harness on a small budget, with a fixed seed: 90 runs of the command line (a sample of
 * the adversarial files and seeded mutants of the small fixtures and the small pilot CSV, through
 * every command), about 45 s on two cores. Any crash, hang or wrong answer fails, with the folder
 * that reproduces it, but those known and reported to their owners (known.ts). The full run
 * (`node scripts/fuzz.mjs`: 2,000 mutants and every adversarial file) takes most of an hour.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatSummary, fuzz } from './harness';

describe('fuzz harness (CI budget)', () => {
  it('gives no crash, no hang and no wrong answer on 50 seeded mutants and 40 adversarial files', async () => {
    const out = mkdtempSync(join(tmpdir(), 'flexsheet-fuzz-ci-'));
    const s = await fuzz({ seed: 20261201, mutants: 50, adversarial: 40, small: true, workers: 2, timeoutMs: 30_000, out });
    const findings = s.findings.filter((f) => !f.known).map((f) => `${f.outcome} ${f.id} (${join(out, f.outcome, f.id)}): flexsheet ${f.args.join(' ').slice(0, 200)} — ${f.label}\n  → ${f.reason}`);
    expect(findings, formatSummary(s)).toEqual([]);
    expect(s.runs).toBe(90);
    // The budget reaches every command and both sides of the classification.
    expect(s.counts.ok).toBeGreaterThan(10);
    expect(s.counts.refusal).toBeGreaterThan(10);
  }, 300_000);
});
