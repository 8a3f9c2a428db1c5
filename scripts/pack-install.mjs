// Packs the package as `npm pack` would publish it and installs the tarball into an empty scratch
// folder, as a user would: shared by the pack test (scripts/pack.test.mjs) and its benchmark
// (scripts/bench-package.mjs). `npm pack` runs "prepare", which builds dist/.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './build.mjs';

const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Bytes under a folder. */
export function folderSize(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? folderSize(path) : entry.isFile() ? statSync(path).size : 0;
  }
  return total;
}

/**
 * Packs and installs. Returns the scratch folder, what npm pack reported (files, sizes) and the
 * installed tree (package paths, bytes of node_modules).
 */
export function packAndInstall() {
  const dir = mkdtempSync(join(tmpdir(), 'flexsheet-pack-'));
  const [pack] = JSON.parse(npm(['pack', '--json', '--pack-destination', dir], root).replace(/^[^[]*/s, ''));
  const tarball = join(dir, pack.filename);
  const project = join(dir, 'consumer');
  execFileSync('mkdir', [project]);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2));
  npm(['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], project);
  const packages = npm(['ls', '--all', '--parseable'], project).trim().split('\n').slice(1);
  return { dir, project, tarball, pack, packages, installedBytes: folderSize(join(project, 'node_modules')) };
}

/** Runs `npx flexsheet ARGS` in the consumer folder; returns the result and the wall time in s. */
export function npxFlexsheet(project, args) {
  const start = performance.now();
  const result = spawnSync('npx', ['--no-install', 'flexsheet', ...args], { cwd: project, encoding: 'utf8' });
  return { result, seconds: (performance.now() - start) / 1000 };
}
