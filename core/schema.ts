/**
 * The flowsheet file as JSON Schema, derived from the unit registry's declarations, and the
 * validation of a document against it (ajv). Checks a schema cannot express (balances,
 * connectivity, fractions summing to one) come after, in compile.ts and in the units.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { joinPath, type Diagnostic } from './diagnostics';
import { economicsSchema, equipmentSchema } from './economics/schema';
import { schemaDiagnostics } from './schema-messages';
import { FLOW_BASES, FORMAT_ID } from './document';
import type { AnyUnitType, ParamDecl, UnitRegistry } from './unit-type';

type Schema = Record<string, unknown>;

/** A schema of its own, nested in the file's: without its `$schema` header. */
function embedded({ $schema: _header, ...rest }: Schema): Schema {
  return rest;
}

const fraction: Schema = { type: 'number', minimum: 0, maximum: 1 };
const notes: Schema = {
  description: 'Sources and remarks',
  anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
};

/** Properties every unit may carry whatever its type: documentation and editor layout. */
const COMMON_UNIT_PROPERTIES: Readonly<Record<string, Schema>> = {
  notes,
  label: { type: 'string', description: 'Display name' },
  position: {
    type: 'object',
    description: 'Position on the diagram',
    properties: { x: { type: 'number' }, y: { type: 'number' } },
    required: ['x', 'y'],
  },
  equipment: embedded(equipmentSchema),
};

function paramSchema(decl: ParamDecl): Schema {
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
      return { ...base, type: 'object', additionalProperties: { type: 'number', minimum: 0 } };
    case 'names':
      return { ...base, type: 'array', items: { type: 'string', minLength: 1, pattern: '^[^.]+$' }, minItems: 1, uniqueItems: true };
    case 'fractions':
    case 'selectorFractions':
      return { ...base, type: 'object', additionalProperties: fraction };
    case 'selectorSplits':
      return { ...base, type: 'object', additionalProperties: { type: 'object', additionalProperties: fraction } };
    case 'reactions':
      return {
        ...base,
        type: 'array',
        items: {
          type: 'object',
          properties: {
            equation: { type: 'string', minLength: 1 },
            key: { type: 'string', minLength: 1 },
            conversion: fraction,
            notes,
          },
          required: ['equation', 'key', 'conversion'],
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
    case 'distribution':
      return {
        ...base,
        type: 'object',
        additionalProperties: {
          anyOf: [
            { type: 'number', minimum: 0 },
            {
              type: 'object',
              properties: { pH50: { type: 'number' }, slope: { type: 'number' }, notes },
              required: ['pH50', 'slope'],
              additionalProperties: false,
            },
          ],
        },
      };
  }
}

function unitSchema(unitType: AnyUnitType): Schema {
  const properties: Record<string, Schema> = {
    type: { const: unitType.type, description: unitType.description },
    ...COMMON_UNIT_PROPERTIES,
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

/** The file without the units' parameters: those are checked per type once the types are known. */
function envelopeSchema(): Schema {
  return {
    type: 'object',
    properties: {
      $schema: { type: 'string' },
      format: { const: FORMAT_ID },
      name: { type: 'string' },
      description: { type: 'string' },
      notes,
      basis: { enum: FLOW_BASES },
      species: {
        type: 'object',
        additionalProperties: {
          type: 'object',
          properties: { formula: { type: 'string', minLength: 1 }, notes },
        },
      },
      units: {
        type: 'object',
        additionalProperties: { type: 'object', properties: { type: { type: 'string' } }, required: ['type'] },
      },
      streams: { type: 'object', additionalProperties: streamSchema },
      economics: embedded(economicsSchema),
      modes: {
        type: 'object',
        additionalProperties: {
          type: 'object',
          properties: {
            description: { type: 'string' },
            units: { type: 'object', additionalProperties: { anyOf: [{ type: 'object' }, { type: 'null' }] } },
            streams: { type: 'object', additionalProperties: streamSchema },
          },
        },
      },
    },
    required: ['format', 'name', 'basis', 'species', 'units', 'streams'],
  };
}

/** The whole format as one JSON Schema document, as published in flowsheets/flowsheet.schema.json. */
export function flowsheetSchema(registry: UnitRegistry): Schema {
  const envelope = envelopeSchema();
  const defs: Record<string, Schema> = {};
  for (const t of registry.values()) defs[`unit-${t.type}`] = unitSchema(t);
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
    properties: { ...props, units: { type: 'object', additionalProperties: unitRef } },
    $defs: defs,
  };
}

interface Validators {
  ajv: Ajv;
  envelope: ValidateFunction;
  /** Compiled on first use: a file seldom uses every unit type. */
  units: Map<string, ValidateFunction>;
}

const validatorCache = new WeakMap<UnitRegistry, Validators>();

function validators(registry: UnitRegistry): Validators {
  let v = validatorCache.get(registry);
  if (!v) {
    const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
    v = { ajv, envelope: ajv.compile(envelopeSchema()), units: new Map() };
    validatorCache.set(registry, v);
  }
  return v;
}

/** The core's own wording for the few messages where ajv's is unclear. */
const coreMessages = (e: ErrorObject): string | undefined => {
  if (e.keyword === 'pattern') return 'must be written "<unitId>.<port>"';
  if (e.keyword === 'anyOf') return 'must be a number, or an object of the allowed form';
  return undefined;
};

const collect = (validate: ValidateFunction, data: unknown, base: string) => schemaDiagnostics(validate, data, base, coreMessages);

export function validateEnvelope(doc: unknown, registry: UnitRegistry): Diagnostic[] {
  return collect(validators(registry).envelope, doc, '');
}

export function validateUnitParams(unitId: string, unit: { type: string }, registry: UnitRegistry): Diagnostic[] {
  const base = joinPath('units', unitId);
  const all = validators(registry);
  const type = registry.get(unit.type);
  let v = all.units.get(unit.type);
  if (!v && type) {
    v = all.ajv.compile(unitSchema(type));
    all.units.set(unit.type, v);
  }
  if (!v) {
    return [
      {
        path: joinPath(base, 'type'),
        message: `unit "${unitId}": type "${unit.type}" does not exist (known types: ${[...registry.keys()].join(', ')})`,
        unit: unitId,
      },
    ];
  }
  return collect(v, unit, base).map((d) => ({ ...d, message: `unit "${unitId}" (${unit.type}): ${d.message}`, unit: unitId }));
}
