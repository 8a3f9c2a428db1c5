/** The flowsheet file, version 1 (../shared/FORMAT.md), as TypeScript types. */

export const FORMAT_ID = 'flexsheet/1';

export type FlowBasis = 'kg/h' | 't/h' | 'kmol/h' | 'mol/s';
export const FLOW_BASES: readonly FlowBasis[] = ['kg/h', 't/h', 'kmol/h', 'mol/s'];

export interface SpeciesDecl {
  /** Chemical formula when the id is a name rather than a formula ("Graphite(s)": {formula: "C"}). */
  formula?: string;
  notes?: string;
}

export interface UnitDecl {
  type: string;
  /** Sources and remarks for this unit's numbers (extension of v1). */
  notes?: string | string[];
  [param: string]: unknown;
}

export interface StreamDecl {
  from: string;
  to: string;
  notes?: string;
}

export interface ModeDecl {
  description?: string;
  /** JSON merge patch per unit id; `null` takes the unit out of service. */
  units?: Record<string, Record<string, unknown> | null>;
  /** When given, replaces the routing. */
  streams?: Record<string, StreamDecl>;
  [extension: string]: unknown;
}

export interface FlowsheetDoc {
  format: typeof FORMAT_ID;
  name: string;
  basis: FlowBasis;
  description?: string;
  notes?: string | string[];
  species: Record<string, SpeciesDecl>;
  units: Record<string, UnitDecl>;
  streams: Record<string, StreamDecl>;
  modes?: Record<string, ModeDecl>;
  [extension: string]: unknown;
}
