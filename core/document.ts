/** The flowsheet file, version 1 (../shared/FORMAT.md), as TypeScript types. */

export const FORMAT_ID = 'flexsheet/1';

export type FlowBasis = 'kg/h' | 't/h' | 'kmol/h' | 'mol/s';
export const FLOW_BASES: readonly FlowBasis[] = ['kg/h', 't/h', 'kmol/h', 'mol/s'];

export interface SpeciesDecl {
  /** Chemical formula when the id is a name rather than a formula ("Graphite(s)": {formula: "C"}). */
  formula?: string;
  notes?: string | string[];
  /** kg/m³, for (s), (l) and (org) species. */
  density?: number;
  /** m³/kmol; for (aq) species, the apparent molar volume in solution. */
  molarVolume?: number;
  /** Standard enthalpy of formation at 25 °C, kJ/mol. */
  Hf?: number;
  /** Heat capacity, J/(mol·K): a constant or NIST Shomate coefficients A…E (t = T/1000 K). */
  cp?: number | { shomate: [number, number, number, number, number] };
}

/** What a specification holds (FORMAT.md "Specifications"). */
export type SpecQuantity = 'massFlow' | 'molarFlow' | 'massFraction' | 'concentration' | 'pH' | 'T' | 'duty';

export interface SpecDecl {
  description?: string;
  notes?: string | string[];
  /** A stream's quantity, or (quantity "duty", kW) a unit's duty. */
  target: { stream?: string; unit?: string; species?: string; element?: string; quantity: SpecQuantity; value: number };
  adjust: { unit: string; param: (string | number)[]; min?: number; max?: number };
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
  /** JSON merge patch per spec id; `null` drops the spec in this mode. */
  specs?: Record<string, Partial<SpecDecl> | null>;
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
  specs?: Record<string, SpecDecl>;
  modes?: Record<string, ModeDecl>;
  [extension: string]: unknown;
}
