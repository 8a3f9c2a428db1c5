/**
 * The `economics` section of a flowsheet file and the `equipment` object of a unit, as TypeScript
 * types. Both are compatible extensions of format flexsheet/1: a file without them is unchanged,
 * and a v1 reader ignores them (the top level accepts extra keys; every unit may carry an
 * `equipment` object). See docs/economics.md for the meaning of every field.
 *
 * Money is in one currency per file (`currency`, USD by default). Masses are kg, times are hours,
 * annual tonnages are tonnes per year. Every rate (kg/h, USD/h) refers to an operating hour.
 */

/** Free text: where a number comes from. */
export type Notes = string | string[];

/**
 * A price: a number (currency per kg, or per the utility's unit), the key of an entry of the
 * defaults table (`"H2SO4"`, `"electricity"`, see defaults.ts), or an object with its provenance.
 * `unit` may be `USD/kg` (the default) or `USD/t` for mass prices (any 3-letter currency code, or `$`).
 */
export type PriceValue = number | string | PriceObject;

export interface PriceObject {
  value: number;
  unit?: string;
  year?: number | string;
  source?: string;
  notes?: Notes;
}

/** A payable element: paid per kg of element contained, times the payability fraction. */
export interface Payable {
  price: PriceValue;
  /** Fraction of the element's value that is paid (0..1, default 1). */
  payability?: number;
  notes?: Notes;
}

/**
 * How a product (or a purchased feed) is valued; the terms add up. A bare price is shorthand
 * for `{ perKg: price }`.
 */
export interface ValuationObject {
  /** Per kg of the whole stream. */
  perKg?: PriceValue;
  /** Per kg of each species contained. */
  species?: Record<string, PriceValue>;
  /** Per kg of each element contained, times payability. */
  payable?: Record<string, Payable>;
  /**
   * Share of the value above that is realised (0..1): a mixed product sold below the prices of the
   * separated ones it is priced at, e.g. 0.65 for a mixed rare-earth oxide (PrOMMiS QGESS costing).
   */
  realisation?: number;
  /** The product's specification, and what missing it costs. */
  spec?: ProductSpec;
  notes?: Notes;
}

/**
 * A product specification on mass fractions of the product stream (an element symbol or a species
 * id): `min` (e.g. Co ≥ 0.205 in CoSO4·7H2O) and `max` (e.g. Mn ≤ 0.001). Missing a limit costs
 * `discount` (share of the value lost, 0..1) and, per kg of the element or species beyond the limit,
 * `penalties` (currency per kg).
 */
export interface ProductSpec {
  min?: Record<string, number>;
  max?: Record<string, number>;
  discount?: number;
  penalties?: Record<string, PriceValue>;
  notes?: Notes;
}

export type Valuation = PriceValue | ValuationObject;

export interface PricesDecl {
  /** Reagents dosed by units (and species fed by unpriced feed units, e.g. organic make-up), by species id or its name without phase. */
  reagents?: Record<string, PriceValue>;
  /** Utilities, per unit of consumption (kWh, ft³, …): by name. */
  utilities?: Record<string, PriceValue>;
  /** Product units: revenue (a negative price is a disposal cost). */
  products?: Record<string, Valuation>;
  /** Feed units: purchase cost of the stream they bring in. */
  feeds?: Record<string, Valuation>;
  /**
   * Sinks that are not products (effluents, cakes, off-gas, bleeds): cost of disposal or treatment
   * per kg of the stream (≥ 0), or the key of a default disposal price. 0 says "free, on purpose".
   */
  disposal?: Record<string, PriceValue>;
}

export interface UtilityUse {
  /** Consumption per operating hour, in the utility's unit. */
  perHour?: number;
  /** Consumption per tonne of feed, in the utility's unit. */
  perTonneFeed?: number;
  notes?: Notes;
}

export interface AvailabilityDecl {
  /** Tonnes per year that can be processed (feed availability) or sold (product demand). */
  tonnes: number;
  /** `"feed"` (default): tonnes of feed, on the mode's feed basis; or the id of a product unit. */
  of?: string;
  notes?: Notes;
}

export interface ModeEconomicsDecl {
  /** Planned operating hours per year in this mode (for the annual summary, and for the campaign plan when no availability is given). */
  hours?: number;
  /** A year's feed availability or product demand: an upper bound on what this mode processes. */
  availability?: AvailabilityDecl;
  utilities?: Record<string, UtilityUse>;
  /** Mode-specific fixed cost per operating hour (e.g. extra operators). */
  fixedCostPerHour?: number;
  /** Cost of holding one kg of this mode's stock (feed or product) for a year; default carryingRate × its value per kg. */
  holdingCost?: number;
  /** Feed units whose solid feed is "the feed" of per-tonne figures (default: every source unit). */
  feedBasis?: string[];
  /** Merged over the top-level prices for this mode (JSON merge patch). */
  prices?: PricesDecl;
  description?: string;
  notes?: Notes;
}

export interface EconomicsDecl {
  currency?: string;
  /** Operating hours in a year (default 8000). */
  hoursPerYear?: number;
  prices?: PricesDecl;
  /** Fixed costs of the plant, whatever it runs. */
  fixedCosts?: { perYear?: number; notes?: Notes };
  modes?: Record<string, ModeEconomicsDecl>;
  switchover?: {
    /** Plant-wide time added after the unit work (start-up, assays), h. */
    time?: number;
    /** Plant-wide cost per switchover. */
    cost?: number;
    /** Margin rate used for the lost margin during downtime: the target mode's (default), the source mode's, or none. */
    lostMargin?: 'target' | 'source' | 'none';
    /**
     * A mode that asks a unit for a duty outside its `equipment.limits`: `refuse` (default) the
     * switchover into it, `flag` it and cost it anyway, or `duplicate` the unit (a second one, sized
     * for the modes that exceed the limits, is added to the capital).
     */
    compatibility?: 'refuse' | 'flag' | 'duplicate';
    notes?: Notes;
  };
  inventory?: {
    /** Fraction of the flushed inventory's value recovered later (drained to storage and reprocessed), 0..1, default 0. */
    recovered?: number;
    /** Disposal cost per kg of flushed inventory. */
    disposalPerKg?: number;
    notes?: Notes;
  };
  capital?: CapitalDecl;
  operating?: OperatingDecl;
  energy?: EnergyDecl;
  investment?: InvestmentDecl;
  campaign?: {
    /** Cost of capital and storage per year, as a fraction of the stock's value (default 0.10). */
    carryingRate?: number;
    /** Shortest and longest cycle considered, h (default 24 and hoursPerYear). */
    minCycle?: number;
    maxCycle?: number;
    /** Modes that may enter the rotation (default: every mode). */
    modes?: string[];
    notes?: Notes;
  };
  notes?: Notes;
}

/** Capital cost estimate (docs/economics.md "Capital"). */
export interface CapitalDecl {
  /** Cost index of the estimate (CEPCI); default 797.9, the 2023 annual average. */
  cepci?: number;
  /** Year of that index, for reports. */
  year?: number | string;
  /** Turton's total module cost: contingency and fee as a share of the bare-module costs (default 0.18). */
  contingencyAndFee?: number;
  /** Turton's grassroots cost: auxiliary facilities as a share of the base-condition bare-module costs (default 0.50). */
  auxiliaryFacilities?: number;
  /** Densities for volumes when the results carry no volume flows, kg/m³ by phase. */
  densities?: Partial<Record<'aq' | 'l' | 'org' | 's', number>>;
  notes?: Notes;
}

export interface LabourDecl {
  /** Operators on duty per shift (default: Turton's estimate from the equipment list). */
  operatorsPerShift?: number;
  /** Cost per operator-hour before burden, currency/h (default 27.90, PrOMMiS skilled operator, 2021). */
  rate?: number;
  /** Non-wage labour cost as a share of wages (default 0.25, PrOMMiS). */
  burden?: number;
  /** Hours per shift and shifts per day (default 8 and 3: continuous operation). */
  hoursPerShift?: number;
  shiftsPerDay?: number;
  /** Days a year the plant is staffed (default 365: crews are paid through shutdowns). */
  daysPerYear?: number;
  notes?: Notes;
}

/** Fixed operating costs (docs/economics.md "Operating cost"). */
export interface OperatingDecl {
  labour?: LabourDecl;
  /** Maintenance and materials per year, share of the installed capital (default 0.02, PrOMMiS). */
  maintenance?: number;
  /** Laboratory, quality control: share of the labour cost (default 0.10, PrOMMiS). */
  laboratory?: number;
  /** Administration and support: share of the labour cost (default 0.20, PrOMMiS). */
  administration?: number;
  /** Property taxes and insurance: share of the fixed capital per year (default 0.01, PrOMMiS). */
  insurance?: number;
  notes?: Notes;
}

/** How a unit's energy duty is bought. */
export interface HeatSupplyDecl {
  /** Utility bought (a name of `prices.utilities` or of the defaults): default naturalGas for heat. */
  utility?: string;
  /** Heat delivered per unit of utility bought, MJ (default 1.055 MJ/ft³ for natural gas, 3.6 MJ/kWh for electricity). */
  energyPerUnit?: number;
  /** Share of the utility's energy that reaches the process (default 0.85: boiler or burner). */
  efficiency?: number;
  /** kg of water evaporated per kg of steam (multi-effect or MVR evaporation), default 1. */
  economy?: number;
  notes?: Notes;
}

/** Utilities from the energy balance (docs/economics.md "Utilities from duties"). */
export interface EnergyDecl {
  heating?: HeatSupplyDecl;
  cooling?: { utility?: string; energyPerUnit?: number; notes?: Notes };
  /** Per unit: how its duty is bought, over `heating`/`cooling`. */
  units?: Record<string, HeatSupplyDecl>;
  /** Estimate duties from the flows when the results carry none (default true). */
  estimate?: boolean;
  notes?: Notes;
}

/** Investment figures (docs/economics.md "Investment"). */
export interface InvestmentDecl {
  /** Operating years (default 20). */
  life?: number;
  /** Discount rate for the NPV (default 0.10). */
  discountRate?: number;
  /** Income tax rate (default 0.21, US federal corporate rate). */
  taxRate?: number;
  /** Straight-line depreciation of the fixed capital over this many years (default 10). */
  depreciationYears?: number;
  /** Share of the fixed capital spent in each construction year, the last one just before start-up (default [1]). */
  capitalSchedule?: number[];
  /** Working capital, currency, spent at start-up and recovered in the last year (default 0). */
  workingCapital?: number;
  /** Salvage value at the end of the life, currency (default 0). */
  salvage?: number;
  notes?: Notes;
}

/** A unit's operating envelope: what it was built for (issue 13: equipment compatibility). */
export interface LimitsDecl {
  /** Temperature, °C. */
  T?: { min?: number; max?: number };
  /** Pressure, bar absolute. */
  P?: { min?: number; max?: number };
  /** Media the materials of construction are rated for: sulfate, chloride, fluoride, nitrate, organic (from the species it carries), or labels. */
  media?: string[];
  /** Phases the unit may carry: s, l, aq, org, g. */
  phases?: string[];
  /** Duty labels it is built for (a mode declares its own in `equipment.duty.service`). */
  services?: string[];
  notes?: Notes;
}

/** What a mode asks of a unit beyond what the model computes (a pressure, a duty label). */
export interface DutyDecl {
  T?: number;
  P?: number;
  media?: string[];
  service?: string | string[];
  notes?: Notes;
}

/** How a unit is sized and costed (docs/economics.md "Capital"). */
export interface SizingDecl {
  /** Equipment items: keys of the correlations table (agitated-tank, tank, filter, …), or "none". Default from the unit type. */
  kind?: string | string[];
  /** Working volume m³, or residence time h (× the volume flow it discharges). */
  volume?: number;
  residenceTime?: number;
  /** Filter area m², or the filtration rate kg dry solids/(m²·h) it is sized from. */
  area?: number;
  flux?: number;
  /** Working volume as a share of the vessel's (default 0.8; kilns 0.12). */
  fill?: number;
  /** Material of construction for the cost correlation: carbon-steel (default), stainless-steel, … */
  material?: string;
  /** A material factor given directly (lined vessels). */
  materialFactor?: number;
  /** A quoted purchase cost instead of the correlation, currency at the estimate's index. */
  purchased?: number;
  notes?: Notes;
}

export interface HoldupDecl {
  /** Working volume, m³ (mass = volume × density). */
  volume?: number;
  /** kg/m³ of the contents, default 1000. */
  density?: number;
  /** h: mass = residence time × mass flow leaving the unit. */
  residenceTime?: number;
  /** kg held. */
  mass?: number;
  /** Fraction of this hold-up's value kept when it is drained (e.g. organic pumped to storage); default economics.inventory.recovered. */
  recovered?: number;
  /** Run down before the switchover instead of flushed (default: true for a feed bin — a unit with no inlet —, false otherwise). */
  runDown?: boolean;
  notes?: Notes;
}

export interface ChangeoverDecl {
  /** Hours of cleaning and changeover work on this unit. */
  time?: number;
  /** Direct cost of that work (labour, parts, contractors). */
  cost?: number;
  /** Cleaning agents used per changeover: kg of each species (priced as reagents). */
  cleaning?: Record<string, number>;
  /** When the work is needed: when the unit's duty changes (default), at every switchover it is running in, or never. */
  when?: 'changed' | 'always' | 'never';
  notes?: Notes;
}

export interface EquipmentDecl {
  /** Service tag(s): the modes the unit serves, or a duty label. */
  service?: string | string[];
  /** Material of construction, e.g. "316L", "FRP", "rubber-lined steel". */
  material?: string;
  holdup?: HoldupDecl;
  changeover?: ChangeoverDecl;
  limits?: LimitsDecl;
  duty?: DutyDecl;
  sizing?: SizingDecl;
  notes?: Notes;
  [extension: string]: unknown;
}
