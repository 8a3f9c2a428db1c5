// Where bin/flexsheet keeps, in a checkout, the bundle of the command line for the sources as they
// are: node_modules/.cache/flexsheet/<hash>/cli.js, <hash> a digest of the contents of every file
// the command line is built from. Shared by bin/flexsheet (which builds a missing one) and
// scripts/build.mjs (which builds the current one at `npm install`, so the first call is quick too).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = ['core', 'unit-ops', 'cli', 'index.ts', 'package.json', join('scripts', 'build.mjs')];

/** Digest of the sources' paths and contents (tests aside): equal digests, equal bundles. */
export function sourceHash() {
  const hash = createHash('sha256');
  const add = (entry) => {
    const stat = statSync(entry, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const name of readdirSync(entry).sort()) add(join(entry, name));
    } else if (/\.(ts|tsx|mjs|json)$/.test(entry) && !/\.test\.tsx?$/.test(entry)) {
      hash.update(relative(root, entry)).update('\0').update(readFileSync(entry)).update('\0');
    }
  };
  SOURCES.forEach((p) => add(join(root, p)));
  return hash.digest('hex').slice(0, 16);
}

export const cacheDir = join(root, 'node_modules', '.cache', 'flexsheet');

/** The folder of the bundle for the sources as they are now. */
export const bundleDir = () => join(cacheDir, sourceHash());
