/**
 * Findings of the fuzz harness whose cause is in code other engineers own, reported to the lead
 * (/work/coord/inbox-lead.md) and open: each still counts in its class (crash, hang, wrong) and is
 * printed as known; the CI budget (fuzz.test.ts) fails only on findings not listed here. Remove an
 * entry when its owner fixes it: the harness then holds the fix.
 */
import type { Verdict } from './classify';

export interface KnownFinding {
  /** Who owns the cause. */
  owner: string;
  /** What it is, in one line. */
  note: string;
  matches(command: string, verdict: Verdict): boolean;
}

const KNOWN: readonly KnownFinding[] = [];

/** The known finding a verdict is, if any. */
export function knownAs(command: string, verdict: Verdict): KnownFinding | undefined {
  return verdict.outcome === 'ok' || verdict.outcome === 'refusal' ? undefined : KNOWN.find((k) => k.matches(command, verdict));
}
