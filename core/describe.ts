/** What an unknown is, in process terms: "Co[2+](aq) in stream "s4"", "dose of H2SO4(aq) in unit "leach"". */
import type { CompiledFlowsheet } from './compile';

export interface UnknownDescription {
  text: string;
  species?: string;
  /** Index of the unit that owns it (undefined for a spec's unknown). */
  unit?: number;
  stream?: string;
  kind: 'flow' | 'temperature' | 'internal' | 'parameter';
}

export function describeUnknown(plant: CompiledFlowsheet, v: number): UnknownDescription {
  const S = plant.species.list.length;
  if (v < plant.streams.length * S) {
    const s = plant.streams[Math.floor(v / S)];
    const sp = plant.species.list[v % S].id;
    return { text: `${sp} in stream "${s.id}"`, species: sp, unit: s.fromUnit, stream: s.id, kind: 'flow' };
  }
  const t = v - plant.temperatureOffset;
  if (t >= 0 && t < plant.streams.length) {
    const s = plant.streams[t];
    return { text: `temperature of stream "${s.id}"`, unit: s.fromUnit, stream: s.id, kind: 'temperature' };
  }
  const spec = plant.specs.find((x) => x.unknown === v);
  if (spec) return { text: `the parameter spec "${spec.id}" adjusts`, kind: 'parameter' };
  const u = plant.units.findIndex((unit) => v >= unit.internalOffset && v < unit.internalOffset + unit.internals);
  const unit = plant.units[u];
  const i = v - unit.internalOffset;
  const raw = unit.model.describeInternal?.(i) ?? `internal unknown ${i}`;
  const what = typeof raw === 'string' ? { text: raw } : raw;
  const sp = what.species !== undefined ? plant.species.list[what.species]?.id : undefined;
  return { text: `${what.text} in unit "${unit.id}"`, species: sp, unit: u, kind: 'internal' };
}
