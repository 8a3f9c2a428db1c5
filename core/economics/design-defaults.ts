/**
 * Design defaults for sizing equipment from the solved flows. None of these is a measured plant
 * figure: each is a Flexsheet assumption at a typical value of the range the cited text gives, and
 * every one is overridden by the unit's `equipment.sizing` (or `equipment.holdup`) in the file.
 * docs/economics.md "Capital" lists them.
 */

/** Equipment items a unit type is costed as (keys of correlations.ts), when its `equipment.sizing.kind` is not given. */
export const DEFAULT_KINDS: Readonly<Record<string, readonly string[]>> = {
  reactor: ['agitated-tank'],
  leach: ['agitated-tank', 'filter'],
  precipitator: ['agitated-tank', 'filter'],
  crystallizer: ['crystallizer', 'evaporator'],
  sx: ['mixer-settler'],
  washer: ['filter'],
  roaster: ['kiln'],
  calciner: ['kiln'],
  // A mixer is a pipe junction unless the file gives it a hold-up (then a tank).
  mixer: ['tank?'],
  feed: [],
  product: [],
  splitter: [],
};

export interface DesignDefault {
  value: number;
  unit: string;
  source: string;
}

const assumed = (value: number, unit: string, source: string): DesignDefault => ({ value, unit, source: `Flexsheet assumption: ${source}` });

/** Residence time (working volume ÷ discharged volume flow) by item, h. */
export const RESIDENCE_TIME: Readonly<Record<string, DesignDefault>> = {
  'agitated-tank': assumed(1, 'h', 'leach and precipitation tanks, typically 0.5–4 h'),
  autoclave: assumed(1, 'h', 'pressure leach, typically 0.5–2 h'),
  crystallizer: assumed(2, 'h', 'continuous crystalliser, typically 1–4 h'),
  tank: assumed(0.5, 'h', 'surge and feed tanks'),
  // Per stage: mixer about 3 min, settler about 6 min.
  'mixer-settler': assumed(0.15, 'h per stage', 'mixer ≈ 3 min + settler ≈ 6 min of both phases'),
  kiln: assumed(1, 'h', 'solids residence in a rotary kiln, typically 0.5–3 h'),
};

/** Working volume as a share of the vessel. */
export const FILL: Readonly<Record<string, DesignDefault>> = {
  default: assumed(0.8, '–', '80 % working volume of tanks and reactors'),
  'mixer-settler': assumed(1, '–', 'mixer-settlers are sized on the working volume'),
  kiln: assumed(0.12, '–', 'rotary kilns run 10–15 % full'),
};

export const FILTER_FLUX = assumed(100, 'kg dry solids/(m²·h)', 'rotary vacuum and belt filters, 20–500 kg/(m²·h) for leach residues and precipitates');
export const EVAPORATOR_U = assumed(2, 'kW/(m²·K)', 'forced-circulation evaporator, overall 1.5–3 kW/(m²·K)');
export const EVAPORATOR_DT = assumed(20, 'K', 'steam-to-boiling-liquor temperature difference');
export const KILN_LD = assumed(10, '–', 'rotary kiln length/diameter, 8–15');

/** Labour, overheads and finance defaults, with their sources. */
export const OPERATING_DEFAULTS = {
  operatorsPerShift: assumed(6, 'operators', 'a 1 t/h hydrometallurgical plant: leach, SX, precipitation and product areas'),
  rate: { value: 27.9, unit: 'USD/h (2021)', source: 'PrOMMiS QGESS costing (ree_plant_capcost.py), skilled operator' },
  burden: { value: 0.25, unit: '–', source: 'PrOMMiS QGESS costing, labour burden 25 %' },
  hoursPerShift: { value: 8, unit: 'h', source: 'PrOMMiS QGESS costing' },
  shiftsPerDay: { value: 3, unit: '1/day', source: 'PrOMMiS QGESS costing' },
  daysPerYear: assumed(365, 'days', 'crews are paid all year, shutdowns included'),
  maintenance: { value: 0.02, unit: '1/yr of installed capital', source: 'PrOMMiS QGESS costing, maintenance and materials 2 % of plant cost' },
  laboratory: { value: 0.1, unit: '× labour', source: 'PrOMMiS QGESS costing, quality assurance and control 10 % of operating labour' },
  administration: { value: 0.2, unit: '× labour', source: 'PrOMMiS QGESS costing, admin and support 20 % of operating labour' },
  insurance: { value: 0.01, unit: '1/yr of fixed capital', source: 'PrOMMiS QGESS costing, property taxes and insurance 1 % of plant cost' },
} as const satisfies Record<string, DesignDefault>;

export const CAPITAL_DEFAULTS = {
  contingencyAndFee: { value: 0.18, unit: '× Σ C_BM', source: 'Turton et al. 4th ed. §7.3: total module cost C_TM = 1.18 Σ C_BM (contingency 15 %, fee 3 %)' },
  auxiliaryFacilities: { value: 0.5, unit: '× Σ C°_BM', source: 'Turton et al. 4th ed. §7.3: grassroots cost C_GR = C_TM + 0.50 Σ C°_BM' },
} as const satisfies Record<string, DesignDefault>;

export const INVESTMENT_DEFAULTS = {
  life: assumed(20, 'years', 'plant life'),
  discountRate: assumed(0.1, '1/yr', 'nominal cost of capital for a process plant'),
  taxRate: { value: 0.21, unit: '–', source: 'US federal corporate income tax rate since 2018 (Tax Cuts and Jobs Act)' },
  depreciationYears: assumed(10, 'years', 'straight-line depreciation of the fixed capital'),
} as const satisfies Record<string, DesignDefault>;
