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
    notes?: Notes;
  };
  inventory?: {
    /** Fraction of the flushed inventory's value recovered later (drained to storage and reprocessed), 0..1, default 0. */
    recovered?: number;
    /** Disposal cost per kg of flushed inventory. */
    disposalPerKg?: number;
    notes?: Notes;
  };
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
  notes?: Notes;
  [extension: string]: unknown;
}
