import { flowsheetSchema, standaloneValidators } from '../../core';
import { economicsSchema, equipmentSchema } from '../../core/economics';
import { registry } from '../../unit-ops';
import { writeOutput, type Command } from '../args';

/** The published schema: the mass and energy balance's, with the sections other analyses own. */
export const publishedSchema = () => flowsheetSchema(registry, { sections: { economics: economicsSchema }, unitProperties: { equipment: equipmentSchema } });

export const schemaCommand: Command = {
  name: 'schema',
  usage: 'schema [--validators OUT.ts]',
  summary: 'print the flowsheet format as a JSON Schema (as published in flowsheets/flowsheet.schema.json); --validators writes the precompiled validators',
  valueFlags: ['--validators'],
  run(args, out) {
    const validators = args.flags.get('--validators');
    if (typeof validators === 'string') writeOutput(validators, standaloneValidators(registry));
    else out(JSON.stringify(publishedSchema(), null, 2));
    return 0;
  },
};
