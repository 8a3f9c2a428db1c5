/**
 * Opening a file: it must read as a flowsheet (JSON, format, the schema of every unit, species
 * that parse) or it is refused with the core's messages and the current plant is kept. Problems
 * a plant may have while it is being built (an open port, an unbalanced reaction, no steady
 * state) do not refuse a file: the editor shows them where they are.
 */
import { FORMAT_ID, FlexsheetError, parseJsonText, type Diagnostic, type FlowsheetDoc, type UnitRegistry } from '../../core';
import { validateEnvelope, validateUnitParams } from '../../core/schema';
import { buildSpeciesTable } from '../../core/species';
import { MAX_DEPTH, textDepth, valueDepth } from './deep';

export type ReadResult = { ok: true; doc: FlowsheetDoc } | { ok: false; diagnostics: Diagnostic[] };

const tooDeep = (depth: number): ReadResult => ({
  ok: false,
  diagnostics: [{ path: '(file)', message: `the file nests values ${depth.toLocaleString('en-US')} levels deep: Flexsheet reads files nested up to ${MAX_DEPTH.toLocaleString('en-US')} levels` }],
});

export function readFlowsheet(input: string | unknown, registry: UnitRegistry): ReadResult {
  // Measured without recursion before anything else reads the file: a deep file is refused with
  // a message, never a stack overflow that blanks the page.
  const depth = typeof input === 'string' ? textDepth(input) : valueDepth(input);
  if (depth > MAX_DEPTH) return tooDeep(depth);
  try {
    return readChecked(input, registry);
  } catch (e) {
    if (e instanceof RangeError) return { ok: false, diagnostics: [{ path: '(file)', message: `the file could not be read: ${e.message} (it nests values too deeply)` }] };
    throw e;
  }
}

function readChecked(input: string | unknown, registry: UnitRegistry): ReadResult {
  let data: unknown;
  try {
    data = typeof input === 'string' ? parseJsonText(input) : input;
  } catch (e) {
    if (e instanceof FlexsheetError) return { ok: false, diagnostics: [...e.diagnostics] };
    throw e;
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, diagnostics: [{ path: '(file)', message: 'a flowsheet file is a JSON object' }] };
  }
  const format = (data as { format?: unknown }).format;
  if (format !== FORMAT_ID) {
    return {
      ok: false,
      diagnostics: [
        {
          path: 'format',
          message:
            format === undefined
              ? `missing "format": a flowsheet file starts with "format": "${FORMAT_ID}"`
              : `format ${JSON.stringify(format)} is not supported: Flexsheet reads "${FORMAT_ID}"`,
        },
      ],
    };
  }
  const diagnostics = validateEnvelope(data, registry);
  if (diagnostics.length) return { ok: false, diagnostics };
  const doc = data as FlowsheetDoc;
  for (const id of Object.keys(doc.units)) diagnostics.push(...validateUnitParams(id, doc.units[id], registry));
  buildSpeciesTable(doc.species, diagnostics);
  if (diagnostics.length) return { ok: false, diagnostics };
  return { ok: true, doc };
}

/** The document as saved: FORMAT.md JSON, two-space indented, with a final newline. */
export function serialize(doc: FlowsheetDoc): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export function fileNameFor(doc: FlowsheetDoc): string {
  const stem = doc.name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'flowsheet';
  return `${stem}.json`;
}
