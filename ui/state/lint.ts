/**
 * What is not wrong but is probably not meant, shown on the unit as a warning: a unit that is
 * there to react but has no reaction yet passes everything through unchanged.
 */
import type { AnyUnitType, UnitDecl } from '../../core';

export function unitWarnings(unit: UnitDecl, type: AnyUnitType | undefined): string[] {
  if (!type) return [];
  const out: string[] = [];
  for (const name of Object.keys(type.params)) {
    const decl = type.params[name];
    if (decl.kind === 'reactions' && decl.required && Array.isArray(unit[name]) && (unit[name] as unknown[]).length === 0) {
      out.push(`no reaction yet: everything passes through ${type.title.toLowerCase()} unchanged — write the reaction in the inspector`);
    }
  }
  return out;
}
