/**
 * Problems found in a flowsheet, each located by a JSON path into the file and, where it applies,
 * by the unit, port, species or reaction at fault. Nothing here ever carries a stack trace.
 */
export interface Diagnostic {
  /** JSON path into the flowsheet file, e.g. `units.leach.reactions[0].equation`. */
  path: string;
  message: string;
  unit?: string;
  port?: string;
  stream?: string;
  species?: string;
  /** Every unit involved, when a problem spans several (a recycle loop with no steady state). */
  units?: string[];
  /** Every species involved, when there are several. */
  speciesList?: string[];
  /** Every stream involved. */
  streams?: string[];
}

export class FlexsheetError extends Error {
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[]) {
    super(formatDiagnostics(diagnostics));
    this.name = 'FlexsheetError';
    this.diagnostics = diagnostics;
  }
}

export function formatDiagnostic(d: Diagnostic): string {
  return d.path ? `${d.path}: ${d.message}` : d.message;
}

export function formatDiagnostics(list: readonly Diagnostic[]): string {
  return list.map(formatDiagnostic).join('\n');
}

/** Appends a JSON path segment: keys that are not plain identifiers are quoted. */
export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  const plain = /^[A-Za-z_$][\w$]*$/.test(key);
  const seg = plain ? key : `[${JSON.stringify(key)}]`;
  if (!base) return plain ? key : seg;
  return plain ? `${base}.${key}` : `${base}${seg}`;
}

/** An id as a message quotes it: whole up to `max` characters, else its start and its length. */
export function quoteId(id: string, max = 60): string {
  return id.length <= max ? `"${id}"` : `"${id.slice(0, max)}…" (${id.length.toLocaleString('en-US')} characters)`;
}
