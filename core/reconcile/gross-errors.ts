/**
 * Serial elimination of gross errors (Narasimhan & Jordache, Data Reconciliation and Gross Error
 * Detection, 2000, ch. 7–8): while the global test fails, the measurement with the largest
 * measurement test above its critical value is taken out and the data reconciled again. When the
 * largest test is shared by several measurements (an equivalent set) none is taken out: the data
 * cannot tell which is wrong. Each round is recorded — the χ² before and after, and what the
 * measurement's reconciled value was with it and is without it — for the verdict.
 */
import { chiSquareQuantile, measurementTestCritical } from './stats';
import { solveEquality, valueOf, type Solved, type WlsProblem } from './wls';

export interface EliminationRound {
  /** The measurement taken out (position in the data). */
  measurement: number;
  test: number;
  critical: number;
  before: { chiSquare: number; dof: number; critical: number };
  after: { chiSquare: number; dof: number; critical: number | null };
  /** Its reconciled value (measurement's unit) with it in, and predicted by the others without it. */
  reconciledWith: number | null;
  reconciledWithout: number | null;
  /** The other measurements whose reconciled values move most when it is taken out, in their sd. */
  shifts: { measurement: number; before: number; after: number; bySd: number }[];
}

export interface Elimination {
  /** The measurements used in the end. */
  used: number[];
  /** The first round: every measurement in. */
  initial: Solved;
  /** The last round. */
  final: Solved;
  rounds: EliminationRound[];
  /** Several measurements share the largest test, so none was taken out. */
  tied?: number[];
  iterations: number;
}

export interface EliminationOptions {
  alpha: number;
  eliminate: boolean;
  maxEliminations: number;
}

export function eliminateGrossErrors(problem: WlsProblem, options: EliminationOptions): Elimination {
  let used = [...problem.used];
  let solution = solveEquality({ ...problem, used });
  const initial = solution;
  let iterations = solution.iterations;
  const rounds: EliminationRound[] = [];
  let tied: number[] | undefined;
  for (;;) {
    const st = solution.stats;
    if (!options.eliminate || st.dof <= 0) break;
    const chiCritical = chiSquareQuantile(1 - options.alpha, st.dof);
    if (st.chiSquare <= chiCritical) break;
    const critical = measurementTestCritical(options.alpha, st.redundantCount);
    const worst = largestTest(st.test, critical);
    if (worst < 0 || rounds.length >= options.maxEliminations) break;
    const ties = st.test.flatMap((t, k) => (t !== null && k !== worst && Math.abs(t - st.test[worst]!) <= 1e-6 * st.test[worst]! ? [k] : []));
    if (ties.length) {
      tied = [worst, ...ties].map((k) => used[k]);
      break;
    }
    const removed = used[worst];
    const nextUsed = used.filter((_, k) => k !== worst);
    // From the last round's solution: a redundant measurement taken out leaves the row space as it
    // was, so only what the data determine moves.
    const next = solveEquality({ ...problem, used: nextUsed, z0: solution.z });
    iterations += next.iterations;
    rounds.push(describeRound(problem, removed, st.test[worst]!, critical, { solution, dof: st.dof, chiCritical }, next, options.alpha));
    used = nextUsed;
    solution = next;
  }
  return { used, initial, final: solution, rounds, ...(tied ? { tied } : {}), iterations };
}

function largestTest(test: readonly (number | null)[], critical: number): number {
  let worst = -1;
  test.forEach((t, k) => {
    if (t !== null && t > critical && (worst < 0 || t > test[worst]!)) worst = k;
  });
  return worst;
}

function describeRound(
  problem: WlsProblem,
  removed: number,
  test: number,
  critical: number,
  before: { solution: Solved; dof: number; chiCritical: number },
  after: Solved,
  alpha: number,
): EliminationRound {
  const value = (i: number, s: Solved) => {
    const v = valueOf(problem.models[i], s.x);
    return Number.isFinite(v) ? v : null;
  };
  const shifts = problem.used
    .filter((i) => i !== removed)
    .map((i) => {
      const b = value(i, before.solution);
      const a = value(i, after);
      return { measurement: i, before: b ?? NaN, after: a ?? NaN, bySd: b === null || a === null ? 0 : Math.abs(a - b) / problem.sigma[i] };
    })
    .filter((s) => s.bySd > 0.1)
    .sort((a, b) => b.bySd - a.bySd)
    .slice(0, 3);
  const dofAfter = after.stats.dof;
  return {
    measurement: removed,
    test,
    critical,
    before: { chiSquare: before.solution.stats.chiSquare, dof: before.dof, critical: before.chiCritical },
    after: { chiSquare: after.stats.chiSquare, dof: dofAfter, critical: dofAfter > 0 ? chiSquareQuantile(1 - alpha, dofAfter) : null },
    reconciledWith: value(removed, before.solution),
    reconciledWithout: value(removed, after),
    shifts,
  };
}
