/**
 * Writes diagram positions into plant files that have none, with the editor's own auto-layout (elk,
 * layered, left to right): the base and every mode with units or routing of its own.
 *
 *   npx tsx flowsheets/layout.build.ts flowsheets/black-mass.json flowsheets/ndfeb-magnet.json
 *   npx tsx flowsheets/dual-feed.build.ts     (the dual-feed plant takes its positions from those two)
 *
 * The shipped plants carry their layout so that the editor draws them at once: laying out a plant
 * of a hundred units takes elk more than a second of CPU, which on a two-core machine would be
 * taken from the first solve. `--again` lays out a file that already has positions.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ELK from 'elkjs/lib/elk.bundled.js';
import { produce } from 'immer';
import type { FlowsheetDoc } from '../core';
import { registry } from '../unit-ops';
import { layoutAll, unplaced } from '../ui/layout/auto-layout';

/** The document with positions for its base and modes (unchanged when it has some, unless `again`). */
export async function withLayout(doc: FlowsheetDoc, again = false): Promise<FlowsheetDoc> {
  if (!again && !unplaced(doc)) return doc;
  const commands = await layoutAll(doc, registry, new ELK());
  return produce(doc, (draft) => void commands.forEach((c) => c.run(draft)));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const again = process.argv.includes('--again');
  for (const file of process.argv.slice(2).filter((a) => a !== '--again')) {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as FlowsheetDoc;
    const out = await withLayout(doc, again);
    if (out === doc) console.log(`${file}: has positions (--again to lay it out anew)`);
    else {
      writeFileSync(file, JSON.stringify(out, null, 2) + '\n');
      console.log(`${file}: laid out`);
    }
  }
}
