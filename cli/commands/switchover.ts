import { textTable } from '../../core/format';
import { economicsByMode, modeNames, switchover, switchoverMatrix, type Switchover, type SwitchoverMatrix } from '../../core/economics';
import { FlexsheetError, quoteId } from '../../core';
import { stringFlag, UsageError, type Command } from '../args';
import { num } from '../table';
import { hours, loadDoc, money, toJson, warningLines } from './economics';

function formatSwitchover(s: Switchover): string {
  const c = s.currency;
  const out: string[] = [`Switchover ${s.from} → ${s.to}`, ''];
  const busy = (u: Switchover['units'][number]) => u.time > 0 || u.cost > 0 || u.cleaningCost > 0 || u.flushed !== undefined;
  const shown = s.units.filter(busy);
  const quiet = s.units.filter((u) => !busy(u) && u.status !== 'unchanged' && u.status !== 'standby');
  if (shown.length) {
    out.push(
      textTable(
        ['unit', 'status', 'work h', 'start–finish h', 'hold-up kg', `flushed ${c}`, `cleaning ${c}`, `work ${c}`, 'material', 'why'],
        shown.map((u) => [
          u.unit,
          u.status,
          u.work ? hours(u.time) : '–',
          u.work ? `${hours(u.start)}–${hours(u.finish)}` : '',
          u.flushed ? num(u.flushed.kg) + (u.flushed.runDown ? ' (run down)' : '') : '–',
          u.flushed ? money(u.flushed.lost) : '–',
          money(u.cleaningCost),
          money(u.cost),
          u.material ?? '',
          u.reasons.join('; '),
        ]),
        ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'l', 'l'],
      ),
      '',
    );
  }
  if (quiet.length) out.push(`No changeover data (no time, cost or hold-up): ${quiet.map((u) => `${u.unit} (${u.status})`).join(', ')}`, '');
  const unchanged = s.units.filter((u) => u.status === 'unchanged' && !busy(u)).map((u) => u.unit);
  if (unchanged.length) out.push(`Unchanged: ${unchanged.join(', ')}`, '');
  out.push(`Downtime ${hours(s.downtime)} h${s.criticalPath.length ? ` (longest chain of work: ${s.criticalPath.join(' → ')}, then plant-wide start-up)` : ''}; ${num(s.flushedKg)} kg flushed out of hold-ups.`, '');
  out.push(
    textTable(
      ['item', c],
      [
        ['changeover work (units + plant-wide)', money(s.items.changeover)],
        ['cleaning agents', money(s.items.cleaning)],
        ['inventory flushed (value lost)', money(s.items.inventory)],
        ['disposal of flushed inventory', money(s.items.disposal)],
        ['direct cost', money(s.direct)],
        [`lost margin (${hours(s.downtime)} h × ${money(s.lostMarginRate)} ${c}/h)`, money(s.items.lostMargin)],
        ['total', money(s.total)],
      ],
    ),
    `Lost margin: ${s.lostMarginBasis}.`,
  );
  if (s.incompatible.length) {
    out.push('', s.feasible ? 'Equipment outside its limits (flagged, costed anyway):' : `REFUSED: ${s.to} asks units for duties outside their limits:`, ...s.incompatible.map((p) => `  ${p.reason} (${p.path})`));
  }
  out.push(...warningLines(s.warnings));
  return out.join('\n');
}

export function formatMatrix(m: SwitchoverMatrix, currency: string): string {
  const head = ['from \\ to', ...m.modes];
  const grid = (values: number[][], f: (x: number) => string) => textTable(head, m.modes.map((from, i) => [from, ...values[i].map((x, j) => (m.feasible[i][j] ? f(x) : 'refused'))]));
  const refused = m.detail.flat().filter((s) => !s.feasible);
  const reasons = [...new Set(refused.flatMap((s) => s.incompatible.map((p) => `  ${p.reason} (${p.path})`)))];
  return [
    ...(reasons.length ? ['Refused switchovers: the target mode asks units for duties outside their limits', ...reasons, ''] : []),
    `Switchover cost, ${currency} (total: direct + lost margin during downtime)`,
    grid(m.total, money),
    '',
    `Direct cost, ${currency} (changeover work, cleaning, flushed inventory, disposal)`,
    grid(m.direct, money),
    '',
    'Downtime, h',
    grid(m.downtime, hours),
  ].join('\n');
}

export const switchoverCommand: Command = {
  name: 'switchover',
  usage: 'switchover FILE [--from MODE --to MODE] [--json]',
  summary: 'cost of switching between two modes, itemised (units re-purposed, idle or unchanged, downtime, flushed inventory, cleaning, lost margin); without --from/--to, the matrix for every pair',
  valueFlags: ['--from', '--to'],
  booleanFlags: ['--json'],
  run(args, out) {
    const from = stringFlag(args, '--from');
    const to = stringFlag(args, '--to');
    if ((from === undefined) !== (to === undefined)) throw new UsageError('switchover takes both --from and --to, or neither');
    const { doc, results } = loadDoc(args, 'switchover');
    const modes = modeNames(doc);
    for (const [flag, m] of [['--from', from], ['--to', to]] as const) {
      if (m !== undefined && !modes.includes(m)) throw new FlexsheetError([{ path: 'modes', message: `${flag}: mode ${quoteId(m)} does not exist (modes: ${modes.join(', ')})` }]);
    }
    const economics = economicsByMode(doc, results);
    const inputs = { results, economics };
    if (from !== undefined && to !== undefined) {
      const s = switchover(doc, from, to, inputs);
      out(args.flags.has('--json') ? toJson(s) : formatSwitchover(s));
      if (!s.feasible) throw new FlexsheetError(s.incompatible.map((p) => ({ path: p.path, message: `${p.reason}: switchover ${from} → ${to} refused`, unit: p.unit })));
      return 0;
    }
    const m = switchoverMatrix(doc, inputs, modes);
    const currency = Object.values(economics)[0]?.currency ?? 'USD';
    if (args.flags.has('--json')) out(toJson({ modes: m.modes, total: m.total, direct: m.direct, downtime: m.downtime, feasible: m.feasible, detail: m.detail }));
    else out(formatMatrix(m, currency));
    return 0;
  },
};
