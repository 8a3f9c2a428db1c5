/**
 * Investment arithmetic: yearly cash flows of a plant, their net present value, internal rate of
 * return and payback (docs/economics.md "Investment").
 *
 * Years are counted from start-up: the fixed capital is spent over the construction years ending
 * at year 0 (`capitalSchedule`, shares in order, default all in year 0), with the working capital
 * at year 0; years 1 … life earn the annual operating margin before depreciation (EBITDA). Income
 * tax = taxRate × max(0, EBITDA − depreciation), with straight-line depreciation of the fixed
 * capital over `depreciationYears` (a loss is not credited). In the last year the working capital
 * and the salvage value come back (salvage taxed as income, the book value being 0 by then when
 * depreciationYears ≤ life).
 *
 *   CF_t = EBITDA − tax_t   (t ≥ 1),    NPV = Σ_t CF_t / (1 + r)^t   (valued at start-up)
 */

export interface CashFlowInputs {
  fixedCapital: number;
  workingCapital: number;
  salvage: number;
  /** EBITDA per operating year. */
  annual: number;
  life: number;
  taxRate: number;
  depreciationYears: number;
  capitalSchedule: readonly number[];
}

export interface CashFlowYear {
  year: number;
  capital: number;
  ebitda: number;
  depreciation: number;
  tax: number;
  cash: number;
  cumulative: number;
}

/** The yearly cash flows, construction years first (see the module comment). */
export function cashFlows(i: CashFlowInputs): CashFlowYear[] {
  const years: CashFlowYear[] = [];
  const k = i.capitalSchedule.length;
  const shares = i.capitalSchedule.reduce((a, b) => a + b, 0);
  let cumulative = 0;
  const push = (y: Omit<CashFlowYear, 'cumulative'>) => {
    cumulative += y.cash;
    years.push({ ...y, cumulative });
  };
  for (let j = 0; j < k; j++) {
    const t = j - (k - 1);
    const capital = (i.fixedCapital * i.capitalSchedule[j]) / (shares || 1) + (t === 0 ? i.workingCapital : 0);
    push({ year: t, capital, ebitda: 0, depreciation: 0, tax: 0, cash: -capital });
  }
  for (let t = 1; t <= i.life; t++) {
    const depreciation = t <= i.depreciationYears ? i.fixedCapital / i.depreciationYears : 0;
    const last = t === i.life;
    const ebitda = i.annual + (last ? i.salvage : 0);
    const tax = i.taxRate * Math.max(0, ebitda - depreciation);
    const back = last ? i.workingCapital : 0;
    push({ year: t, capital: -back, ebitda, depreciation, tax, cash: ebitda - tax + back });
  }
  return years;
}

/** Net present value at year 0 of cash flows at the given years. */
export function npv(rate: number, years: readonly { year: number; cash: number }[]): number {
  let s = 0;
  let year = years.length ? years[0].year : 0;
  let df = (1 + rate) ** -year;
  const step = 1 / (1 + rate);
  for (const y of years) {
    if (y.year !== year) {
      df = y.year === year + 1 ? df * step : (1 + rate) ** -y.year;
      year = y.year;
    }
    s += y.cash * df;
  }
  return s;
}

/**
 * Internal rate of return: the rate in (−0.99, 100) at which the NPV is zero, by regula falsi
 * (Illinois variant) once a change of sign is bracketed; undefined when the NPV has no root there
 * (cash flows of one sign).
 */
export function irr(years: readonly { year: number; cash: number }[]): number | undefined {
  const f = (r: number) => npv(r, years);
  let lo = -0.99;
  let hi = 100;
  let flo = f(lo);
  const fhi = f(hi);
  if (!Number.isFinite(flo) || !Number.isFinite(fhi) || flo * fhi > 0) {
    // Try to bracket from the middle outwards (NPV is usually decreasing in r).
    const grid = [-0.5, -0.2, 0, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 50];
    let prev = { r: lo, v: flo };
    let found = false;
    for (const r of grid) {
      const v = f(r);
      if (Number.isFinite(prev.v) && prev.v * v <= 0) {
        lo = prev.r;
        hi = r;
        flo = prev.v;
        found = true;
        break;
      }
      prev = { r, v };
    }
    if (!found) return undefined;
  }
  // Regula falsi (Illinois) on the bracket: a few evaluations to double precision, never leaving it.
  let fh = f(hi);
  let side = 0;
  const tol = 1e-13 * Math.max(1, ...years.map((y) => Math.abs(y.cash)));
  for (let k = 0; k < 200 && hi - lo > 1e-15 * Math.max(1, Math.abs(lo)); k++) {
    const mid = fh !== flo ? (lo * fh - hi * flo) / (fh - flo) : (lo + hi) / 2;
    const fm = f(mid);
    if (Math.abs(fm) <= tol) return mid;
    if (fm * flo < 0) {
      hi = mid;
      fh = fm;
      if (side === -1) flo /= 2;
      side = -1;
    } else {
      lo = mid;
      flo = fm;
      if (side === 1) fh /= 2;
      side = 1;
    }
  }
  return (lo + hi) / 2;
}

/** Years after start-up until the cumulative cash flow turns non-negative (interpolated within the year); undefined if it never does. */
export function payback(years: readonly CashFlowYear[]): number | undefined {
  for (let k = 1; k < years.length; k++) {
    const y = years[k];
    if (y.year < 1 || y.cumulative < 0) continue;
    const before = years[k - 1].cumulative;
    if (before >= 0) return y.year - 1;
    return y.year - 1 + -before / y.cash;
  }
  return undefined;
}
