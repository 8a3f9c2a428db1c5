// Builds the package into dist/: ESM JavaScript and bundled .d.ts for each entry of package.json's
// "exports", plus dist/cli.js, which bin/flexsheet runs in an installed package. Rolldown (the bundler under Vite) resolves the
// sources' extensionless relative imports, so nothing in dist/ has one; rolldown-plugin-dts bundles
// the declarations the TypeScript compiler emits for the same entries. Third-party packages stay
// imports (they are the package's "dependencies"), Node built-ins too.
//
//   node scripts/build.mjs          dist/: JavaScript and declarations (npm run build:package; npm
//                                   install, npm ci and npm pack run it as "prepare")
// It also builds the checkout's command line (buildCli, below), which bin/flexsheet runs.
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const outDir = join(root, 'dist');

/** Output name (dist/NAME.js, dist/NAME.d.ts) → source entry. The package's exports map these. */
export const entries = {
  index: 'index.ts',
  'unit-ops': 'unit-ops/index.ts',
  economics: 'core/economics/index.ts',
  reconcile: 'core/reconcile/index.ts',
  sparse: 'core/sparse/index.ts',
  cli: 'cli/main.ts',
};

/** Bare specifiers (packages, node: built-ins) are left to the runtime; relative ones are bundled. */
const bare = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');
/** `ajv/dist/standalone`: a path inside a package, as opposed to `ajv` or `node:fs`. */
const deepImport = (id) => /^(?:@[^/]+\/)?[^/:]+\/./.test(id);
const external = (id) => bare(id) && !deepImport(id);

/**
 * A deep import into a package that has no "exports" map (`ajv/dist/standalone`) may name a folder
 * or leave out the extension, which bundlers accept and Node's ESM loader refuses: it is kept
 * external, written as the file Node's resolution finds (`ajv/dist/standalone/index.js`).
 */
const deepImports = {
  name: 'flexsheet:deep-imports',
  resolveId(id) {
    if (!bare(id) || !deepImport(id)) return null;
    const pkg = id.startsWith('@') ? id.split('/').slice(0, 2).join('/') : id.split('/')[0];
    const manifest = requireFromRoot.resolve(`${pkg}/package.json`);
    if (JSON.parse(readFileSync(manifest, 'utf8')).exports) return { id, external: true };
    const file = relative(dirname(manifest), requireFromRoot.resolve(id)).split(sep).join('/');
    return { id: `${pkg}/${file}`, external: true };
  },
};
const requireFromRoot = createRequire(join(root, 'package.json'));

async function bundle(input, dir, plugins = []) {
  const { rolldown } = await import('rolldown');
  const build = await rolldown({ cwd: root, input, external, platform: 'node', plugins: [deepImports, ...plugins], logLevel: 'warn', checks: { pluginTimings: false } });
  try {
    await build.write({ dir, format: 'esm', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' });
  } finally {
    await build.close();
  }
}

/** Builds dist/ from scratch: every entry, with declarations. */
export async function buildPackage() {
  const { dts } = await import('rolldown-plugin-dts');
  await rm(outDir, { recursive: true, force: true });
  const input = Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, join(root, file)]));
  await bundle(input, outDir, [dts({ tsconfig: join(root, 'tsconfig.build.json') })]);
}

/**
 * Builds the command line alone, JavaScript only, as DIR/cli.js: into DIR.tmp-PID, renamed to DIR
 * (a call that loses the race to another one with the same sources drops its copy). Bundles of
 * other sources unused for an hour are removed.
 */
export async function buildCli(dir) {
  const tmp = `${dir}.tmp-${process.pid}`;
  await bundle({ cli: join(root, entries.cli) }, tmp);
  try {
    renameSync(tmp, dir);
  } catch {
    rmSync(tmp, { recursive: true, force: true });
  }
  const cache = dirname(dir);
  for (const name of readdirSync(cache)) {
    const other = join(cache, name);
    if (other !== dir && Date.now() - statSync(other).mtimeMs > 3_600_000) rmSync(other, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const start = performance.now();
  await buildPackage();
  const { bundleDir } = await import('./cli-bundle.mjs');
  const cli = bundleDir();
  if (!existsSync(join(cli, 'cli.js'))) await buildCli(cli);
  console.log(`flexsheet: built dist/ and the checkout's command line in ${((performance.now() - start) / 1000).toFixed(1)} s`);
}
