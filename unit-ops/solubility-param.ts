/**
 * The `reactions` parameter of the units that accept a solubility (crystallizer, precipitator):
 * the core's reactions schema with `solubility` also accepting "table" (s from the built-in table at
 * the unit's T, core/properties). A number, as FORMAT.md gives it, keeps working.
 */
import { paramSchema } from '../core/schema';
import type { ParamDecl } from '../core/unit-type';

export function solubilityReactionsParam(description: string): ParamDecl {
  const base = paramSchema({ kind: 'reactions', description, unit: '–' }) as { items: { properties: Record<string, unknown> } } & Record<string, unknown>;
  const { description: _d, ...schema } = base;
  const solubility = {
    description: 'Instead of conversion: kg of key per 100 kg of the water left after the reaction at saturation, or "table" for the built-in value at the unit\'s T',
    anyOf: [{ type: 'number', minimum: 0 }, { const: 'table' }],
  };
  return {
    kind: 'reactions',
    unit: '–',
    required: true,
    description,
    schema: { ...schema, items: { ...base.items, properties: { ...base.items.properties, solubility } } },
  };
}
