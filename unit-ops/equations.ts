/** Equation shapes shared by unit operations. */
import type { EquationBuilder, InternalDescription } from '../core/unit-type';

/** out[k] = fraction · Σ inlets[k]: the whole of a species, or a fixed share of it, passes. */
export function passFraction(eq: EquationBuilder, out: number, inlets: readonly number[], k: number, fraction: number): void {
  eq.begin(out + k);
  eq.term(out + k, 1);
  if (fraction !== 0) for (const base of inlets) eq.term(base + k, -fraction);
}

/** Unknown = 0. */
export function zero(eq: EquationBuilder, v: number): void {
  eq.begin(v);
  eq.term(v, 1);
}

/** Rounding slack when fractions are checked against 1. */
export const FRACTION_TOLERANCE = 1e-9;

/** Formats a number for a message without noise digits. */
export function fmt(x: number): string {
  return Number(x.toPrecision(6)).toString();
}

/** The streams of one stage of a countercurrent cascade: base indices, as `EquationBuilder` gives them. */
export interface CascadeStage {
  /** Stream A entering the stage (the feed at stage 1) and B entering it (the feed at stage N). */
  aIn: readonly number[];
  bIn: readonly number[];
  /** Stream A leaving the stage (the outlet at stage N) and B leaving it (the outlet at stage 1). */
  aOut: number;
  bOut: number;
}

/** The stages of a countercurrent cascade, visited in order from 1 to N. */
export type StageVisitor = (streams: CascadeStage, j: number) => void;

/** What visiting the stages needs: the unit's ports and internals (an EquationBuilder or a UnitView). */
export type StageLayout = Pick<EquationBuilder, 'inlets' | 'outlet' | 'internal'>;

/**
 * An N-stage countercurrent cascade of S species: stream A runs from stage 1 to N, stream B from
 * N to 1. The flows between stages are the internal unknowns: A leaving stage j < N at (j − 1)·S,
 * then B leaving stage j > 1 at (N − 1)·S + (j − 2)·S. `stages` visits each stage's streams;
 * `equations` writes `stage`'s equations for each (when given).
 */
export function countercurrentCascade(
  N: number,
  speciesIds: readonly string[],
  a: { in: string; out: string; label: string },
  b: { in: string; out: string; label: string },
  stage?: (eq: EquationBuilder, streams: CascadeStage) => void,
): { internals: number; describeInternal(i: number): InternalDescription; stages(eq: StageLayout, visit: StageVisitor): void; equations(eq: EquationBuilder): void } {
  const S = speciesIds.length;
  const half = (N - 1) * S;
  const aBetween = (j: number) => (j - 1) * S;
  const bBetween = (j: number) => half + (j - 2) * S;
  const stages = (eq: StageLayout, visit: StageVisitor) => {
    const aFeed = eq.inlets(a.in);
    const bFeed = eq.inlets(b.in);
    for (let j = 1; j <= N; j++) {
      visit(
        {
          aIn: j === 1 ? aFeed : [eq.internal(aBetween(j - 1))],
          bIn: j === N ? bFeed : [eq.internal(bBetween(j + 1))],
          aOut: j === N ? eq.outlet(a.out) : eq.internal(aBetween(j)),
          bOut: j === 1 ? eq.outlet(b.out) : eq.internal(bBetween(j)),
        },
        j,
      );
    }
  };
  return {
    internals: 2 * half,
    describeInternal(i) {
      const j = i < half ? Math.floor(i / S) + 1 : Math.floor((i - half) / S) + 2;
      return { text: `${i < half ? a.label : b.label} leaving stage ${j}, ${speciesIds[i % S]}`, species: i % S };
    },
    stages,
    equations(eq) {
      if (stage) stages(eq, (streams) => stage(eq, streams));
    },
  };
}
