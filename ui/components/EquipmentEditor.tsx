/**
 * A unit's equipment data for the economics (core/economics/types.ts EquipmentDecl): the modes it
 * serves, its material, its hold-up (what is flushed at a switchover) and its changeover work.
 * Edited as the unit's `equipment` property, so a mode can override it like any value.
 */
import { useMemo } from 'react';
import type { UnitDecl } from '../../core';
import { setParam } from '../state/commands';
import { valueAtPath, withEquipment, type Path } from '../state/economics-inputs';
import { useEditor, useServices } from './context';
import { NumberField, Section, TextField } from './fields';

export function EquipmentEditor({ unitId, unit, mode }: { unitId: string; unit: UnitDecl; mode: string | undefined }) {
  const { store } = useServices();
  const modeTable = useEditor((s) => s.doc.modes);
  const modes = useMemo(() => Object.keys(modeTable ?? {}), [modeTable]);
  const currency = useEditor((s) => ((s.doc.economics as { currency?: string } | undefined)?.currency ?? 'USD'));
  const eq = unit.equipment as Record<string, unknown> | undefined;
  const at = (path: Path) => valueAtPath(eq, path);
  const put = (path: Path, v: unknown) => store.execute(setParam(unitId, 'equipment', withEquipment(eq, path, v), mode));
  const service = at(['service']);
  const served = Array.isArray(service) ? (service as string[]) : typeof service === 'string' ? [service] : [];
  return (
    <Section title="Equipment (economics)" open={!!eq} testId="equipment">
      {modes.length > 0 && (
        <div className="field-row">
          <span className="field-label">serves modes</span>
          <span className="checks">
            {modes.map((m) => (
              <label key={m}>
                <input
                  type="checkbox"
                  checked={served.includes(m)}
                  onChange={(e) => {
                    const next = e.target.checked ? [...served, m] : served.filter((x) => x !== m);
                    put(['service'], next.length ? next : undefined);
                  }}
                />{' '}
                {m}
              </label>
            ))}
          </span>
        </div>
      )}
      <TextField label="material" value={at(['material'])} placeholder="e.g. 316L, FRP" onCommit={(v) => put(['material'], v)} />
      <div className="subgroup-title">hold-up (flushed at a switchover)</div>
      <NumberField label="volume" unit="m³" value={at(['holdup', 'volume'])} bounds={{ min: 0 }} onCommit={(v) => put(['holdup', 'volume'], v)} />
      <NumberField label="density" unit="kg/m³" value={at(['holdup', 'density'])} bounds={{ min: 0, exclusiveMin: true }} hint="default 1000" onCommit={(v) => put(['holdup', 'density'], v)} />
      <NumberField label="residence time" unit="h" value={at(['holdup', 'residenceTime'])} bounds={{ min: 0 }} onCommit={(v) => put(['holdup', 'residenceTime'], v)} />
      <NumberField label="mass" unit="kg" value={at(['holdup', 'mass'])} bounds={{ min: 0 }} onCommit={(v) => put(['holdup', 'mass'], v)} />
      <NumberField label="value kept" unit="fraction" value={at(['holdup', 'recovered'])} bounds={{ min: 0, max: 1 }} onCommit={(v) => put(['holdup', 'recovered'], v)} />
      <div className="subgroup-title">changeover work</div>
      <NumberField label="time" unit="h" value={at(['changeover', 'time'])} bounds={{ min: 0 }} onCommit={(v) => put(['changeover', 'time'], v)} />
      <NumberField label="cost" unit={currency} value={at(['changeover', 'cost'])} bounds={{ min: 0 }} onCommit={(v) => put(['changeover', 'cost'], v)} />
      <label className="field-row">
        <span className="field-label">needed</span>
        <select aria-label="changeover needed" value={String(at(['changeover', 'when']) ?? '')} onChange={(e) => put(['changeover', 'when'], e.target.value || undefined)}>
          <option value="">when its duty changes (default)</option>
          <option value="always">at every switchover</option>
          <option value="never">never</option>
        </select>
        <span className="unit" />
      </label>
      <TextField label="source" value={typeof at(['notes']) === 'string' ? at(['notes']) : Array.isArray(at(['notes'])) ? (at(['notes']) as string[]).join(' ') : ''} placeholder="where these numbers come from" onCommit={(v) => put(['notes'], v)} />
    </Section>
  );
}
