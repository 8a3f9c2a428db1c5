import { flowsheetSchema } from '../../core';
import { economicsSchema, equipmentSchema } from '../../core/economics';
import { registry } from '../../unit-ops';
import type { Command } from '../args';

/** The published schema: the mass and energy balance's, with the sections other analyses own. */
export const publishedSchema = () => flowsheetSchema(registry, { sections: { economics: economicsSchema }, unitProperties: { equipment: equipmentSchema } });

export const schemaCommand: Command = {
  name: 'schema',
  usage: 'schema',
  summary: 'print the flowsheet format as a JSON Schema (as published in flowsheets/flowsheet.schema.json)',
  run(_args, out) {
    out(JSON.stringify(publishedSchema(), null, 2));
    return 0;
  },
};
