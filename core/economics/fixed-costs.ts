/**
 * Fixed operating costs of a year, whatever the plant runs (docs/economics.md "Operating cost"):
 *
 *   labour        = operators per shift × rate × (1 + burden) × hours per shift × shifts per day × days
 *   laboratory    = share × labour (quality control)
 *   administration= share × labour
 *   maintenance   = share × installed capital (Σ C_BM)
 *   insurance     = share × fixed capital (property taxes and insurance)
 *   other         = economics.fixedCosts.perYear
 *
 * Defaults (design-defaults.ts `OPERATING_DEFAULTS`) are PrOMMiS's QGESS costing except the
 * operators per shift, a Flexsheet assumption the file should replace (a warning says so).
 *
 * The estimate applies when the file has an `economics.operating` section. Without one, the fixed
 * costs are `economics.fixedCosts.perYear` alone, as a file of the first economics format meant
 * them (labour, maintenance and overheads in one figure), and a warning says how to estimate them.
 */
import type { FlowsheetDoc } from '../document';
import type { CapitalEstimate } from './capital';
import { OPERATING_DEFAULTS as D } from './design-defaults';
import { economicsOf } from './margin';

export interface FixedCostLine {
  item: string;
  perYear: number;
  basis: string;
}

export interface FixedCosts {
  lines: FixedCostLine[];
  perYear: number;
  operatorsPerShift: number;
  warnings: string[];
}

const money = (x: number) => Math.round(x).toLocaleString('en-US');

export function fixedCosts(doc: FlowsheetDoc, capital: Pick<CapitalEstimate, 'installed' | 'fixedCapital'>): FixedCosts {
  const econ = economicsOf(doc);
  const other = econ.fixedCosts?.perYear ?? 0;
  if (!econ.operating) {
    const lines = other ? [{ item: 'fixed costs', perYear: other, basis: 'economics.fixedCosts.perYear' }] : [];
    return { lines, perYear: other, operatorsPerShift: 0, warnings: ['no economics.operating: the fixed costs are economics.fixedCosts.perYear alone (give economics.operating to estimate labour, maintenance and overheads from the plant)'] };
  }
  const op = econ.operating;
  const l = op.labour ?? {};
  const warnings: string[] = [];
  if (l.operatorsPerShift === undefined) warnings.push(`labour: economics.operating.labour.operatorsPerShift not given, ${D.operatorsPerShift.value} assumed (${D.operatorsPerShift.source})`);
  const n = l.operatorsPerShift ?? D.operatorsPerShift.value;
  const rate = l.rate ?? D.rate.value;
  const burden = l.burden ?? D.burden.value;
  const hours = (l.hoursPerShift ?? D.hoursPerShift.value) * (l.shiftsPerDay ?? D.shiftsPerDay.value) * (l.daysPerYear ?? D.daysPerYear.value);
  const labour = n * rate * (1 + burden) * hours;
  const lab = (op.laboratory ?? D.laboratory.value) * labour;
  const admin = (op.administration ?? D.administration.value) * labour;
  const maintenanceShare = op.maintenance ?? D.maintenance.value;
  const insuranceShare = op.insurance ?? D.insurance.value;
  const lines: FixedCostLine[] = [
    { item: 'labour', perYear: labour, basis: `${n} per shift × ${rate}/h × ${1 + burden} (burden) × ${hours} h` },
    { item: 'laboratory and quality control', perYear: lab, basis: `${op.laboratory ?? D.laboratory.value} × labour` },
    { item: 'administration and support', perYear: admin, basis: `${op.administration ?? D.administration.value} × labour` },
    { item: 'maintenance and materials', perYear: maintenanceShare * capital.installed, basis: `${maintenanceShare} × installed capital ${money(capital.installed)}` },
    { item: 'property taxes and insurance', perYear: insuranceShare * capital.fixedCapital, basis: `${insuranceShare} × fixed capital ${money(capital.fixedCapital)}` },
  ];
  if (other) lines.push({ item: 'other fixed costs', perYear: other, basis: 'economics.fixedCosts.perYear' });
  return { lines, perYear: lines.reduce((s, x) => s + x.perYear, 0), operatorsPerShift: n, warnings };
}
