import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bufferedWriter, writeJson } from './json-stream';

describe('writeJson', () => {
  it('writes exactly what JSON.stringify writes, at any depth of streaming', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 4 }), (value, depth) => {
        let text = '';
        const out = bufferedWriter((c) => (text += c), 7);
        writeJson(value, out.write.bind(out), depth);
        out.flush();
        expect(text).toBe(JSON.stringify(value));
      }),
    );
  });
});
