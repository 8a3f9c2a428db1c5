/**
 * Refuse, before building anything, a plant that would not fit in this process's heap: the estimate
 * is (streams + units) × species unknowns at about 600 bytes each (compiled plant, sparse system and
 * factors, results and their JSON), measured on generated plants of 1,000 to 20,000 units (bench/).
 */
import { getHeapStatistics } from 'node:v8';
import { FlexsheetError } from '../core';

const BYTES_PER_UNKNOWN = 600;

export function checkMemory(doc: unknown): void {
  if (doc === null || typeof doc !== 'object') return;
  const d = doc as { units?: object; streams?: object; species?: object };
  const count = (o: object | undefined) => (o && typeof o === 'object' ? Object.keys(o).length : 0);
  const units = count(d.units);
  const streams = count(d.streams);
  const species = count(d.species);
  const unknowns = (streams + units) * species;
  const needed = unknowns * BYTES_PER_UNKNOWN;
  const heap = getHeapStatistics();
  const available = heap.heap_size_limit - heap.used_heap_size;
  if (needed <= available) return;
  const gb = (b: number) => (b < 2 ** 30 ? `${Math.round(b / 2 ** 20)} MB` : `${(b / 2 ** 30).toFixed(1)} GB`);
  throw new FlexsheetError([
    {
      path: '(file)',
      message:
        `this plant (${units.toLocaleString('en-US')} units, ${streams.toLocaleString('en-US')} streams, ${species} species: about ${unknowns.toLocaleString('en-US')} unknowns) ` +
        `needs about ${gb(needed)} to solve, more than the ${gb(available)} this process may use. Give Node more memory ` +
        `(NODE_OPTIONS=--max-old-space-size=${Math.ceil((needed * 1.5) / 2 ** 20)}) or split the plant`,
    },
  ]);
}
