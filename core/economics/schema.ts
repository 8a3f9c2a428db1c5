/**
 * JSON Schema of the `economics` section and of units' `equipment` objects, and their validation
 * (ajv), with messages located by JSON path (`economics.prices.products.li2co3.payable.Co.payability`).
 * Checks that need the rest of the file (modes, units, species and defaults that exist) follow the
 * schema. The core's own schema accepts both extensions unchecked; this module is what checks them.
 */
import type { ErrorObject } from 'ajv';
import { joinPath, type Diagnostic } from '../diagnostics';
import { schemaDiagnostics, type Validator } from '../schema-messages';
import { economicsValidators } from './validators';
import type { FlowsheetDoc } from '../document';
import { DEFAULTS, defaultEntry } from './defaults';
import { hasOwn } from './own';
import { capitalSchema, dutySchema, energySchema, investmentSchema, limitsSchema, operatingSchema, sizingSchema, specSchema } from './schema-capital';
import type { EconomicsDecl, EquipmentDecl, HoldupDecl, ModeEconomicsDecl, PricesDecl, Valuation } from './types';

type Schema = Record<string, unknown>;

const notes: Schema = { description: 'Sources and remarks', anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] };
const nonNegative: Schema = { type: 'number', minimum: 0 };
const fraction: Schema = { type: 'number', minimum: 0, maximum: 1 };

const priceObject: Schema = {
  type: 'object',
  properties: {
    value: { type: 'number', description: 'Price in `unit`' },
    unit: { type: 'string', pattern: '^([A-Z]{3}|\\$)/.+$', description: 'e.g. USD/kg (default), USD/t, USD/kWh' },
    year: { type: ['number', 'string'], description: 'Year or basis of the price' },
    source: { type: 'string' },
    notes,
  },
  required: ['value'],
  additionalProperties: false,
};

/** number | default key | {value, unit, year, source}. */
const priceDef: Schema = {
  description: 'A price: a number (per kg), the key of a default price, or {value, unit, year, source}',
  if: { type: 'object' },
  then: priceObject,
  else: { type: ['number', 'string'] },
};

/** References into the section's own $defs (each compiled once, however often it is used). */
const price: Schema = { $ref: '#/$defs/price' };
const valuation: Schema = { $ref: '#/$defs/valuation' };
const prices: Schema = { $ref: '#/$defs/prices' };

const valuationObject: Schema = {
  type: 'object',
  properties: {
    perKg: price,
    species: { type: 'object', description: 'Price per kg of each contained species', additionalProperties: price },
    payable: {
      type: 'object',
      description: 'Price per kg of each contained element, times payability',
      additionalProperties: {
        type: 'object',
        properties: { price, payability: fraction, notes },
        required: ['price'],
        additionalProperties: false,
      },
    },
    realisation: { ...fraction, description: 'Share of the value realised (a mixed product), default 1' },
    spec: { ...specSchema, properties: { ...(specSchema.properties as Schema), penalties: { type: 'object', description: 'Per kg of element or species beyond the limit', additionalProperties: price } } },
    notes,
  },
  additionalProperties: false,
};

/** A price (per kg of stream) or {perKg, species, payable}. */
const valuationDef: Schema = {
  description: 'A price per kg of stream, or {perKg, species: {id: price}, payable: {element: {price, payability}}}',
  if: { type: 'object', required: ['value'] },
  then: priceObject,
  else: { if: { type: 'object' }, then: valuationObject, else: { type: ['number', 'string'] } },
};

const pricesDef: Schema = {
  type: 'object',
  properties: {
    reagents: { type: 'object', additionalProperties: price },
    utilities: { type: 'object', additionalProperties: price },
    products: { type: 'object', additionalProperties: valuation },
    feeds: { type: 'object', additionalProperties: valuation },
    disposal: { type: 'object', description: 'Disposal or treatment cost per kg of a waste sink (≥ 0)', additionalProperties: price },
  },
  additionalProperties: false,
};

const modeEconomics: Schema = {
  type: 'object',
  properties: {
    description: { type: 'string' },
    hours: { type: 'number', minimum: 0, description: 'Planned operating hours per year in this mode' },
    availability: {
      type: 'object',
      properties: {
        tonnes: { type: 'number', minimum: 0, description: 't/yr of feed (or of product `of`) available' },
        of: { type: 'string', minLength: 1, description: '"feed" (default) or a product unit id' },
        notes,
      },
      required: ['tonnes'],
      additionalProperties: false,
    },
    utilities: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        properties: { perHour: nonNegative, perTonneFeed: nonNegative, notes },
        additionalProperties: false,
      },
    },
    fixedCostPerHour: { type: 'number', minimum: 0 },
    holdingCost: { type: 'number', minimum: 0, description: 'Per kg of stock per year' },
    feedBasis: { type: 'array', items: { type: 'string' }, minItems: 1, uniqueItems: true },
    prices,
    notes,
  },
  additionalProperties: false,
};

/** The `economics` top-level section. */
export const economicsSchema: Schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://flexsheet.invalid/schema/economics',
  title: 'Flexsheet economics section',
  $defs: { price: priceDef, valuation: valuationDef, prices: pricesDef },
  type: 'object',
  properties: {
    currency: { type: 'string', pattern: '^[A-Z]{3}$' },
    hoursPerYear: { type: 'number', exclusiveMinimum: 0, maximum: 8784 },
    prices,
    fixedCosts: { type: 'object', properties: { perYear: nonNegative, notes }, additionalProperties: false },
    modes: { type: 'object', additionalProperties: modeEconomics },
    switchover: {
      type: 'object',
      properties: { time: nonNegative, cost: nonNegative, lostMargin: { enum: ['target', 'source', 'none'] }, compatibility: { enum: ['refuse', 'flag', 'duplicate'] }, notes },
      additionalProperties: false,
    },
    inventory: {
      type: 'object',
      properties: { recovered: fraction, disposalPerKg: nonNegative, notes },
      additionalProperties: false,
    },
    capital: capitalSchema,
    operating: operatingSchema,
    energy: energySchema,
    investment: investmentSchema,
    campaign: {
      type: 'object',
      properties: {
        carryingRate: nonNegative,
        minCycle: { type: 'number', exclusiveMinimum: 0 },
        maxCycle: { type: 'number', exclusiveMinimum: 0 },
        modes: { type: 'array', items: { type: 'string' }, minItems: 1, uniqueItems: true },
        notes,
      },
      additionalProperties: false,
    },
    notes,
  },
  additionalProperties: false,
};

/** A unit's `equipment` object. Keys other than those below are kept and ignored. */
export const equipmentSchema: Schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Flexsheet unit equipment',
  type: 'object',
  properties: {
    service: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }], description: 'Modes served, or a duty label' },
    material: { type: 'string', description: 'Material of construction' },
    holdup: {
      type: 'object',
      properties: {
        volume: { type: 'number', minimum: 0, description: 'm³' },
        density: { type: 'number', exclusiveMinimum: 0, description: 'kg/m³, default 1000' },
        residenceTime: { type: 'number', minimum: 0, description: 'h' },
        mass: { type: 'number', minimum: 0, description: 'kg' },
        recovered: { ...fraction, description: 'Fraction of the value kept when drained (default economics.inventory.recovered)' },
        runDown: { type: 'boolean', description: 'Run down before a switchover instead of flushed (default: true for a feed bin)' },
        notes,
      },
      additionalProperties: false,
    },
    changeover: {
      type: 'object',
      properties: {
        time: { type: 'number', minimum: 0, description: 'h' },
        cost: nonNegative,
        cleaning: { type: 'object', additionalProperties: nonNegative, description: 'kg of each cleaning agent' },
        when: { enum: ['changed', 'always', 'never'] },
        notes,
      },
      additionalProperties: false,
    },
    limits: limitsSchema,
    duty: dutySchema,
    sizing: sizingSchema,
    notes,
  },
};

/** Economics' own wording: price units, currencies, and the notes field's two forms. */
const economicsMessages = (e: ErrorObject): string | undefined => {
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'anyOf') return 'must be a string or a list of strings';
  if (e.keyword === 'pattern') {
    return String(p.pattern).includes('/') ? `"${String(e.data)}" is not a price unit like "USD/kg" or "USD/t"` : `"${String(e.data)}" is not a currency code like "USD"`;
  }
  if (e.keyword === 'type' && String(p.type).includes('string') && String(p.type).includes('number')) {
    return 'must be a number or a string (a price, or the key of a default price), or an object';
  }
  return undefined;
};

const collect = (validate: Validator, data: unknown, base: string) => schemaDiagnostics(validate, data, base, economicsMessages);

/** A unit's declaration (base or mode patch), its id and its JSON path. */
interface UnitDeclaration {
  id: string;
  path: string;
  decl: Record<string, unknown>;
}

/** Every unit declaration of the file with its JSON path: base units and units in mode patches. */
function unitDeclarations(doc: FlowsheetDoc): UnitDeclaration[] {
  const list: UnitDeclaration[] = [];
  const objects = (x: unknown) => (isObject(x) ? Object.entries(x) : []);
  for (const [id, decl] of objects(doc.units)) if (isObject(decl)) list.push({ id, path: joinPath('units', id), decl });
  for (const [mode, m] of objects(doc.modes)) {
    for (const [id, decl] of objects(isObject(m) ? m.units : undefined)) {
      if (isObject(decl)) list.push({ id, path: joinPath(joinPath(joinPath('modes', mode), 'units'), id), decl });
    }
  }
  return list;
}

/**
 * The shape economics relies on before it reads anything else: `units` an object of unit objects,
 * `streams` an object, `modes` an object of mode objects whose unit patches are objects or null.
 * The mass-balance checks come later (the solver's own); these keep the economics commands from
 * reading into a null.
 */
function structureProblems(doc: FlowsheetDoc): Diagnostic[] {
  const out: Diagnostic[] = [];
  const must = (x: unknown, path: string, what: string) => {
    if (!isObject(x)) out.push({ path, message: `must be an object (${what})` });
    return isObject(x);
  };
  if (must(doc.units, 'units', 'unit id → unit')) {
    for (const [id, u] of Object.entries(doc.units)) if (!isObject(u)) out.push({ path: joinPath('units', id), message: `unit "${id}" must be an object with a "type" (is ${u === null ? 'null' : typeof u}); a mode takes a unit out of service with null, the base flowsheet cannot`, unit: id });
  }
  if (doc.streams !== undefined) must(doc.streams, 'streams', 'stream id → {from, to}');
  if (doc.modes !== undefined && must(doc.modes, 'modes', 'mode name → changes')) {
    for (const [name, m] of Object.entries(doc.modes)) {
      const mPath = joinPath('modes', name);
      if (!must(m, mPath, 'a mode')) continue;
      if (m.units === undefined) continue;
      if (!must(m.units, joinPath(mPath, 'units'), 'unit id → patch or null')) continue;
      for (const [id, patch] of Object.entries(m.units)) {
        if (patch !== null && !isObject(patch)) out.push({ path: joinPath(joinPath(mPath, 'units'), id), message: `must be an object (a patch) or null (out of service)`, unit: id });
      }
    }
  }
  return out;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

const defaultKeys = () => DEFAULTS.map((d) => d.key).join(', ');

/**
 * Checks the `economics` section and every unit's `equipment` (base units and mode patches).
 * Returns the problems found, each located by JSON path; an empty list when all is well or when
 * the file has neither.
 */
export function validateEconomics(doc: FlowsheetDoc): Diagnostic[] {
  const structure = structureProblems(doc);
  if (structure.length) return structure;
  const v = economicsValidators();
  const units = unitDeclarations(doc);
  const out = units.flatMap((u) => equipmentProblems(doc, u, v.equipment));
  const econ = doc.economics;
  if (econ === undefined) return out;
  const problems = collect(v.economics, econ, 'economics');
  out.push(...problems);
  if (problems.length) return out;
  out.push(...economicsReferences(doc, econ as EconomicsDecl, new Set(units.map((u) => u.id))));
  return out;
}

/** One unit's `equipment`: its shape, then (when that is right) its hold-up and cleaning agents. */
function equipmentProblems(doc: FlowsheetDoc, u: UnitDeclaration, validate: Validator): Diagnostic[] {
  if (u.decl.equipment === undefined || u.decl.equipment === null) return [];
  const path = joinPath(u.path, 'equipment');
  const problems = collect(validate, u.decl.equipment, path);
  if (problems.length) return problems.map((d) => ({ ...d, message: `unit "${u.id}": ${d.message}`, unit: u.id }));
  const eq = u.decl.equipment as EquipmentDecl;
  return [...holdupProblems(u.id, eq.holdup, joinPath(path, 'holdup')), ...cleaningProblems(doc, u.id, eq.changeover?.cleaning, joinPath(joinPath(path, 'changeover'), 'cleaning'))];
}

function holdupProblems(unit: string, h: HoldupDecl | undefined, path: string): Diagnostic[] {
  if (!h) return [];
  const out: Diagnostic[] = [];
  const given = (['volume', 'residenceTime', 'mass'] as const).filter((k) => h[k] !== undefined);
  if (given.length > 1) out.push({ path, message: `unit "${unit}": give one of volume, residenceTime or mass, not ${given.join(' and ')}`, unit });
  if (h.density !== undefined && h.volume === undefined) out.push({ path: joinPath(path, 'density'), message: `unit "${unit}": density applies to a hold-up given as a volume`, unit });
  return out;
}

/** Cleaning agents that are neither declared species, priced reagents nor default prices. */
function cleaningProblems(doc: FlowsheetDoc, unit: string, cleaning: Record<string, number> | undefined, path: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const name of Object.keys(cleaning ?? {})) {
    const declared = hasOwn(doc.species, name);
    const priced = isObject(doc.economics) && hasOwn((doc.economics as EconomicsDecl).prices?.reagents, name);
    if (!declared && !priced && !defaultEntry(stripPhase(name))) {
      out.push({ path: joinPath(path, name), message: `unit "${unit}": cleaning agent "${name}" is neither a declared species nor a priced reagent`, unit });
    }
  }
  return out;
}

/** What the checks of the names `economics` refers to read, and the list they add problems to. */
interface ReferenceCheck {
  doc: FlowsheetDoc;
  unitIds: ReadonlySet<string>;
  /** The modes the file declares, and the names a mode may have (`BASE_MODE` without modes). */
  modes: string[];
  modeNames: string[];
  out: Diagnostic[];
}

/** The names `economics` refers to: default prices, species, elements, units and modes. */
function economicsReferences(doc: FlowsheetDoc, e: EconomicsDecl, unitIds: ReadonlySet<string>): Diagnostic[] {
  const modes = Object.keys(doc.modes ?? {});
  const modeNames = modes.length ? modes : [BASE_MODE];
  const check: ReferenceCheck = { doc, unitIds, modes, modeNames, out: [] };
  checkPrices(check, e.prices, joinPath('economics', 'prices'));
  for (const [mode, m] of Object.entries(e.modes ?? {})) checkModeEconomics(check, mode, m);
  for (const [i, mode] of (e.campaign?.modes ?? []).entries()) {
    if (!modeNames.includes(mode)) check.out.push({ path: joinPath(joinPath(joinPath('economics', 'campaign'), 'modes'), i), message: `mode "${mode}" does not exist (modes: ${modeNames.join(', ')})` });
  }
  const c = e.campaign;
  if (c?.minCycle !== undefined && c.maxCycle !== undefined && c.minCycle >= c.maxCycle) {
    check.out.push({ path: joinPath(joinPath('economics', 'campaign'), 'maxCycle'), message: `maxCycle (${c.maxCycle} h) must be longer than minCycle (${c.minCycle} h)` });
  }
  return check.out;
}

/** One mode's economics: the mode exists, and its prices, availability basis and feed basis. */
function checkModeEconomics(check: ReferenceCheck, mode: string, m: ModeEconomicsDecl) {
  const { out, unitIds, modes } = check;
  const mPath = joinPath(joinPath('economics', 'modes'), mode);
  if (!check.modeNames.includes(mode)) {
    out.push({ path: mPath, message: modes.length ? `mode "${mode}" does not exist (modes: ${modes.join(', ')})` : `this flowsheet has no modes: its one way of running is called "${BASE_MODE}"` });
  }
  checkPrices(check, m.prices, joinPath(mPath, 'prices'));
  const of = m.availability?.of;
  if (of !== undefined && of !== 'feed' && !unitIds.has(of)) out.push({ path: joinPath(joinPath(mPath, 'availability'), 'of'), message: `"${of}" is neither "feed" nor a product unit` });
  for (const [i, id] of (m.feedBasis ?? []).entries()) {
    if (!unitIds.has(id)) out.push({ path: joinPath(joinPath(mPath, 'feedBasis'), i), message: `unit "${id}" does not exist`, unit: id });
  }
}

/** A price given by name must be the key of a default price. */
function checkPrice({ out }: ReferenceCheck, value: unknown, path: string) {
  if (typeof value === 'string' && !defaultEntry(value)) out.push({ path, message: `"${value}" is not the key of a default price (keys: ${defaultKeys()})` });
}

function checkValuation(check: ReferenceCheck, value: Valuation, path: string) {
  if (!isObject(value) || 'value' in value) return checkPrice(check, value, path);
  if (value.perKg !== undefined) checkPrice(check, value.perKg, joinPath(path, 'perKg'));
  for (const [sp, p] of Object.entries(value.species ?? {})) {
    const sPath = joinPath(joinPath(path, 'species'), sp);
    if (!hasOwn(check.doc.species, sp)) check.out.push({ path: sPath, message: `species "${sp}" is not declared in "species"`, species: sp });
    checkPrice(check, p, sPath);
  }
  for (const [el, p] of Object.entries(value.payable ?? {})) {
    const pPath = joinPath(joinPath(path, 'payable'), el);
    if (!/^[A-Z][a-z]?$/.test(el)) check.out.push({ path: pPath, message: `"${el}" is not an element symbol` });
    checkPrice(check, p.price, joinPath(pPath, 'price'));
  }
}

function checkPrices(check: ReferenceCheck, p: PricesDecl | undefined, path: string) {
  if (!p) return;
  const { out, unitIds } = check;
  for (const [k, v] of Object.entries(p.reagents ?? {})) checkPrice(check, v, joinPath(joinPath(path, 'reagents'), k));
  for (const [k, v] of Object.entries(p.utilities ?? {})) checkPrice(check, v, joinPath(joinPath(path, 'utilities'), k));
  for (const [k, v] of Object.entries(p.disposal ?? {})) {
    const dPath = joinPath(joinPath(path, 'disposal'), k);
    if (!unitIds.has(k)) out.push({ path: dPath, message: `unit "${k}" does not exist`, unit: k });
    checkPrice(check, v, dPath);
    const value = typeof v === 'number' ? v : isObject(v) ? (v as { value: number }).value : 0;
    if (value < 0) out.push({ path: dPath, message: `a disposal cost is ≥ 0 (is ${value}); a sink that earns money is a product (economics.prices.products)`, unit: k });
  }
  for (const kind of ['products', 'feeds'] as const) {
    for (const [id, val] of Object.entries(p[kind] ?? {})) {
      const vPath = joinPath(joinPath(path, kind), id);
      if (!unitIds.has(id)) out.push({ path: vPath, message: `unit "${id}" does not exist`, unit: id });
      checkValuation(check, val, vPath);
    }
  }
}

/** The name of the one way of running a flowsheet that declares no modes. */
export const BASE_MODE = '(base)';

/** "H2SO4(aq)" → "H2SO4"; names without a phase are returned as they are. */
export function stripPhase(id: string): string {
  return id.replace(/\((s|l|g|aq|org)\)$/, '');
}
