// Bundles the command line into node_modules/.cache/flexsheet/cli.mjs so that bin/flexsheet starts
// in a fraction of the time tsx needs to compile the TypeScript. Run by `npm install` / `npm ci`
// ("prepare"); bin/flexsheet falls back to tsx whenever the bundle is missing or older than the code.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
try {
  await build({
    entryPoints: [join(root, 'cli', 'main.ts')],
    outfile: join(root, 'node_modules', '.cache', 'flexsheet', 'cli.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    mainFields: ['module', 'main'],
    banner: { js: "import { createRequire as __flexsheetRequire } from 'node:module'; const require = __flexsheetRequire(import.meta.url);" },
    logLevel: 'warning',
  });
} catch (e) {
  // Not fatal: bin/flexsheet runs the TypeScript through tsx without the bundle.
  console.warn(`flexsheet: the command-line bundle was not built (${e.message}); bin/flexsheet will use tsx`);
}
