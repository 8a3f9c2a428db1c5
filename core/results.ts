/**
 * The solved plant as tables: streams (kg/h and kmol/h per species, totals per phase), reagents
 * dosed, element balance (feeds + reagents in, products out), recovery of every feed element to
 * every product, and each product's grade. The JSON of FORMAT.md is a subset of this object.
 * The streams are tabulated in core/stream-table.ts, the element accounts in core/element-balance.ts.
 */
import { energyResults, type HeatBalance } from './duty';
import { elementAccounts } from './element-balance';
import type { Diagnostic } from './diagnostics';
import type { VolumePhase } from './properties';
import { dict } from './records';
import type { CompiledFlowsheet, CompiledUnit } from './compile';
import type { SpecificationResult, UnitView } from './unit-type';
import type { Solution, SolverStats } from './solve';
import { targetValue } from './specs';
import { streamTable } from './stream-table';

type SpeciesFlows = Record<string, number>;

export interface StreamResult {
  from: string;
  to: string;
  massFlow: SpeciesFlows;
  molarFlow: SpeciesFlows;
  /** kg/h per phase and in all. */
  totals: { mass: number; molar: number; byPhase: Record<string, number> };
  /** °C. */
  T?: number;
  /** m³/h of each phase (aqueous solution, organic, solids, other liquids; gases in Nm³/h). */
  volumeFlow?: Record<VolumePhase, number>;
  /** kg per m³ of the aqueous solution (g/L) of each (aq) species. */
  concentration?: Record<string, number>;
  /** Mass fraction of the (s) species. */
  solidsFraction?: number;
  /** Where the solution holds H[+](aq) (or, without that species, a sulfate acid: HSO4⁻ speciation). */
  pH?: number;
}

export interface ProductGrade {
  /** kg/h leaving through this product. */
  massFlow: number;
  species: Record<string, number>;
  elements: Record<string, number>;
}

export interface FlowsheetResults {
  name: string;
  mode?: string;
  streams: Record<string, StreamResult>;
  reagents: Record<string, SpeciesFlows>;
  elements: Record<string, { in: number; out: number }>;
  recovery: Record<string, Record<string, number>>;
  grade: Record<string, ProductGrade>;
  /** Units a mode takes out of service. */
  idle: string[];
  /** Each specification: the parameter's value found, and the target's value reached. */
  specs?: Record<string, { value: number; target: number }>;
  /** Things the user should know that did not stop the solve. */
  warnings?: Diagnostic[];
  /** Species that flow somewhere but have no density or molar volume (they add no volume). */
  volumeMissing?: string[];
  /** kW per unit with a `T` (positive: heat supplied). Left out when enthalpy data are missing. */
  duties?: Record<string, number>;
  /** The plant's heat balance, kW. Left out when enthalpy data are missing. */
  heatBalance?: HeatBalance;
  /** Species that flow but have no Hf or cp: the energy results are left out. */
  energyMissing?: string[];
  /** Figures units compute about themselves after the solve (UnitModel.inspect), by unit id. */
  unitFigures?: Record<string, Record<string, { value: number; unit: string }>>;
  /** Each product's grade against the specification it declares, by unit id. */
  specifications?: Record<string, SpecificationResult>;
  solver: SolverStats;
}

export function tabulate(solution: Solution): FlowsheetResults {
  const { plant, x } = solution;
  const inspected = inspectUnits(solution);
  const energy = energyResults(plant, x);
  const energyKnown = energy.missing.length === 0 && !solution.energyFailure && !solution.energySkipped;
  const { streams, volumeMissing } = streamTable(plant, x, energyKnown);
  const { reagents, elements, recovery, grade } = elementAccounts(plant, x, streams);
  return {
    name: plant.name,
    ...(plant.mode !== undefined ? { mode: plant.mode } : {}),
    streams,
    reagents,
    elements,
    recovery,
    grade,
    idle: plant.idle,
    specs: specResults(solution),
    ...(Object.keys(inspected.unitFigures).length ? { unitFigures: inspected.unitFigures } : {}),
    ...(Object.keys(inspected.specifications).length ? { specifications: inspected.specifications } : {}),
    ...(energyKnown ? { duties: energy.duties, heatBalance: energy.heatBalance } : energy.missing.length ? { energyMissing: energy.missing } : {}),
    ...(volumeMissing.size ? { volumeMissing: [...volumeMissing] } : {}),
    warnings: resultWarnings(solution, inspected.warnings, energy.missing),
    solver: solution.stats,
  };
}

/** The plant's warnings, the units' own about their solved state, and why there is no energy balance. */
function resultWarnings(solution: Solution, unitWarnings: Diagnostic[], energyMissing: string[]): Diagnostic[] {
  return [
    ...solution.plant.warnings,
    ...unitWarnings,
    ...(energyMissing.length && !solution.energySkipped ? [{ path: 'species', message: `no energy balance: ${energyMissing.join(', ')} ${energyMissing.length > 1 ? 'have' : 'has'} no enthalpy of formation or heat capacity (give "Hf" and "cp" in "species")` }] : []),
    ...(solution.energyFailure ?? []).map((d) => ({ ...d, message: `no energy balance: ${d.message}` })),
  ];
}

function specResults({ plant, x }: Solution): NonNullable<FlowsheetResults['specs']> {
  const out = dict<{ value: number; target: number }>();
  for (const spec of plant.specs) out[spec.id] = { value: x[spec.unknown], target: targetValue(plant, spec, x) };
  return out;
}

/** A unit's internal unknowns (stage flows, extents, doses) described, in kmol/h. */
export function unitInternals(solution: Solution, unitId: string): { description: string; kmolPerHour: number }[] {
  const unit = solution.plant.units.find((u) => u.id === unitId);
  if (!unit) return [];
  return Array.from({ length: unit.internals }, (_, i) => ({
    description: describeInternal(unit.model.describeInternal?.(i)) ?? `internal ${i}`,
    kmolPerHour: solution.x[unit.internalOffset + i],
  }));
}

const describeInternal = (d: string | { text: string } | undefined) => (typeof d === 'string' ? d : d?.text);

/** Every unit's own figures and warnings about its solved state (UnitModel.inspect). */
function inspectUnits({ plant, x }: Solution): Pick<Required<FlowsheetResults>, 'unitFigures' | 'specifications'> & { warnings: Diagnostic[] } {
  const unitFigures = dict<Record<string, { value: number; unit: string }>>();
  const specifications = dict<SpecificationResult>();
  const warnings: Diagnostic[] = [];
  for (const unit of plant.units) {
    if (!unit.model.inspect) continue;
    const figures = dict<{ value: number; unit: string }>();
    const path = `units.${unit.id}`;
    unit.model.inspect(
      unitView(plant, unit, x),
      {
        figure: (name, value, u) => (figures[name] = { value, unit: u }),
        specification: (result) => (specifications[unit.id] = result),
        warn: (relative, message, extra) => warnings.push({ path: relative ? `${path}.${relative}` : path, message: `unit "${unit.id}": ${message}`, unit: unit.id, ...extra }),
      },
    );
    if (Object.keys(figures).length) unitFigures[unit.id] = figures;
  }
  return { unitFigures, specifications, warnings };
}

/** A unit's ports, internals and their values in the solved (or last) state x. */
function unitView(plant: CompiledFlowsheet, unit: CompiledUnit, x: Float64Array): UnitView {
  const S = plant.species.list.length;
  return {
    nSpecies: S,
    outlet: (port) => plant.streams[unit.outlets.get(port)!].offset,
    inlets: (port) => (unit.inlets.get(port) ?? []).map((s) => plant.streams[s].offset),
    internal: (i) => unit.internalOffset + i,
    temperatureOf: (base) => plant.temperatureOffset + Math.floor(base / S),
    value: (v) => x[v],
  };
}

/** What the units refuse about state x (UnitModel.refuse), as located diagnostics. */
export function unitRefusals(plant: CompiledFlowsheet, x: Float64Array, converged: boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const unit of plant.units) {
    for (const r of unit.model.refuse?.(unitView(plant, unit, x), converged) ?? []) {
      const path = r.path ? `units.${unit.id}.${r.path}` : `units.${unit.id}`;
      out.push({ path, message: `unit "${unit.id}": ${r.message}`, unit: unit.id, ...(r.species ? { species: r.species } : {}) });
    }
  }
  return out;
}
