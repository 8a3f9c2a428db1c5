/** The published JSON Schema is the registry's, and files that follow the format pass it. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { publishedSchema } from '../cli/commands/schema';
import { standaloneValidators } from '../core';
import { registry } from '../unit-ops';

const root = join(import.meta.dirname, '..');
const published = JSON.parse(readFileSync(join(root, 'flowsheets', 'flowsheet.schema.json'), 'utf8'));

describe('flowsheets/flowsheet.schema.json', () => {
  it('is up to date with the unit registry (regenerate with `npm run schema`)', () => {
    expect(published).toEqual(publishedSchema());
  });

  it('unit-ops/validators.generated.ts holds the validators of this registry (regenerate with `npm run schema`)', () => {
    expect(readFileSync(join(root, 'unit-ops', 'validators.generated.ts'), 'utf8')).toBe(standaloneValidators(registry));
  });

  it('accepts the fixtures and shipped flowsheets, and rejects a unit with a misspelt parameter', () => {
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(published);
    const files = [
      ...readdirSync(join(root, 'tests', 'fixtures')).filter((f) => f.endsWith('.json')).map((f) => join(root, 'tests', 'fixtures', f)),
      ...readdirSync(join(root, 'flowsheets')).filter((f) => f.endsWith('.json') && !f.includes('schema')).map((f) => join(root, 'flowsheets', f)),
    ];
    for (const file of files) {
      const doc = JSON.parse(readFileSync(file, 'utf8'));
      if (doc.format !== 'flexsheet/1') continue;
      expect(validate(doc), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    const bad = JSON.parse(readFileSync(join(root, 'tests', 'fixtures', 'recycle-purge.json'), 'utf8'));
    bad.units.split.fractoins = bad.units.split.fractions;
    expect(validate(bad)).toBe(false);
  });
});
