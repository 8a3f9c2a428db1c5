/** Turns ajv's validation errors into located, readable diagnostics. Shared by every schema check. */
import type { ErrorObject } from 'ajv';

/** A compiled validator as ajv makes it, at run time or as standalone code. */
export type Validator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
import { joinPath, type Diagnostic } from './diagnostics';

function pointerToPath(base: string, pointer: string): string {
  let path = base;
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    path = joinPath(path, /^\d+$/.test(seg) ? Number(seg) : seg);
  }
  return path;
}

function typeName(t: string): string {
  return t === 'object' ? 'an object' : t === 'array' ? 'a list' : `a ${t}`;
}

/** A message for one ajv error; `custom` may word a keyword its own way (return undefined to pass). */
export type MessageOverride = (e: ErrorObject) => string | undefined;

function describeSchemaError(e: ErrorObject, base: string, custom?: MessageOverride): Diagnostic {
  const path = pointerToPath(base, e.instancePath);
  const p = e.params as Record<string, unknown>;
  let message = custom?.(e);
  if (message === undefined) {
    switch (e.keyword) {
      case 'required':
        message = `missing "${String(p.missingProperty)}"`;
        break;
      case 'additionalProperties':
        message = `unknown property "${String(p.additionalProperty)}"`;
        break;
      case 'const':
        message = `must be ${JSON.stringify(p.allowedValue)}`;
        break;
      case 'enum':
        message = `must be one of ${(p.allowedValues as unknown[]).map((x) => JSON.stringify(x)).join(', ')}`;
        break;
      case 'type':
        message = `must be ${String(p.type).split(',').map(typeName).join(' or ')}`;
        break;
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum': {
        const op = { minimum: '≥', maximum: '≤', exclusiveMinimum: '>', exclusiveMaximum: '<' }[e.keyword];
        message = `must be ${op} ${String(p.limit)}${'data' in e ? ` (is ${JSON.stringify(e.data)})` : ''}`;
        break;
      }
      default:
        message = e.message ?? 'is not valid';
    }
  }
  return { path: path || '(file)', message };
}

/** Validates and returns one diagnostic per distinct problem (an anyOf is reported once, whole). */
export function schemaDiagnostics(validate: Validator, data: unknown, base: string, custom?: MessageOverride): Diagnostic[] {
  if (validate(data)) return [];
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  const errors = validate.errors ?? [];
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  for (const e of errors) {
    // A property-name error is the summary of the error inside it, which is reported.
    if (e.keyword === 'if' || e.keyword === 'propertyNames') continue;
    let d: Diagnostic;
    if (e.keyword === 'anyOf') d = { path: pointerToPath(base, e.instancePath) || '(file)', message: custom?.(e) ?? 'is not one of the allowed forms' };
    else if (anyOfPaths.has(e.instancePath) && /anyOf/.test(e.schemaPath)) continue;
    else d = describeSchemaError(e, base, custom);
    const key = `${d.path}|${d.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(d);
    }
  }
  return out;
}
