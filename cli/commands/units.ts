import { textTable } from '../../core/format';
import { registry } from '../../unit-ops';
import type { Command } from '../args';

function bounds(decl: { min?: number; max?: number; exclusiveMin?: boolean }): string {
  if (decl.min === undefined && decl.max === undefined) return '';
  const lo = decl.min === undefined ? '' : `${decl.exclusiveMin ? '>' : '≥'} ${decl.min}`;
  const hi = decl.max === undefined ? '' : `≤ ${decl.max}`;
  return [lo, hi].filter(Boolean).join(', ');
}

export const unitsCommand: Command = {
  name: 'units',
  usage: 'units',
  summary: 'list every unit type with its ports and parameters (units, bounds, description)',
  run(_args, out) {
    const parts: string[] = [];
    for (const t of registry.values()) {
      const defaults = Object.fromEntries(Object.entries(t.params).map(([k, d]) => [k, d.default]));
      const ports = t.ports(defaults).map((p) => `${p.name} (${p.direction}${p.multiple ? ', several' : ''}${p.phase ? `, ${p.phase}` : ''})`);
      parts.push(`${t.type} — ${t.title}: ${t.description}`);
      parts.push(`  ports: ${ports.join('; ')}${t.type === 'splitter' || t.type === 'separator' ? ' — outlets named by "outlets"' : ''}`);
      const rows = Object.entries(t.params).map(([name, d]) => [name + (d.required ? ' *' : ''), d.unit ?? '', bounds(d), d.description]);
      if (rows.length) parts.push(textTable(['parameter', 'unit', 'bounds', 'description'], rows, ['l', 'l', 'l', 'l']).replace(/^/gm, '  '));
      parts.push('');
    }
    out(parts.join('\n') + '* required');
    return 0;
  },
};
