import { textTable } from '../../core/format';
import type { CampaignResult } from '../../core/economics';
import type { Command } from '../args';
import { formatMatrix } from './switchover';
import { formatInvestment } from '../economics-format';
import { hours, loadAnalysis, money, planSummary, toJson, warningLines } from './economics';

/** A bar of `width` characters for a value between lo and hi. */
function bar(x: number, lo: number, hi: number, width = 30): string {
  if (!(hi > lo)) return '';
  const n = Math.round(((x - lo) / (hi - lo)) * width);
  return '█'.repeat(Math.max(0, Math.min(width, n)));
}

function formatCampaign(c: CampaignResult, currency: string): string {
  const m = c.model;
  const o = c.optimum;
  const cur = currency;
  const out: string[] = [];
  out.push(
    `Campaign model: ${hours(m.hoursPerYear)} operating h/yr, fixed costs ${money(m.fixedPerYear)} ${cur}/yr, cycles from ${hours(m.minCycle)} to ${hours(m.maxCycle)} h`,
    textTable(
      ['mode', `margin ${cur}/h`, 'available share ρ', 'stock', `holding ${cur}/kg·yr`, `k = h·c, ${cur}/yr per kg/h`],
      m.modes.map((x) => [x.name, money(x.marginPerHour), Number.isFinite(x.share) ? x.share.toFixed(4) : 'unlimited', x.stock ?? '', x.holdingPerKgYear === undefined ? '' : x.holdingPerKgYear.toPrecision(4), money(x.holding)]),
      ['l', 'r', 'r', 'l', 'r', 'r'],
    ),
    '',
  );
  if (o.regime === 'idle') {
    out.push('Optimum: leave the plant idle — no mode earns its keep.');
    return out.join('\n');
  }
  const headline =
    o.rotation.length > 1
      ? `Optimum: cycle T* = ${hours(o.cycle)} h (${o.cyclesPerYear.toFixed(3)} cycles a year), rotation ${o.rotation.join(' → ')} → ${o.rotation[0]}; ${o.regime === 'availability' ? 'every mode runs all its available material' : 'capacity binds: the marginal mode gives up hours to the switchovers'}`
      : `Optimum: run ${o.rotation[0]} alone — no other mode pays for its switchovers (stock is least with the shortest cycle considered, ${hours(o.cycle)} h)`;
  out.push(
    headline,
    textTable(
      ['mode', 'campaign h', 'share of year', 'available', 'h/yr'],
      o.modes.filter((x) => o.rotation.includes(x.name)).map((x) => [x.name, hours(x.runPerCycle), x.share.toFixed(4), Number.isFinite(x.availableShare) ? x.availableShare.toFixed(4) : 'unlimited', hours(x.hoursPerYear)]),
    ),
    `Per cycle: switchovers ${money(o.switchoverPerCycle)} ${cur} and ${hours(o.downtimePerCycle)} h down, ${hours(o.idlePerCycle)} h idle.`,
    '',
    textTable(
      ['annual', `${cur}/yr`],
      [
        ['contribution Σ H·m_i·x_i', money(o.annual.contribution)],
        ['switchovers H·S/T', money(-o.annual.switchovers)],
        ['stock holding (T/2)·Σ k_i·x_i·(1 − x_i)', money(-o.annual.holding)],
        ['fixed costs', money(-o.annual.fixed)],
        ['margin', money(o.annual.margin)],
      ],
    ),
    '',
  );
  if (c.classical) {
    const k = c.classical;
    out.push(
      `Classical check (rotation ${k.rotation.join(' → ')}, every mode at its availability): S = ${money(k.S)} ${cur}, τ = ${hours(k.tau)} h per cycle;`,
      `  T_EOQ = sqrt(2·H·S / Σ k_i·ρ_i·(1 − ρ_i)) = sqrt(2 × ${hours(m.hoursPerYear)} × ${money(k.S)} / ${k.denominator.toPrecision(4)}) = ${hours(k.eoq)} h; room for the switchovers needs T ≥ τ/(1 − Σ ρ_i) = ${hours(k.minCycle)} h.`,
      '',
    );
  }
  const pts = c.curve.filter((_, i) => i % 4 === 0 || c.curve[i].cycle === o.cycle);
  const lo = Math.min(...pts.map((p) => p.margin));
  const hi = Math.max(...pts.map((p) => p.margin));
  out.push(
    `Annual margin against cycle length (${cur}/yr)`,
    textTable(['cycle h', 'margin', ''], pts.map((p) => [hours(p.cycle) + (p.cycle === o.cycle ? ' *' : ''), money(p.margin), bar(p.margin, lo - (hi - lo) * 0.1, hi)]), ['r', 'r', 'l']),
    '',
    'Sensitivity to switchover cost (every S(i→j) × factor)',
    textTable(['factor', 'T* h', 'cycles/yr', `margin ${cur}/yr`, 'rotation'], c.sensitivity.map((s) => [String(s.factor), s.rotation.length > 1 ? hours(s.cycle) : '–', s.rotation.length > 1 ? (m.hoursPerYear / s.cycle).toFixed(3) : '–', money(s.margin), s.rotation.join(' → ') || 'idle'])),
  );
  return out.join('\n');
}

export const campaignCommand: Command = {
  name: 'campaign',
  usage: 'campaign FILE [--json]',
  summary: 'campaign cycle that maximises the annual margin given availability per mode and switchover costs; margin against cycle length and its sensitivity to switchover cost',
  booleanFlags: ['--json'],
  run(args, out) {
    const { analysis } = loadAnalysis(args, 'campaign');
    if (args.flags.has('--json')) {
      const inv = analysis.investment;
      out(toJson({ modes: analysis.matrix.modes, switchover: { direct: analysis.matrix.direct, total: analysis.matrix.total, downtime: analysis.matrix.downtime, feasible: analysis.matrix.feasible }, ...analysis.campaign, ...(inv ? { investment: { inputs: inv.inputs, plans: inv.plans.map(planSummary), best: inv.best?.modes } } : {}), warnings: analysis.warnings }));
      return 0;
    }
    const text = [`Campaign plan — ${analysis.name}`, '', formatMatrix(analysis.matrix, analysis.currency), '', formatCampaign(analysis.campaign, analysis.currency), ...(analysis.investment ? ['', formatInvestment(analysis.investment, analysis.currency)] : []), ...warningLines(analysis.warnings)];
    out(text.join('\n'));
    return 0;
  },
};
