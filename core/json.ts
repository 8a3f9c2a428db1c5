/**
 * Reading a flowsheet file's JSON text with the limits every input is held to. A syntax error is
 * reported by line and column; a text that is too large or nested too deeply is refused before
 * anything recursive looks at it (the limits are in docs/format.md, "Limits").
 */
import { parse as parseJsonc, printParseErrorCode, type ParseError, type ParseErrorCode } from 'jsonc-parser';
import { FlexsheetError } from './diagnostics';

/** Largest flowsheet text read, in characters (about 256 MB of UTF-16). */
export const MAX_TEXT_LENGTH = 128 * 1024 * 1024;
/** Deepest nesting of objects and arrays in a flowsheet document. */
export const MAX_DEPTH = 64;

/** Parses JSON text, reporting the first syntax error by line and column. */
export function parseJsonText(text: string): unknown {
  if (text.length > MAX_TEXT_LENGTH) {
    throw new FlexsheetError([{ path: '(file)', message: `the file holds ${text.length.toLocaleString('en-US')} characters: the limit is ${MAX_TEXT_LENGTH.toLocaleString('en-US')}` }]);
  }
  const deep = firstTooDeep(text);
  if (deep >= 0) {
    throw new FlexsheetError([{ path: '(file)', message: `the file nests objects and arrays more than ${MAX_DEPTH} deep at ${lineColumn(text, deep)}: a flowsheet never needs that` }]);
  }
  try {
    return JSON.parse(text);
  } catch {
    const errors: ParseError[] = [];
    parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false });
    const first = errors[0];
    const where = first ? ` at ${lineColumn(text, first.offset)}: ${describeJsonError(first.error)}` : '';
    throw new FlexsheetError([{ path: '(file)', message: `the file is not valid JSON${where}` }]);
  }
}

/** Offset of the first bracket that opens level MAX_DEPTH + 1, or −1; strings are skipped. */
function firstTooDeep(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91 /* { [ */) {
      if (++depth > MAX_DEPTH) return i;
    } else if (c === 125 || c === 93 /* } ] */) depth--;
  }
  return -1;
}

/** The depth of a parsed value, walked without recursion; stops counting past `limit`. */
export function depthOf(value: unknown, limit = MAX_DEPTH): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    const depth = d + 1;
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return deepest;
    for (const child of Object.values(v as object)) stack.push([child, depth]);
  }
  return deepest;
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

function describeJsonError(code: ParseErrorCode): string {
  const name = printParseErrorCode(code);
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
