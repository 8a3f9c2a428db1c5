/**
 * JSON written piece by piece: a result's top-level tables are written entry by entry, so a plant
 * whose output is larger than the longest string V8 can hold (about 512 MB) still prints. The text is
 * exactly what JSON.stringify would give.
 */
export function writeJson(value: unknown, write: (chunk: string) => void, depth = 2): void {
  if (depth <= 0 || value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    write(text === undefined ? 'null' : text);
    return;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    write(JSON.stringify(value));
    return;
  }
  if (Array.isArray(value)) {
    write('[');
    value.forEach((v, i) => {
      if (i) write(',');
      writeJson(v === undefined || typeof v === 'function' ? null : v, write, depth - 1);
    });
    write(']');
    return;
  }
  write('{');
  let first = true;
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined || typeof v === 'function') continue;
    write(`${first ? '' : ','}${JSON.stringify(k)}:`);
    first = false;
    writeJson(v, write, depth - 1);
  }
  write('}');
}

/** Collects chunks and hands them on in blocks of about 1 MB (fewer, larger writes). */
export function bufferedWriter(write: (chunk: string) => void, size = 1 << 20): { write(chunk: string): void; flush(): void } {
  let parts: string[] = [];
  let length = 0;
  return {
    write(chunk) {
      parts.push(chunk);
      length += chunk.length;
      if (length >= size) this.flush();
    },
    flush() {
      if (parts.length) write(parts.join(''));
      parts = [];
      length = 0;
    },
  };
}
