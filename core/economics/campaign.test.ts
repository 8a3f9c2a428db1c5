import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bestCycle, grid, optimise, planAt, planCampaign, rotations, type CampaignModel } from './campaign';

const twoModes = (over: Partial<CampaignModel> & { m: [number, number]; rho: [number, number]; k: [number, number]; S: [number, number]; tau: [number, number] }): CampaignModel => ({
  hoursPerYear: 8000,
  fixedPerYear: 0,
  minCycle: 24,
  maxCycle: 8000,
  modes: [
    { name: 'A', marginPerHour: over.m[0], share: over.rho[0], holding: over.k[0] },
    { name: 'B', marginPerHour: over.m[1], share: over.rho[1], holding: over.k[1] },
  ],
  switchCost: [
    [0, over.S[0]],
    [over.S[1], 0],
  ],
  downtime: [
    [0, over.tau[0]],
    [over.tau[1], 0],
  ],
  ...over,
});

/** Annual margin of a plan, written out directly from the model's definition. */
const direct = (model: CampaignModel, T: number, x: number[], S: number) =>
  model.hoursPerYear * model.modes.reduce((s, m, i) => s + m.marginPerHour * x[i], 0) -
  (model.hoursPerYear * S) / T -
  (T / 2) * model.modes.reduce((s, m, i) => s + m.holding * x[i] * (1 - x[i]), 0) -
  model.fixedPerYear;

describe('campaign optimum, by hand', () => {
  it('availability-limited: T* = sqrt(2·H·S / Σ k_i ρ_i (1 − ρ_i))', () => {
    // m = (100, 50) $/h, ρ = (0.5, 0.3), k = (40, 20), S = 3000 + 2000 per cycle, τ = 10 + 10 h.
    const model = twoModes({ m: [100, 50], rho: [0.5, 0.3], k: [40, 20], S: [3000, 2000], tau: [10, 10] });
    // Σ k ρ (1 − ρ) = 40 × 0.25 + 20 × 0.21 = 14.2
    const T = Math.sqrt((2 * 8000 * 5000) / 14.2); // 2373.56 h, above τ/(1 − Σρ) = 20/0.2 = 100 h
    // M* = H Σ m ρ − 2 sqrt(H·S·Σkρ(1−ρ)/2) = 8000 × 65 − 2 sqrt(8000 × 5000 × 7.1)
    const M = 8000 * 65 - 2 * Math.sqrt(8000 * 5000 * 7.1);
    const o = optimise(model);
    expect(o.cycle).toBeCloseTo(T, 9);
    expect(o.annual.margin).toBeCloseTo(M, 6);
    expect(o.annual.margin).toBeCloseTo(direct(model, T, [0.5, 0.3], 5000), 6);
    expect(o.rotation).toEqual(['A', 'B']);
    expect(o.regime).toBe('availability');
    // At the optimum the switchover and holding costs are equal (EOQ).
    expect(o.annual.switchovers).toBeCloseTo(o.annual.holding, 6);
    expect(o.modes.map((x) => x.runPerCycle)).toEqual([0.5 * o.cycle, 0.3 * o.cycle]);
    expect(o.idlePerCycle).toBeCloseTo(0.2 * T - 20, 9);
    const c = planCampaign(model).classical!;
    expect(c.eoq).toBeCloseTo(T, 9);
    expect(c.minCycle).toBeCloseTo(100, 12);
    expect(c.denominator).toBeCloseTo(14.2, 12);
  });

  it('the cycle may not be shorter than τ / (1 − Σρ): room for the switchovers', () => {
    // Switchovers almost free (S = 10 + 10) and little room left (ρ = 0.55 + 0.4 = 0.95).
    const model = twoModes({ m: [100, 50], rho: [0.55, 0.4], k: [40, 20], S: [10, 10], tau: [10, 10] });
    // T_EOQ = sqrt(2·8000·20 / (40·0.2475 + 20·0.24)) = sqrt(320000 / 14.7) = 147.5 h; T_min = 20 / 0.05 = 400 h.
    const o = optimise(model);
    expect(o.cycle).toBeCloseTo(400, 9);
    expect(o.idlePerCycle).toBeCloseTo(0, 9);
    expect(o.annual.margin).toBeCloseTo(direct(model, 400, [0.55, 0.4], 20), 6);
  });

  it('capacity-constrained: the marginal mode gives up hours to the switchovers (lost margin H·m_k·τ/T)', () => {
    // m = (100, 50), ρ = (0.7, 0.5): not both fit. A runs all its 0.7; B takes x_B = 0.3 − 20/T.
    // k = (0, 100), S = 5000, τ = 20 per cycle.
    const model = twoModes({ m: [100, 50], rho: [0.7, 0.5], k: [0, 100], S: [2500, 2500], tau: [10, 10] });
    // A = 8000·100·0.7 + 8000·50·0.3 − 100·20·(2·0.3 − 1)/2 = 560000 + 120000 + 400
    // B = 8000·(5000 + 50·20) − 100·20²/2 = 48,000,000 − 20,000
    // C = ½·100·0.3·0.7 = 10.5
    const A = 680400;
    const B = 47980000;
    const C = 10.5;
    const T = Math.sqrt(B / C); // 2137.6 h
    const o = optimise(model);
    expect(o.regime).toBe('capacity');
    expect(o.cycle).toBeCloseTo(T, 9);
    expect(o.annual.margin).toBeCloseTo(A - 2 * Math.sqrt(B * C), 6);
    const xB = 0.3 - 20 / T;
    expect(o.modes[0].share).toBe(0.7);
    expect(o.modes[1].share).toBeCloseTo(xB, 12);
    expect(o.annual.margin).toBeCloseTo(direct(model, T, [0.7, xB], 5000), 6);
    expect(o.idlePerCycle).toBeCloseTo(0, 9);
  });

  it('without holding cost and with capacity binding, the longest cycle wins', () => {
    // M = 8000·(70 + 50·(0.3 − 20/T)) − 8000·5000/T = 680000 − 4.8e7/T, rising to T = 8000 h: 674,000.
    const model = twoModes({ m: [100, 50], rho: [0.7, 0.5], k: [0, 0], S: [2500, 2500], tau: [10, 10] });
    const o = optimise(model);
    expect(o.cycle).toBe(8000);
    expect(o.annual.margin).toBeCloseTo(674000, 6);
  });

  it('leaves out a mode that loses money, and the plant idle when every mode does', () => {
    const model = twoModes({ m: [100, -10], rho: [0.5, 0.3], k: [40, 20], S: [3000, 2000], tau: [10, 10], fixedPerYear: 1000 });
    const o = optimise(model);
    expect(o.rotation).toEqual(['A']);
    // Single mode: no switchovers; holding (T/2)·40·0.25 is least at the shortest cycle, 24 h.
    expect(o.cycle).toBe(24);
    expect(o.annual.margin).toBeCloseTo(8000 * 50 - 12 * 10 - 1000, 9);
    const idle = optimise(twoModes({ m: [-1, -10], rho: [0.5, 0.3], k: [40, 20], S: [3000, 2000], tau: [10, 10], fixedPerYear: 1000 }));
    expect(idle.regime).toBe('idle');
    expect(idle.annual.margin).toBe(-1000);
  });

  it('maximises A − B/T − C·T on an interval', () => {
    expect(bestCycle(0, 100, 1, 1, 1000)).toBe(10);
    expect(bestCycle(0, 100, 1, 20, 1000)).toBe(20);
    expect(bestCycle(0, 100, 1, 1, 5)).toBe(5);
    expect(bestCycle(0, 100, 0, 1, 5)).toBe(5);
    expect(bestCycle(0, -100, 1, 1, 5)).toBe(1);
  });

  it('enumerates rotations: every subset in every cyclic order', () => {
    // 3 modes: 3 singles + 3 pairs + 2 orders of the triple.
    expect(rotations(3, []).length).toBe(8);
    expect(rotations(3, [])).toContainEqual([0, 2, 1]);
  });

  it('reports the margin curve and its sensitivity to switchover cost', () => {
    const model = twoModes({ m: [100, 50], rho: [0.5, 0.3], k: [40, 20], S: [3000, 2000], tau: [10, 10] });
    const c = planCampaign(model, [0.5, 1, 2]);
    expect(c.curve.length).toBe(62);
    expect(Math.max(...c.curve.map((p) => p.margin))).toBeCloseTo(c.optimum.annual.margin, 9);
    // T* grows with sqrt(S): factor 2 → × sqrt 2, factor 0.5 → ÷ sqrt 2.
    expect(c.sensitivity[0].cycle).toBeCloseTo(c.optimum.cycle / Math.SQRT2, 9);
    expect(c.sensitivity[2].cycle).toBeCloseTo(c.optimum.cycle * Math.SQRT2, 9);
    expect(c.sensitivity[1].margin).toBeCloseTo(c.optimum.annual.margin, 9);
    expect(c.sensitivity[0].margin).toBeGreaterThan(c.sensitivity[2].margin);
  });
});

// ---------- properties ----------

const randomModel: fc.Arbitrary<CampaignModel> = fc.integer({ min: 1, max: 3 }).chain((n) =>
  fc
    .record({
      m: fc.array(fc.double({ min: -50, max: 500, noNaN: true }), { minLength: n, maxLength: n }),
      rho: fc.array(fc.oneof(fc.double({ min: 0, max: 1.2, noNaN: true }), fc.constant(Infinity)), { minLength: n, maxLength: n }),
      k: fc.array(fc.double({ min: 0, max: 200, noNaN: true }), { minLength: n, maxLength: n }),
      S: fc.array(fc.double({ min: 0, max: 20000, noNaN: true }), { minLength: n * n, maxLength: n * n }),
      tau: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 48, noNaN: true })), { minLength: n * n, maxLength: n * n }),
      F: fc.double({ min: 0, max: 1e5, noNaN: true }),
      minCycle: fc.double({ min: 1, max: 100, noNaN: true }),
    })
    .map(({ m, rho, k, S, tau, F, minCycle }) => ({
      hoursPerYear: 8000,
      fixedPerYear: F,
      minCycle,
      maxCycle: 8000,
      modes: m.map((mi, i) => ({ name: `M${i}`, marginPerHour: mi, share: rho[i], holding: k[i] })),
      switchCost: Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : S[i * n + j]))),
      downtime: Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : tau[i * n + j]))),
    })),
);

describe('campaign properties', () => {
  it('the reported optimum is at least as good as every cycle tried on a grid', () => {
    fc.assert(
      fc.property(randomModel, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 10 }), (model, extra) => {
        const best = optimise(model).annual.margin;
        const tol = 1e-9 * (1 + Math.abs(best));
        const cycles = [...grid(model.minCycle, model.maxCycle, 60), ...extra.map((u) => model.minCycle + u * (model.maxCycle - model.minCycle))];
        for (const T of cycles) expect(planAt(model, T).annual.margin).toBeLessThanOrEqual(best + tol);
      }),
      { numRuns: 200 },
    );
  });

  it('the plan at a cycle is reported consistently: its margin is the model’s, with feasible campaign lengths', () => {
    fc.assert(
      fc.property(randomModel, fc.double({ min: 0, max: 1, noNaN: true }), (model, u) => {
        const T = model.minCycle + u * (model.maxCycle - model.minCycle);
        const p = planAt(model, T);
        const S = p.switchoverPerCycle;
        expect(p.annual.margin).toBeCloseTo(direct(model, T, p.modes.map((x) => x.share), S), 6);
        const used = p.modes.reduce((s, x) => s + x.runPerCycle, 0) + p.downtimePerCycle;
        expect(used).toBeLessThanOrEqual(T * (1 + 1e-9) + 1e-9);
        p.modes.forEach((x, i) => {
          expect(x.share).toBeGreaterThanOrEqual(0);
          expect(x.share).toBeLessThanOrEqual(Math.min(1, model.modes[i].share) + 1e-12);
          if (!p.rotation.includes(x.name)) expect(x.share).toBe(0);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('at a given cycle no campaign split on a fine grid beats the vertex the planner picks (two modes)', () => {
    const two = randomModel.filter((m) => m.modes.length === 2);
    fc.assert(
      fc.property(two, fc.double({ min: 0, max: 1, noNaN: true }), (model, u) => {
        const T = model.minCycle + u * (model.maxCycle - model.minCycle);
        const at = planAt(model, T).annual.margin;
        const rho = model.modes.map((m) => Math.min(1, m.share));
        const S = model.switchCost[0][1] + model.switchCost[1][0];
        const tau = model.downtime[0][1] + model.downtime[1][0];
        let brute = -model.fixedPerYear;
        for (let a = 0; a <= 40; a++) {
          for (let b = 0; b <= 40; b++) {
            const x = [(rho[0] * a) / 40, (rho[1] * b) / 40];
            // both in the rotation
            if (x[0] + x[1] <= 1 - tau / T) brute = Math.max(brute, direct(model, T, x, S));
          }
          // one mode alone, no switchovers
          brute = Math.max(brute, direct(model, T, [(rho[0] * a) / 40, 0], 0), direct(model, T, [0, (rho[1] * a) / 40], 0));
        }
        expect(brute).toBeLessThanOrEqual(at + 1e-9 * (1 + Math.abs(at)));
      }),
      { numRuns: 150 },
    );
  });
});
