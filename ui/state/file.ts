/**
 * Opening a file: it must read as a flowsheet (JSON, format, the schema of every unit, species
 * that parse) or it is refused with the core's messages and the current plant is kept. Problems
 * a plant may have while it is being built (an open port, an unbalanced reaction, no steady
 * state) do not refuse a file: the editor shows them where they are.
 */
import { FlexsheetError, readDocument, type Diagnostic, type FlowsheetDoc, type UnitRegistry } from '../../core';
import { buildSpeciesTable } from '../../core/species';

export type ReadResult = { ok: true; doc: FlowsheetDoc } | { ok: false; diagnostics: Diagnostic[] };

/**
 * The core's read stage (JSON within its limits, the format tag, the envelope, every unit's
 * parameters), then the species ids, which must parse for the editor to draw and check anything.
 * Never throws: a problem is a located message.
 */
export function readFlowsheet(input: string | unknown, registry: UnitRegistry): ReadResult {
  let doc: FlowsheetDoc;
  try {
    doc = readDocument(input, registry);
  } catch (e) {
    if (e instanceof FlexsheetError) return { ok: false, diagnostics: [...e.diagnostics] };
    if (e instanceof RangeError) return { ok: false, diagnostics: [{ path: '(file)', message: `the file could not be read: ${e.message}` }] };
    throw e;
  }
  const diagnostics: Diagnostic[] = [];
  buildSpeciesTable(doc.species, diagnostics);
  return diagnostics.length ? { ok: false, diagnostics } : { ok: true, doc };
}

/** The document as saved: FORMAT.md JSON, two-space indented, with a final newline. */
export function serialize(doc: FlowsheetDoc): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export function fileNameFor(doc: FlowsheetDoc): string {
  const stem = doc.name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'flowsheet';
  return `${stem}.json`;
}
