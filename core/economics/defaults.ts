/**
 * Default prices and assumptions, from /work/shared/REFERENCE-DATA.md §6 unless flagged as an
 * assumption. Each entry keeps the value and unit of its source, the year (or basis) it refers to
 * and the source; `perKg` converts mass prices to currency per kg. A file overrides any of them in
 * `economics.prices`, or refers to one by key (`"price": "Li2CO3"`).
 *
 * Flags as in REFERENCE-DATA.md: V read in the source named; D derived by the arithmetic shown.
 * `assumption` marks Flexsheet's own defaults, which are not prices from the literature.
 */

export type DefaultCategory = 'reagent' | 'utility' | 'product' | 'disposal' | 'assumption';

export interface DefaultEntry {
  key: string;
  category: DefaultCategory;
  value: number;
  /** As in the source: USD/kg, USD/t, USD/kWh, USD/ft3, h/yr, 1/yr. */
  unit: string;
  year: string;
  source: string;
  flag: 'V' | 'D' | 'assumption';
  notes?: string;
}

const e = (key: string, category: DefaultCategory, value: number, unit: string, year: string, source: string, flag: DefaultEntry['flag'] = 'V', notes?: string): DefaultEntry => ({
  key,
  category,
  value,
  unit,
  year,
  source,
  flag,
  ...(notes ? { notes } : {}),
});

// Kerosene: $2.699/gal (EIA 2023 average, via PrOMMiS) at 0.80 kg/L and 3.78541 L/gal:
// 2.699 / (3.78541 × 0.80) = 0.89126 USD/kg.
const KEROSENE_PER_KG = 2.699 / (3.78541 * 0.8);

export const DEFAULTS: readonly DefaultEntry[] = [
  // Reagents (REFERENCE-DATA §6, "Reagents"): the most recent figure on a 100 % basis.
  e('H2SO4', 'reagent', 128, 'USD/t', '2023 average', 'PrOMMiS ree_costing_dictionaries.py (businessanalytiq)'),
  e('H2O2', 'reagent', 1.4594, 'USD/kg', 'EverBatt 2023 default, 100 % basis', 'Argonne EverBatt 2023'),
  e('NaOH', 'reagent', 0.45, 'USD/kg', 'EverBatt 2023 default', 'Argonne EverBatt 2023'),
  e('Na2CO3', 'reagent', 0.1432, 'USD/kg', 'EverBatt 2023 default', 'Argonne EverBatt 2023'),
  e('HCl', 'reagent', 0.5655, 'USD/kg', 'EverBatt 2023 default, 100 % basis', 'Argonne EverBatt 2023'),
  e('H2C2O4', 'reagent', 1.0, 'USD/kg', '2019', 'PrOMMiS (oxalic acid)'),
  e('D2EHPA', 'reagent', 15, 'USD/kg', '2023, industrial grade (kemcore)', 'PrOMMiS'),
  e('Kerosene', 'reagent', KEROSENE_PER_KG, 'USD/kg', '2023 average (EIA)', 'PrOMMiS: $2.699/gal; at 0.80 kg/L', 'D', '2.699 / (3.78541 L/gal × 0.80 kg/L)'),
  e('NH3', 'reagent', 0.53, 'USD/kg', 'EverBatt 2023 default', 'Argonne EverBatt 2023 (NH4OH / ammonia)'),
  e('NH4OH', 'reagent', 0.53, 'USD/kg', 'EverBatt 2023 default', 'Argonne EverBatt 2023 (NH4OH / ammonia)'),
  e('CaO', 'reagent', 0.13, 'USD/kg', '2014–18 average', 'EverBatt 2019 (lime)'),
  e('CaCO3', 'reagent', 1030, 'USD/t', '2020', 'PrOMMiS'),
  e('Na2S', 'reagent', 655, 'USD/t', '2020', 'PrOMMiS'),
  // Utilities.
  e('electricity', 'utility', 0.0804, 'USD/kWh', '2023, US industrial', 'PrOMMiS'),
  e('naturalGas', 'utility', 4.53e-3, 'USD/ft3', '2023', 'PrOMMiS'),
  e('coolingWater', 'utility', 0.378, 'USD/GJ', 'Turton et al. 5th ed. Table 8.3 (30–45 °C cooling water)', 'Turton et al., Analysis, Synthesis and Design of Chemical Processes, 5th ed., as tabulated in public costing code'),
  // Disposal (per kg of the waste stream). PrOMMiS QGESS costing prices per short ton (907.185 kg): $1, $5, $1.
  e('nonhazardous-solid-waste', 'disposal', 1 / 0.907185, 'USD/t', '2021', 'PrOMMiS ree_plant_capcost.py: $1 per short ton of non-hazardous solid waste', 'D'),
  e('nonhazardous-precipitate-waste', 'disposal', 5 / 0.907185, 'USD/t', '2021', 'PrOMMiS ree_plant_capcost.py: $5 per short ton of non-hazardous precipitate waste', 'D'),
  e('dust-and-volatiles', 'disposal', 1 / 0.907185, 'USD/t', '2021', 'PrOMMiS ree_plant_capcost.py: $1 per short ton of dust and volatiles', 'D'),
  // Products: per kg of the compound named (referred to by key from a valuation).
  e('Li2CO3', 'product', 41166, 'USD/t', '2023 average', 'Benchmark Mineral Intelligence, via MarketWatch 19 Jan 2024'),
  e('Li2CO3-crude', 'product', 8.57, 'USD/kg', 'EverBatt 2023 default', 'Argonne EverBatt 2023 (crude recycled Li2CO3)'),
  e('CoSO4', 'product', 19.15, 'USD/kg', 'EverBatt 2023 default (Co $50.35/kg)', 'Argonne EverBatt 2023'),
  e('Co', 'product', 34.13, 'USD/kg', '2023', 'USGS via PrOMMiS (Co metal)'),
  e('NiSO4', 'product', 6.39, 'USD/kg', 'EverBatt 2023 default (Ni $16.85/kg)', 'Argonne EverBatt 2023'),
  e('Ni', 'product', 21.495, 'USD/kg', '2023', 'PrOMMiS (Ni metal)'),
  e('MnSO4', 'product', 1.145, 'USD/kg', 'EverBatt 2023 default', 'Argonne EverBatt 2023'),
  e('Nd2O3', 'product', 78, 'USD/kg', '2023', 'USGS via PrOMMiS'),
  e('NdPr-oxide', 'product', 63, 'USD/kg', '9 Jul 2025', 'Reuters'),
  e('Dy2O3', 'product', 330, 'USD/kg', '2023', 'USGS via PrOMMiS'),
  e('Tb4O7', 'product', 1298, 'USD/kg', '2023', 'USGS via PrOMMiS'),
  e('Cu-scrap', 'product', 6.6, 'USD/kg', 'EverBatt 2019 default', 'EverBatt 2019 Table 14'),
  e('Al-scrap', 'product', 1.3, 'USD/kg', 'EverBatt 2019 default', 'EverBatt 2019 Table 14'),
  e('Graphite', 'product', 0.28, 'USD/kg', 'EverBatt 2019 default', 'EverBatt 2019 Table 14'),
  // Flexsheet's own assumptions.
  e('hoursPerYear', 'assumption', 8000, 'h/yr', '–', 'Flexsheet assumption: about 91 % of 8760 h', 'assumption'),
  e('carryingRate', 'assumption', 0.1, '1/yr', '–', 'Flexsheet assumption: cost of capital and storage, 10 % of stock value per year', 'assumption'),
  e('minCycle', 'assumption', 24, 'h', '–', 'Flexsheet assumption: shortest campaign cycle considered', 'assumption'),
];

const byKey = new Map(DEFAULTS.map((d) => [d.key, d]));

export function defaultEntry(key: string): DefaultEntry | undefined {
  return byKey.get(key);
}

/** Converts a price in `unit` to currency per kg (per t → /1000); other units are returned as they are. */
export function toPerKg(value: number, unit: string | undefined): number {
  return unit !== undefined && /\/t$/.test(unit) ? value / 1000 : value;
}

/** A default's value per kg (mass prices) or per its own unit. */
export function defaultValue(key: string): number | undefined {
  const d = byKey.get(key);
  return d === undefined ? undefined : toPerKg(d.value, d.unit);
}

/** "2023 average, PrOMMiS …": the provenance of a default, for reports. */
export function describeDefault(d: DefaultEntry): string {
  return `${d.value} ${d.unit}, ${d.year}, ${d.source}${d.flag === 'V' ? '' : d.flag === 'D' ? ' [derived]' : ' [assumption]'}`;
}
