/** Text reports of capital, fixed operating costs and investment figures for the economics commands. */
import { textTable } from '../core/format';
import type { CapitalEstimate, FixedCosts, InvestmentAnalysis, SharingComparison, UtilityCost } from '../core/economics';
import { num } from './table';

/** A sum of money: whole units from 100 up, cents below; a dash for zero. */
export function money(x: number): string {
  if (x === 0 || !Number.isFinite(x)) return x === 0 ? '–' : '∞';
  const a = Math.abs(x);
  return x.toLocaleString('en-US', a >= 100 ? { maximumFractionDigits: 0 } : { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function hours(x: number): string {
  if (!Number.isFinite(x)) return '∞';
  return x === 0 ? '0' : Number(x.toPrecision(4)).toLocaleString('en-US', { maximumFractionDigits: 2 });
}

const pct = (x: number | undefined) => (x === undefined ? '–' : `${(x * 100).toFixed(1)} %`);
const millions = (x: number) => `${(x / 1e6).toFixed(2)} M`;

/** Every unit's items, purchased and installed, and the plant's totals. */
export function formatCapital(c: CapitalEstimate): string {
  const cur = c.currency;
  const rows = c.units.flatMap((u) =>
    u.items.map((i, k) => [
      k === 0 ? `${u.unit}${u.duplicate ? ' (2nd unit)' : ''}` : '',
      i.item + (i.count > 1 ? ` × ${i.count}` : ''),
      `${num(i.size)} ${i.unit}${i.estimated ? '*' : ''}`,
      i.sizedBy,
      i.bareModuleFactor.toFixed(2),
      money(i.purchased),
      money(i.installed),
      i.basis,
    ]),
  );
  const out = [
    `Capital (${cur}, CEPCI ${c.cepci} = ${c.year}; Turton et al. 4th ed. correlations; every item sized for the largest duty over ${c.modes.join(', ')})`,
    textTable(['unit', 'item', 'size', 'sized by', 'F_BM', `purchased`, `installed C_BM`, 'basis'], rows, ['l', 'l', 'r', 'l', 'r', 'r', 'r', 'l']),
  ];
  if (c.estimated) out.push('* volume from densities (the results carry no volume flows) or duty estimated from the flows');
  out.push(
    '',
    textTable(
      ['total', cur],
      [
        ['purchased equipment Σ Cp', money(c.purchased)],
        ['installed (bare module) Σ C_BM', money(c.installed)],
        ['contingency and fee', money(c.contingencyAndFee)],
        ['total module cost C_TM', money(c.totalModule)],
        ['auxiliary facilities', money(c.auxiliaryFacilities)],
        ['fixed capital C_GR (grassroots)', money(c.fixedCapital)],
      ],
    ),
  );
  return out.join('\n');
}

export function formatSharing(s: SharingComparison): string {
  const modes = Object.keys(s.dedicated);
  if (modes.length < 2) return '';
  const rows = modes.map((m) => [`dedicated ${m} plant`, money(s.dedicated[m].installed), money(s.dedicated[m].fixedCapital)]);
  const sum = modes.reduce((a, m) => a + s.dedicated[m].fixedCapital, 0);
  return [
    'One plant for every mode against one dedicated plant per mode',
    textTable(['plant', 'installed', 'fixed capital'], [['shared plant', money(s.shared.installed), money(s.shared.fixedCapital)], ...rows, ['Σ dedicated', '', money(sum)], ['saved by sharing', '', money(s.saving)]]),
  ].join('\n');
}

export function formatFixed(f: FixedCosts, currency: string): string {
  return [`Fixed operating costs (${currency}/yr)`, textTable(['item', `${currency}/yr`, 'basis'], [...f.lines.map((l) => [l.item, money(l.perYear), l.basis]), ['total', money(f.perYear), '']], ['l', 'r', 'l'])].join('\n');
}

/** The duties behind a utility bought for them. */
export function formatDuties(u: UtilityCost): string {
  if (!u.duties?.length) return '';
  return textTable([`${u.name} for`, 'duty kW', `${u.name}/h`, 'duty from'], u.duties.map((d) => [d.unit, num(d.duty), num(d.amount), d.basis]), ['l', 'r', 'r', 'l']);
}

export function formatInvestment(inv: InvestmentAnalysis, currency: string): string {
  const i = inv.inputs;
  const rows = inv.plans.map((p, k) => [
    (k === 0 ? '* ' : '  ') + p.modes.join(' + '),
    p.plan.rotation.length > 1 ? `${p.plan.rotation.join(' → ')}, T ${hours(p.plan.cycle)} h` : p.plan.rotation.join('') || 'idle',
    millions(p.capital.fixedCapital),
    millions(p.fixed.perYear),
    millions(p.ebitda),
    millions(p.npv),
    pct(p.irr),
    p.payback === undefined ? 'never' : `${p.payback.toFixed(1)} yr`,
  ]);
  return [
    `Investment per campaign plan (${currency}; ${i.life} years, discount ${pct(i.discountRate)}, tax ${pct(i.taxRate)}, straight-line depreciation over ${i.depreciationYears} years, working capital ${money(i.workingCapital)})`,
    textTable(['plant built for', 'campaign optimum', 'fixed capital', 'fixed costs/yr', 'EBITDA/yr', 'NPV', 'IRR', 'payback'], rows, ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r']),
    inv.best ? `* highest NPV: build for ${inv.best.modes.join(' + ')}` : 'No plan earns a positive margin.',
  ].join('\n');
}
