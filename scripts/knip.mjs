// Unused exports, files and dependencies (npm run knip, .ci/run): runs knip (knip.json) and fails
// on every finding except those listed in .ci/knip-known.json, which are left to the owners of
// their files and printed as such. A listed finding that knip no longer reports is printed too,
// to be dropped from the list; it does not fail.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './build.mjs';

const known = JSON.parse(readFileSync(join(root, '.ci', 'knip-known.json'), 'utf8'));
const knownKeys = new Set(Object.entries(known.findings).flatMap(([file, names]) => names.map((n) => `${file}: ${n}`)));

const knip = spawnSync(process.execPath, [join(root, 'node_modules', 'knip', 'bin', 'knip.js'), '--reporter', 'json', '--no-progress'], { cwd: root, encoding: 'utf8' });
let report;
try {
  report = JSON.parse(knip.stdout);
} catch {
  console.error(`knip did not report (exit ${knip.status}):\n${knip.stdout}${knip.stderr}`);
  process.exit(1);
}

const findings = [];
for (const issue of report.issues) {
  for (const [kind, items] of Object.entries(issue)) {
    if (!Array.isArray(items)) continue;
    for (const item of items) {
      const name = Array.isArray(item) ? item.map((d) => d.name).join('|') : item.name;
      findings.push({ key: `${issue.file}: ${name}`, text: `${kind.padEnd(12)} ${issue.file}${item.line ? `:${item.line}` : ''}  ${name}` });
    }
  }
}
const fresh = findings.filter((f) => !knownKeys.has(f.key));
const left = findings.filter((f) => knownKeys.has(f.key));
const gone = [...knownKeys].filter((k) => !findings.some((f) => f.key === k));

if (left.length) console.log(`knip: ${left.length} known findings left to their files' owners (.ci/knip-known.json):\n${left.map((f) => `  ${f.text}`).join('\n')}`);
if (gone.length) console.log(`knip: no longer reported, drop from .ci/knip-known.json:\n${gone.map((k) => `  ${k}`).join('\n')}`);
if (fresh.length) {
  console.error(`knip: ${fresh.length} new findings (remove the export, file or dependency, or use it):\n${fresh.map((f) => `  ${f.text}`).join('\n')}`);
  process.exit(1);
}
console.log('knip: no new unused exports, files or dependencies');
