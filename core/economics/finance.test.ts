import { describe, expect, it } from 'vitest';
import { cashFlows, irr, npv, payback } from './finance';

const flows = (...cash: number[]) => cash.map((c, year) => ({ year, cash: c }));

describe('NPV, IRR and payback against closed forms', () => {
  it('NPV of an annuity: −I + A·(1 − (1 + r)^−N) / r', () => {
    const I = 1_000_000;
    const A = 180_000;
    const r = 0.1;
    const N = 10;
    const years = flows(-I, ...Array(N).fill(A));
    expect(npv(r, years)).toBeCloseTo(-I + (A * (1 - (1 + r) ** -N)) / r, 6);
  });

  it('IRR of −100, 60, 60: 60x² + 60x − 100 = 0 with x = 1/(1 + r)', () => {
    const x = (-60 + Math.sqrt(60 * 60 + 4 * 60 * 100)) / (2 * 60);
    expect(irr(flows(-100, 60, 60))).toBeCloseTo(1 / x - 1, 10); // 13.07 %
  });

  it('IRR of a perpetuity-like annuity approaches A / I; none for cash flows of one sign', () => {
    // −I then A for 200 years: IRR → A/I = 0.15.
    expect(irr(flows(-100, ...Array(200).fill(15)))).toBeCloseTo(0.15, 9);
    expect(irr(flows(100, 10, 10))).toBeUndefined();
  });

  it('cash flows with straight-line depreciation and tax, by hand', () => {
    // Fixed capital 1000 over 2 construction years (40 %, 60 %), working capital 100, EBITDA 300 for 5 years,
    // tax 25 %, depreciation 1000/4 = 250 for 4 years, salvage 50 in the last year.
    const y = cashFlows({ fixedCapital: 1000, workingCapital: 100, salvage: 50, annual: 300, life: 5, taxRate: 0.25, depreciationYears: 4, capitalSchedule: [0.4, 0.6] });
    expect(y.map((x) => x.year)).toEqual([-1, 0, 1, 2, 3, 4, 5]);
    expect(y.map((x) => x.cash)).toEqual([
      -400,
      -600 - 100,
      300 - 0.25 * (300 - 250),
      287.5,
      287.5,
      287.5,
      350 - 0.25 * 350 + 100, // EBITDA + salvage, fully taxed (no depreciation left), working capital back
    ]);
    // Payback: cumulative −1100 at year 0, +287.5 a year → −237.5 after 3 years, +50 after 4: 3 + 237.5/287.5.
    expect(payback(y)).toBeCloseTo(3 + 237.5 / 287.5, 12);
    // NPV at start-up: the year −1 spend is compounded one year forward.
    const r = 0.08;
    expect(npv(r, y)).toBeCloseTo(-400 * 1.08 - 700 + 287.5 * (1 / 1.08 + 1 / 1.08 ** 2 + 1 / 1.08 ** 3 + 1 / 1.08 ** 4) + 362.5 / 1.08 ** 5, 9);
  });

  it('never pays back when the cash never covers the capital', () => {
    expect(payback(cashFlows({ fixedCapital: 1000, workingCapital: 0, salvage: 0, annual: 10, life: 5, taxRate: 0, depreciationYears: 5, capitalSchedule: [1] }))).toBeUndefined();
  });
});
