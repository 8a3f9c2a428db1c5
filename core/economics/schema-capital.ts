/**
 * JSON Schema fragments of the capital, operating-cost, energy and investment parts of the
 * `economics` section, and of a unit's operating limits, duty and sizing in `equipment`
 * (docs/economics.md). Composed into economicsSchema and equipmentSchema by schema.ts.
 */
type Schema = Record<string, unknown>;

const notes: Schema = { description: 'Sources and remarks', anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] };
const nonNegative: Schema = { type: 'number', minimum: 0 };
const positive: Schema = { type: 'number', exclusiveMinimum: 0 };
const fraction: Schema = { type: 'number', minimum: 0, maximum: 1 };
const strings: Schema = { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true };
const range = (what: string): Schema => ({ type: 'object', properties: { min: { type: 'number', description: what }, max: { type: 'number', description: what }, notes }, additionalProperties: false });

export const capitalSchema: Schema = {
  type: 'object',
  properties: {
    cepci: { ...positive, description: 'Cost index of the estimate (default 797.9, CEPCI 2023)' },
    year: { type: ['number', 'string'] },
    contingencyAndFee: { ...nonNegative, description: 'Share of Σ C_BM (default 0.18, Turton)' },
    auxiliaryFacilities: { ...nonNegative, description: 'Share of Σ C°_BM (default 0.50, Turton)' },
    densities: { type: 'object', properties: { aq: positive, l: positive, org: positive, s: positive }, additionalProperties: false },
    notes,
  },
  additionalProperties: false,
};

export const operatingSchema: Schema = {
  type: 'object',
  properties: {
    labour: {
      type: 'object',
      properties: {
        operatorsPerShift: nonNegative,
        rate: nonNegative,
        burden: nonNegative,
        hoursPerShift: { type: 'number', exclusiveMinimum: 0, maximum: 24 },
        shiftsPerDay: { type: 'number', exclusiveMinimum: 0, maximum: 24 },
        daysPerYear: { type: 'number', exclusiveMinimum: 0, maximum: 366 },
        notes,
      },
      additionalProperties: false,
    },
    maintenance: nonNegative,
    laboratory: nonNegative,
    administration: nonNegative,
    insurance: nonNegative,
    notes,
  },
  additionalProperties: false,
};

const heatSupply: Schema = {
  type: 'object',
  properties: { utility: { type: 'string', minLength: 1 }, energyPerUnit: positive, efficiency: { type: 'number', exclusiveMinimum: 0, maximum: 1 }, economy: positive, notes },
  additionalProperties: false,
};

export const energySchema: Schema = {
  type: 'object',
  properties: {
    heating: heatSupply,
    cooling: { type: 'object', properties: { utility: { type: 'string', minLength: 1 }, energyPerUnit: positive, notes }, additionalProperties: false },
    units: { type: 'object', additionalProperties: heatSupply },
    estimate: { type: 'boolean' },
    notes,
  },
  additionalProperties: false,
};

export const investmentSchema: Schema = {
  type: 'object',
  properties: {
    life: { type: 'integer', minimum: 1, maximum: 100 },
    discountRate: { type: 'number', exclusiveMinimum: -1, maximum: 10 },
    taxRate: fraction,
    depreciationYears: { type: 'integer', minimum: 1, maximum: 100 },
    capitalSchedule: { type: 'array', items: fraction, minItems: 1, maxItems: 20 },
    workingCapital: nonNegative,
    salvage: nonNegative,
    notes,
  },
  additionalProperties: false,
};

export const limitsSchema: Schema = {
  type: 'object',
  description: 'The operating envelope the unit was built for',
  properties: { T: range('°C'), P: range('bar absolute'), media: strings, phases: { type: 'array', items: { enum: ['s', 'l', 'aq', 'org', 'g'] }, uniqueItems: true }, services: strings, notes },
  additionalProperties: false,
};

export const dutySchema: Schema = {
  type: 'object',
  description: 'What this mode asks of the unit beyond what the model computes',
  properties: { T: { type: 'number' }, P: positive, media: strings, service: { anyOf: [{ type: 'string' }, strings] }, notes },
  additionalProperties: false,
};

export const sizingSchema: Schema = {
  type: 'object',
  properties: {
    kind: { anyOf: [{ type: 'string', minLength: 1 }, { type: 'array', items: { type: 'string', minLength: 1 } }] },
    volume: nonNegative,
    residenceTime: nonNegative,
    area: nonNegative,
    flux: positive,
    fill: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
    material: { type: 'string' },
    materialFactor: positive,
    purchased: nonNegative,
    notes,
  },
  additionalProperties: false,
};

export const specSchema: Schema = {
  type: 'object',
  properties: {
    min: { type: 'object', additionalProperties: fraction },
    max: { type: 'object', additionalProperties: fraction },
    discount: fraction,
    notes,
  },
  additionalProperties: false,
};
