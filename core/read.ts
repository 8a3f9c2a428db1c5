/**
 * The read stage: a file's text (or an already parsed object) to a flowsheet document that follows
 * the format: JSON within limits, the format tag, the envelope schema, and every base unit's
 * parameters against its type's declarations. Nothing here knows about modes being solved.
 */
import { FlexsheetError, joinPath, type Diagnostic } from './diagnostics';
import { FORMAT_ID, type FlowsheetDoc } from './document';
import { depthOf, MAX_DEPTH, parseJsonText } from './json';
import { validateEnvelope, validateUnitParams } from './validate';
import type { UnitRegistry } from './unit-type';

/** Reads and checks a flowsheet document; throws FlexsheetError with every problem located. */
export function readDocument(input: unknown, registry: UnitRegistry): FlowsheetDoc {
  const doc = typeof input === 'string' ? parseJsonText(input) : input;
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new FlexsheetError([{ path: '(file)', message: 'a flowsheet file is a JSON object' }]);
  }
  if (typeof input !== 'string' && depthOf(doc) > MAX_DEPTH) {
    throw new FlexsheetError([{ path: '(file)', message: `the document nests objects and arrays more than ${MAX_DEPTH} deep: a flowsheet never needs that` }]);
  }
  checkFormat((doc as { format?: unknown }).format);
  const diagnostics: Diagnostic[] = validateEnvelope(doc, registry);
  if (diagnostics.length) throw new FlexsheetError(diagnostics);
  const file = doc as FlowsheetDoc;
  for (const [id, decl] of Object.entries(file.units)) diagnostics.push(...validateUnitParams(id, decl, registry));
  diagnostics.push(...checkStreamEnds(file));
  if (diagnostics.length) throw new FlexsheetError(diagnostics);
  return file;
}

function checkFormat(format: unknown): void {
  if (format === FORMAT_ID) return;
  throw new FlexsheetError([
    {
      path: 'format',
      message:
        format === undefined
          ? `missing "format": a flowsheet file starts with "format": "${FORMAT_ID}"`
          : `format ${JSON.stringify(format).slice(0, 80)} is not supported: Flexsheet reads "${FORMAT_ID}"`,
    },
  ]);
}

/** Stream ends are "<unitId>.<port>" with both parts present (the schema checks the shape). */
function checkStreamEnds(doc: FlowsheetDoc): Diagnostic[] {
  const problems: Diagnostic[] = [];
  for (const [id, s] of Object.entries(doc.streams)) {
    for (const key of ['from', 'to'] as const) {
      const ref = s[key];
      const dot = ref.lastIndexOf('.');
      if (dot <= 0 || dot === ref.length - 1) problems.push({ path: joinPath(joinPath('streams', id), key), message: `must be written "<unitId>.<port>"`, stream: id });
    }
  }
  return problems;
}
