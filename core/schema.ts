/**
 * The flowsheet file as JSON Schema, derived from the unit registry's declarations; validation
 * against it is in validate.ts. Checks a schema cannot express (balances, connectivity, fractions
 * summing to one) come after, in compile.ts and in the units.
 *
 * The mass and energy balance validates only what it solves: document sections of their own
 * (economics, a unit's equipment) are checked by their own analyses, and are added to the published
 * schema by whoever publishes it (`flowsheetSchema(registry, sections)`).
 */
import { T_MAX_CELSIUS, T_MIN_CELSIUS } from './bounds';
import { FLOW_BASES, FORMAT_ID } from './document';
import type { AnyUnitType, ParamDecl, UnitRegistry } from './unit-type';

type Schema = Record<string, unknown>;

/** A schema of its own, nested in the file's: without its `$schema` header. */
function embedded({ $schema: _header, ...rest }: Schema): Schema {
  return rest;
}

/** Largest flow number a file may give, in its basis (1e12 kg/h is a billion tonnes an hour). */
export const MAX_FLOW = 1e12;
/** Longest id (unit, stream, species, mode, spec, outlet) a file may use, in characters. */
export const MAX_ID_LENGTH = 256;
/** Most reactions one unit may list (a real unit lists a handful; series of thousands are a mistake). */
export const MAX_REACTIONS = 1000;
/** Most outlets one unit may name. */
export const MAX_OUTLETS = 1000;

const notes: Schema = {
  description: 'Sources and remarks',
  anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
};

const fraction: Schema = { type: 'number', minimum: 0, maximum: 1 };
const isotherm: Schema = {
  type: 'object',
  properties: { pH50: { type: 'number' }, slope: { type: 'number' }, notes },
  required: ['pH50', 'slope'],
  additionalProperties: false,
};
const id: Schema = { type: 'string', minLength: 1, maxLength: MAX_ID_LENGTH };

/** Properties every unit may carry whatever its type: documentation, editor layout, temperature. */
export const COMMON_UNIT_PROPERTIES: Readonly<Record<string, Schema>> = {
  notes,
  label: { type: 'string', description: 'Display name' },
  position: {
    type: 'object',
    description: 'Position on the diagram',
    properties: { x: { type: 'number' }, y: { type: 'number' } },
    required: ['x', 'y'],
  },
  T: { type: 'number', minimum: T_MIN_CELSIUS, maximum: T_MAX_CELSIUS, description: 'Temperature of every outlet, °C (without it the unit is adiabatic) [°C]' },
  equipment: { type: 'object', description: 'Equipment data for economics and switchover (checked by those analyses)' },
};

export function paramSchema(decl: ParamDecl): Schema {
  if (decl.schema) return { description: decl.description, ...decl.schema };
  const base: Schema = { description: decl.unit ? `${decl.description} [${decl.unit}]` : decl.description };
  const bounds: Schema = {};
  if (decl.min !== undefined) bounds[decl.exclusiveMin ? 'exclusiveMinimum' : 'minimum'] = decl.min;
  if (decl.max !== undefined) bounds.maximum = decl.max;
  switch (decl.kind) {
    case 'number':
      return { ...base, type: 'number', ...bounds };
    case 'integer':
      return { ...base, type: 'integer', ...bounds };
    case 'text':
      return { ...base, type: 'string' };
    case 'speciesAmounts':
      return { ...base, type: 'object', additionalProperties: { type: 'number', minimum: 0, maximum: MAX_FLOW } };
    case 'names':
      return { ...base, type: 'array', items: { type: 'string', minLength: 1, maxLength: MAX_ID_LENGTH, pattern: '^[^.]+$' }, minItems: 1, maxItems: MAX_OUTLETS, uniqueItems: true };
    case 'fractions':
    case 'selectorFractions':
      return { ...base, type: 'object', additionalProperties: fraction };
    case 'selectorSplits':
      return { ...base, type: 'object', additionalProperties: { type: 'object', additionalProperties: fraction } };
    case 'reactions':
      return {
        ...base,
        type: 'array',
        maxItems: MAX_REACTIONS,
        items: {
          type: 'object',
          properties: {
            equation: { type: 'string', minLength: 1, maxLength: 10000 },
            key: { type: 'string', minLength: 1 },
            conversion: fraction,
            solubility: { type: 'number', minimum: 0, description: 'Instead of conversion: kg of key per 100 kg of the water left after the reaction, at saturation' },
            notes,
          },
          required: ['equation', 'key'],
          oneOf: [{ required: ['conversion'] }, { required: ['solubility'] }],
          additionalProperties: false,
        },
      };
    case 'reagents':
      return {
        ...base,
        type: 'object',
        additionalProperties: {
          type: 'object',
          properties: {
            excess: { type: 'number', minimum: 0, description: 'Dose above demand, as a fraction of it' },
            net: { type: 'boolean', description: 'Dose net of what already enters the unit (recycled reagent)' },
            notes,
          },
          additionalProperties: false,
        },
      };
    case 'specification': {
      const limits: Schema = { type: 'object', additionalProperties: fraction, description: 'Mass fraction per species id or element symbol' };
      return {
        ...base,
        type: 'object',
        properties: {
          name: { type: 'string', minLength: 1, maxLength: 200, description: 'The grade, e.g. "battery-grade Li2CO3"' },
          basis: { enum: ['wet', 'dry'], default: 'wet', description: 'dry: the fractions leave liquid water out' },
          min: limits,
          max: limits,
          source: { type: 'string', maxLength: 2000 },
          notes,
        },
        required: ['name'],
        anyOf: [{ required: ['min'] }, { required: ['max'] }],
        additionalProperties: false,
      };
    }
    case 'distribution':
      return {
        ...base,
        type: 'object',
        additionalProperties: {
          anyOf: [
            { type: 'number', minimum: 0 },
            isotherm,
            {
              type: 'object',
              description: 'An exchange: the equation moves its species; D of the first (aq) reactant into the first (org) product',
              properties: { equation: { type: 'string', minLength: 1 }, D: { anyOf: [{ type: 'number', minimum: 0 }, isotherm] }, notes },
              required: ['equation', 'D'],
              additionalProperties: false,
            },
          ],
        },
      };
  }
}

export function unitSchema(unitType: AnyUnitType, extra: Record<string, Schema> = {}): Schema {
  const properties: Record<string, Schema> = {
    type: { const: unitType.type, description: unitType.description },
    ...COMMON_UNIT_PROPERTIES,
    ...extra,
  };
  const required = ['type'];
  for (const [name, decl] of Object.entries(unitType.params)) {
    properties[name] = paramSchema(decl);
    if (decl.required) required.push(name);
  }
  return { type: 'object', title: unitType.title, properties, required, additionalProperties: false };
}

const streamSchema: Schema = {
  type: 'object',
  properties: {
    from: { type: 'string', pattern: '^.+\\.[^.]+$', description: '<unitId>.<port>' },
    to: { type: 'string', pattern: '^.+\\.[^.]+$', description: '<unitId>.<port>' },
    notes,
  },
  required: ['from', 'to'],
};

const cpSchema: Schema = {
  anyOf: [
    { type: 'number', description: 'constant, J/(mol·K)' },
    {
      type: 'object',
      properties: { shomate: { type: 'array', items: { type: 'number' }, minItems: 5, maxItems: 5, description: 'NIST Shomate A…E, t = T/1000 K' } },
      required: ['shomate'],
      additionalProperties: false,
    },
  ],
};

const speciesSchema: Schema = {
  type: 'object',
  properties: {
    formula: { type: 'string', minLength: 1 },
    notes,
    label: { type: 'string' },
    density: { type: 'number', exclusiveMinimum: 0, description: 'kg/m³, for (s), (l) and (org) species' },
    molarVolume: { type: 'number', description: 'm³/kmol; for (aq) species the apparent molar volume in solution' },
    Hf: { type: 'number', description: 'Standard enthalpy of formation at 25 °C, kJ/mol' },
    cp: cpSchema,
  },
};

const QUANTITIES = ['massFlow', 'molarFlow', 'massFraction', 'concentration', 'pH', 'T', 'duty'] as const;

const specSchema: Schema = {
  type: 'object',
  properties: {
    description: { type: 'string' },
    notes,
    target: {
      type: 'object',
      properties: {
        stream: id,
        unit: { ...id, description: 'For quantity "duty": the unit whose duty (kW) is held' },
        species: id,
        element: { type: 'string', minLength: 1, maxLength: 3 },
        quantity: { enum: QUANTITIES },
        value: { type: 'number' },
      },
      required: ['quantity', 'value'],
      anyOf: [{ required: ['stream'] }, { required: ['unit'] }],
      additionalProperties: false,
    },
    adjust: {
      type: 'object',
      properties: {
        unit: id,
        param: { type: 'array', minItems: 1, maxItems: 16, items: { anyOf: [{ type: 'string', minLength: 1, maxLength: MAX_ID_LENGTH }, { type: 'integer', minimum: 0 }] } },
        min: { type: 'number' },
        max: { type: 'number' },
      },
      required: ['unit', 'param'],
      additionalProperties: false,
    },
  },
  required: ['target', 'adjust'],
  additionalProperties: false,
};

/** The file without the units' parameters: those are checked per type once the types are known. */
export function envelopeSchema(): Schema {
  return {
    type: 'object',
    properties: {
      $schema: { type: 'string' },
      format: { const: FORMAT_ID },
      name: { type: 'string' },
      description: { type: 'string' },
      notes,
      basis: { enum: FLOW_BASES },
      species: { type: 'object', propertyNames: { maxLength: MAX_ID_LENGTH }, additionalProperties: speciesSchema },
      units: {
        type: 'object',
        propertyNames: { minLength: 1, maxLength: MAX_ID_LENGTH },
        additionalProperties: { type: 'object', properties: { type: { type: 'string' } }, required: ['type'] },
      },
      streams: { type: 'object', propertyNames: { minLength: 1, maxLength: MAX_ID_LENGTH }, additionalProperties: streamSchema },
      specs: { type: 'object', propertyNames: { minLength: 1, maxLength: MAX_ID_LENGTH }, additionalProperties: specSchema },
      modes: {
        type: 'object',
        propertyNames: { minLength: 1, maxLength: MAX_ID_LENGTH },
        additionalProperties: {
          type: 'object',
          properties: {
            description: { type: 'string' },
            units: { type: 'object', additionalProperties: { anyOf: [{ type: 'object' }, { type: 'null' }] } },
            streams: { type: 'object', additionalProperties: streamSchema },
            specs: { type: 'object', additionalProperties: { anyOf: [{ type: 'object' }, { type: 'null' }] } },
          },
        },
      },
    },
    required: ['format', 'name', 'basis', 'species', 'units', 'streams'],
  };
}

/** Sections of the document that other analyses own, for the published schema. */
export interface SchemaSections {
  /** Top-level sections, e.g. `economics`. */
  sections?: Record<string, Schema>;
  /** Properties every unit may carry, e.g. `equipment`. */
  unitProperties?: Record<string, Schema>;
}

/** The whole format as one JSON Schema document, as published in flowsheets/flowsheet.schema.json. */
export function flowsheetSchema(registry: UnitRegistry, extra: SchemaSections = {}): Schema {
  const envelope = envelopeSchema();
  const defs: Record<string, Schema> = {};
  const unitExtra: Record<string, Schema> = {};
  for (const [name, schema] of Object.entries(extra.unitProperties ?? {})) {
    defs[name] = embedded(schema);
    unitExtra[name] = { $ref: `#/$defs/${name}` };
  }
  for (const t of registry.values()) defs[`unit-${t.type}`] = unitSchema(t, unitExtra);
  const unitRef: Schema = {
    type: 'object',
    required: ['type'],
    properties: { type: { enum: [...registry.keys()] } },
    allOf: [...registry.keys()].map((type) => ({
      if: { properties: { type: { const: type } } },
      then: { $ref: `#/$defs/unit-${type}` },
    })),
  };
  const props = envelope.properties as Record<string, Schema>;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'Flexsheet flowsheet, format flexsheet/1',
    ...envelope,
    properties: {
      ...props,
      ...Object.fromEntries(Object.entries(extra.sections ?? {}).map(([name, schema]) => [name, embedded(schema)])),
      units: { ...(props.units as Schema), additionalProperties: unitRef },
    },
    $defs: defs,
  };
}

/** Validation lives in validate.ts; re-exported here for older imports. */
export { validateEnvelope, validateUnitParams } from './validate';
