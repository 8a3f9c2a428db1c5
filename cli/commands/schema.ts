import { flowsheetSchema } from '../../core';
import { registry } from '../../unit-ops';
import type { Command } from '../args';

export const schemaCommand: Command = {
  name: 'schema',
  usage: 'schema',
  summary: 'print the flowsheet format as a JSON Schema (as published in flowsheets/flowsheet.schema.json)',
  run(_args, out) {
    out(JSON.stringify(flowsheetSchema(registry), null, 2));
    return 0;
  },
};
