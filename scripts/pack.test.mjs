// The package as a user gets it: `npm pack`, the tarball installed into an empty folder, the API
// imported from plain Node (every subpath of "exports"), a NodeNext TypeScript consumer
// type-checked against the shipped declarations, and `npx flexsheet solve` on a shipped plant.
// One pack, one install. Run by `npm run test:package` and .ci/run.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { root } from './build.mjs';
import { npxFlexsheet, packAndInstall } from './pack-install.mjs';

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
/** Installs that would bring the editor, the test oracles or a TypeScript runner to a CLI user. */
const NOT_AT_RUN_TIME = ['react', 'react-dom', '@xyflow/react', 'd3-sankey', 'elkjs', 'idb-keyval', 'immer', 'mathjs', 'ml-matrix', 'tsx', 'typescript', 'vite', 'vitest', 'fast-check'];
const mb = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;

let installed;
before(() => {
  installed = packAndInstall();
  const { pack, packages, installedBytes } = installed;
  console.log(`[package] npm pack: ${pack.entryCount} files, ${mb(pack.size)} packed, ${mb(pack.unpackedSize)} unpacked`);
  console.log(`[package] npm install of the tarball into an empty folder: ${packages.length} packages, ${mb(installedBytes)} in node_modules`);
});
after(() => rmSync(installed.dir, { recursive: true, force: true }));

test('the tarball holds the build, the command line and the plants, and no sources, tests or editor', () => {
  const files = installed.pack.files.map((f) => f.path);
  for (const target of Object.values(manifest.exports).flatMap((e) => (typeof e === 'string' ? [e] : Object.values(e)))) {
    assert.ok(files.includes(target.replace(/^\.\//, '')), `exports target ${target} is in the tarball`);
  }
  assert.ok(files.includes('bin/flexsheet') && files.includes('dist/cli.js') && files.includes('docs/format.md'));
  const strays = files.filter((f) => (/\.(ts|tsx)$/.test(f) && !f.endsWith('.d.ts')) || /(^|\/)(ui|tests|bench|core|cli|unit-ops)\//.test(f) || /\.test\./.test(f));
  assert.deepEqual(strays, [], 'no TypeScript sources, tests, benchmarks or editor files');
});

test('no JavaScript or declaration file in dist/ has an extensionless relative import', () => {
  const dist = installed.pack.files.map((f) => f.path).filter((f) => f.startsWith('dist/'));
  const specifier = /(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]*)['"]/g;
  for (const file of dist) {
    for (const [, spec] of readFileSync(join(installed.project, 'node_modules', 'flexsheet', file), 'utf8').matchAll(specifier)) {
      assert.match(spec, /\.(js|d\.ts)$/, `${file} imports "${spec}"`);
    }
  }
});

test('a CLI or library install brings no editor, test oracle or tsx', () => {
  const names = installed.packages.map((p) => p.split('node_modules/').pop());
  assert.deepEqual(names.filter((n) => NOT_AT_RUN_TIME.includes(n)), []);
  // pure-rand (no dependencies of its own) is the seeded generator behind `flexsheet study`.
  assert.deepEqual(Object.keys(manifest.dependencies).sort(), ['ajv', 'jsonc-parser', 'papaparse', 'pure-rand']);
});

test('plain Node imports every subpath and solves a shipped plant', () => {
  const script = `
    import { readFileSync } from 'node:fs';
    import { solve, run, compile, registry as coreRegistry, FlexsheetError } from 'flexsheet';
    import { registry } from 'flexsheet/unit-ops';
    import { economicsByMode, solveModes } from 'flexsheet/economics';
    import { chiSquareQuantile } from 'flexsheet/reconcile';
    import { CsrBuilder, solveSparse } from 'flexsheet/sparse';
    import schema from 'flexsheet/flowsheet.schema.json' with { type: 'json' };
    const plant = (name) => readFileSync(new URL(import.meta.resolve('flexsheet/package.json')).pathname.replace(/package\\.json$/, 'flowsheets/' + name), 'utf8');
    const r = solve(plant('black-mass.json'), { mode: 'nmc622' });
    const worst = Math.max(...Object.values(r.elements).map((e) => Math.abs(e.in - e.out) / Math.max(e.in, 1e-9)));
    const bad = run('{"format": "flexsheet/0"}');
    const dual = JSON.parse(plant('dual-feed.json'));
    const margins = economicsByMode(dual, solveModes(dual, (doc, mode) => solve(doc, { mode })));
    const A = new CsrBuilder(2); A.add(0, 0, 2); A.add(0, 1, 1); A.add(1, 1, 4);
    const x = solveSparse(A.build(), Float64Array.of(5, 8));
    console.log(JSON.stringify({
      streams: Object.keys(r.streams).length, worst, bad: bad.ok, error: new FlexsheetError([]) instanceof Error,
      same: registry === coreRegistry, types: registry.size, compiled: typeof compile(plant('ndfeb-magnet.json')).units,
      modes: Object.keys(margins), chi: chiSquareQuantile(0.95, 1), x: x.ok ? Array.from(x.x) : null, schema: schema.$schema !== undefined,
    }));`;
  writeFileSync(join(installed.project, 'use.mjs'), script);
  const out = JSON.parse(execFileSync('node', ['use.mjs'], { cwd: installed.project, encoding: 'utf8' }));
  assert.ok(out.streams > 10 && out.worst < 1e-9, `black-mass solved, elements balanced (${out.worst})`);
  assert.equal(out.bad, false);
  assert.equal(out.error, true);
  assert.equal(out.same, true, 'flexsheet and flexsheet/unit-ops share one registry');
  assert.ok(out.types >= 13);
  assert.equal(out.compiled, 'object');
  assert.deepEqual(out.modes.sort(), Object.keys(JSON.parse(readFileSync(join(root, 'flowsheets', 'dual-feed.json'), 'utf8')).modes).sort());
  assert.ok(Math.abs(out.chi - 3.841458820694124) < 1e-9, 'χ²(0.95, 1) = 1.959964² (normal quantile)');
  assert.deepEqual(out.x, [1.5, 2], '2·1.5 + 2 = 5, 4·2 = 8');
  assert.equal(out.schema, true);
});

test('a TypeScript consumer with module/moduleResolution NodeNext type-checks against the declarations', () => {
  const { project } = installed;
  writeFileSync(join(project, 'use.ts'), `
    import { solve, type FlowsheetResults, type FlowsheetDoc, type UnitType } from 'flexsheet';
    import { registry } from 'flexsheet/unit-ops';
    import { economicsByMode, type ModeEconomics } from 'flexsheet/economics';
    import { reconcileRuns, type ReconciledRun } from 'flexsheet/reconcile';
    import { solveSparse, type CsrMatrix } from 'flexsheet/sparse';
    const results: FlowsheetResults = solve({ format: 'flexsheet/1' } satisfies Partial<FlowsheetDoc>);
    const kinds: string[] = [...registry.values()].map((t: UnitType<never> | { type: string }) => t.type);
    const margins: Record<string, ModeEconomics> = economicsByMode({} as FlowsheetDoc, { base: results });
    const runs: (doc: unknown, csv: string) => ReconciledRun[] = (doc, csv) => reconcileRuns(doc, registry, csv);
    const A: CsrMatrix = { n: 0, rowPtr: new Int32Array(1), colIdx: new Int32Array(0), values: new Float64Array(0) };
    const ok: boolean = solveSparse(A, new Float64Array(0)).ok;
    // @ts-expect-error the declarations are typed: solve takes options, not a number
    solve('{}', 3);
    export { kinds, margins, runs, ok };
  `);
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', lib: ['ES2023'], types: [], strict: true, noEmit: true, skipLibCheck: false }, files: ['use.ts'] }));
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    execFileSync('node', [tsc, '-p', project], { cwd: project, encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    assert.fail(`tsc on a NodeNext consumer:\n${e.stdout}${e.stderr}`);
  }
});

test('npx flexsheet solve runs the built command line on a shipped plant', () => {
  const { project } = installed;
  const plant = join('node_modules', 'flexsheet', 'flowsheets', 'black-mass.json');
  const text = npxFlexsheet(project, ['solve', plant, '--mode', 'nmc622']);
  assert.equal(text.result.status, 0, text.result.stderr);
  assert.match(text.result.stdout, /Streams \(kg\/h\)/);
  const json = npxFlexsheet(project, ['solve', plant, '--mode', 'nmc622', '--json']);
  assert.equal(json.result.status, 0, json.result.stderr);
  assert.ok(Object.keys(JSON.parse(json.result.stdout).streams).length > 10);
  const bad = npxFlexsheet(project, ['solve', 'missing.json']);
  assert.equal(bad.result.status, 1);
  assert.match(bad.result.stderr, /^error: /);
  console.log(`[bench] npx flexsheet solve ${plant} --mode nmc622 (installed tarball, whole process): ${text.seconds.toFixed(2)} s; with --json ${json.seconds.toFixed(2)} s (aim: under 1 s)`);
});
