/**
 * Validation of a document against the schema derived from the registry (schema.ts). Compiling a
 * JSON Schema costs a process most of a small plant's solve, so a registry may come with validators
 * compiled at build time (ajv's standalone code, `usePrecompiledValidators`); a registry without
 * them compiles its schemas on first use. `standaloneValidators` writes that code.
 */
import Ajv, { type ErrorObject } from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import { joinPath, quoteId, type Diagnostic } from './diagnostics';
import { envelopeSchema, unitSchema } from './schema';
import { schemaDiagnostics, type Validator } from './schema-messages';
import type { UnitRegistry } from './unit-type';

/** What a build-time module of validators provides. */
export interface PrecompiledValidators {
  envelope: Validator;
  /** By unit type. */
  units: Readonly<Record<string, Validator>>;
  /** The registry's schemas these were compiled from (JSON text), to tell a stale module. */
  fingerprint: string;
}

interface Validators {
  envelope: Validator;
  unit(type: string): Validator | undefined;
}

const cache = new WeakMap<UnitRegistry, Validators>();

const ajvOptions = { allErrors: true, strict: false, verbose: true } as const;

/** The registry's schemas as one text, for the stale check and the generator. */
function schemaFingerprint(registry: UnitRegistry): string {
  return JSON.stringify([envelopeSchema(), ...[...registry.values()].map((t) => unitSchema(t))]);
}

/** Registers validators compiled at build time for `registry` (ignored when they do not match it). */
export function usePrecompiledValidators(registry: UnitRegistry, validators: PrecompiledValidators): boolean {
  if (validators.fingerprint !== fingerprintHash(schemaFingerprint(registry))) return false;
  cache.set(registry, { envelope: validators.envelope, unit: (type) => (Object.hasOwn(validators.units, type) ? validators.units[type] : undefined) });
  return true;
}

function validators(registry: UnitRegistry): Validators {
  let v = cache.get(registry);
  if (!v) {
    const ajv = new Ajv(ajvOptions);
    const units = new Map<string, Validator>();
    v = {
      envelope: ajv.compile(envelopeSchema()),
      unit(type) {
        const t = registry.get(type);
        if (!t) return undefined;
        let f = units.get(type);
        if (!f) units.set(type, (f = ajv.compile(unitSchema(t))));
        return f;
      },
    };
    cache.set(registry, v);
  }
  return v;
}

/** The core's own wording for the few messages where ajv's is unclear. */
const coreMessages = (e: ErrorObject): string | undefined => {
  if (e.keyword === 'pattern') return 'must be written "<unitId>.<port>"';
  if (e.keyword === 'anyOf') return 'must be a number, or an object of the allowed form';
  if (e.keyword === 'oneOf') return 'must give exactly one of the alternatives (e.g. "conversion" or "solubility")';
  if (e.keyword === 'maxLength') {
    const name = (e as { propertyName?: string }).propertyName;
    const limit = String((e.params as { limit?: unknown }).limit);
    return name !== undefined ? `the id ${quoteId(name, 40)} is longer than ${limit} characters` : `is longer than ${limit} characters`;
  }
  if (e.keyword === 'maxItems') return `lists more than ${String((e.params as { limit?: unknown }).limit)} items (the limit of the format)`;
  return undefined;
};

const collect = (validate: Validator, data: unknown, base: string) => schemaDiagnostics(validate, data, base, coreMessages);

export function validateEnvelope(doc: unknown, registry: UnitRegistry): Diagnostic[] {
  return collect(validators(registry).envelope, doc, '');
}

export function validateUnitParams(unitId: string, unit: { type: string }, registry: UnitRegistry): Diagnostic[] {
  const base = joinPath('units', unitId);
  const v = registry.has(unit.type) ? validators(registry).unit(unit.type) : undefined;
  if (!v) {
    return [
      {
        path: joinPath(base, 'type'),
        message: `unit "${unitId}": type "${String(unit.type).slice(0, 80)}" does not exist (known types: ${[...registry.keys()].join(', ')})`,
        unit: unitId,
      },
    ];
  }
  return collect(v, unit, base).map((d) => ({ ...d, message: `unit "${unitId}" (${unit.type}): ${d.message}`, unit: unitId }));
}

/** FNV-1a of the schemas' text: a short fingerprint the generated module carries. */
export function fingerprintHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${text.length.toString(16)}-${h.toString(16)}`;
}

/**
 * ES module source of the registry's validators (ajv standalone), with ajv's two runtime helpers
 * written in so that the module imports nothing: `export const precompiled = {envelope, units, fingerprint}`.
 */
export function standaloneValidators(registry: UnitRegistry): string {
  const ajv = new Ajv({ ...ajvOptions, code: { source: true, esm: true } });
  const exports: Record<string, string> = { envelope: 'envelope' };
  ajv.addSchema(envelopeSchema(), 'envelope');
  const types = [...registry.keys()];
  types.forEach((type, i) => {
    ajv.addSchema(unitSchema(registry.get(type)!), `unit${i}`);
    exports[`unit${i}`] = `unit${i}`;
  });
  let code = standaloneCode(ajv, exports);
  code = code.replace(/const (\w+) = require\("ajv\/dist\/runtime\/ucs2length"\)\.default;/g, 'const $1 = ucs2length;');
  code = code.replace(/const (\w+) = require\("ajv\/dist\/runtime\/equal"\)\.default;/g, 'const $1 = deepEqual;');
  if (/require\(/.test(code)) throw new Error('the standalone validators need an ajv runtime helper this generator does not inline');
  const units = types.map((type, i) => `${JSON.stringify(type)}: unit${i}`).join(', ');
  return [
    '// Generated by `flexsheet schema --validators` from the unit registry: do not edit.',
    '// @ts-nocheck',
    '/* eslint-disable */',
    RUNTIME,
    code.replace(/^"use strict";/, ''),
    `export const precompiled = { envelope, units: { ${units} }, fingerprint: ${JSON.stringify(fingerprintHash(schemaFingerprint(registry)))} };`,
    '',
  ].join('\n');
}

/** ajv's ucs2length (string length in code points) and a deep equality for const/enum/uniqueItems. */
const RUNTIME = `function ucs2length(str) { let n = 0; for (const _ of str) n++; return n; }
function deepEqual(a, b) {
  if (a === b) return true;
  if (a && b && typeof a == 'object' && typeof b == 'object') {
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    const ka = Object.keys(a), kb = Object.keys(b);
    if (ka.length !== kb.length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return a !== a && b !== b;
}`;
