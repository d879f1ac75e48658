#!/usr/bin/env node
// Checks what each package would publish, from its packed tarball: `npm pack` into a temporary directory, then
// @arethetypeswrong/cli (attw) on the .tgz with the `esm-only` profile (every package is ESM-only, so CommonJS
// `require` and node10 resolution are not goals). publint runs per package in `npm test` already (scripts/test.mjs),
// so it is not repeated here; pass `--publint` to run it on the tarballs as well.
// Assumes `npm run build` ran. Exits non-zero, naming the package and the problem, when anything is wrong.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);
const withPublint = process.argv.includes('--publint');
const bin = (name) => join(root, 'node_modules', '.bin', name);
/** The resolution kinds the `esm-only` profile leaves out (kept in step with attw's profile). */
const ignoredResolutions = new Set(['node10', 'node16-cjs']);

const packages = readdirSync('packages')
  .filter((dir) => existsSync(join('packages', dir, 'package.json')))
  .sort();
const tmp = mkdtempSync(join(tmpdir(), 'crmkit-check-'));
const problems = [];

try {
  for (const dir of packages) {
    const pkgDir = join(root, 'packages', dir);
    const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
    if (!existsSync(join(pkgDir, 'dist'))) {
      problems.push(`${manifest.name}: no dist/ — run \`npm run build\` first`);
      continue;
    }
    const pack = spawnSync('npm', ['pack', '--pack-destination', tmp, '--json', '--ignore-scripts'], { cwd: pkgDir, encoding: 'utf8' });
    if (pack.status !== 0) {
      problems.push(`${manifest.name}: npm pack failed: ${pack.stderr.trim().split('\n').pop()}`);
      continue;
    }
    const tarball = join(tmp, JSON.parse(pack.stdout)[0].filename);

    const attw = spawnSync(bin('attw'), [tarball, '--profile', 'esm-only', '--format', 'json'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    let report;
    try {
      report = JSON.parse(attw.stdout);
    } catch {
      problems.push(`${manifest.name}: attw did not run: ${(attw.stderr || attw.stdout).trim().split('\n').slice(0, 3).join(' ')}`);
      continue;
    }
    const entrypoints = Object.keys(report.analysis?.entrypoints ?? {});
    const found = Object.values(report.problems ?? {})
      .flat()
      .filter((problem) => !ignoredResolutions.has(problem.resolutionKind));
    if (attw.status !== 0 || found.length > 0) {
      const list = found.map((p) => `${p.kind} at "${p.entrypoint ?? '?'}" (${p.resolutionKind ?? 'any resolution'})`);
      problems.push(`${manifest.name}: attw found ${list.length || 'a'} problem(s): ${list.join('; ') || `exit ${attw.status}`}`);
      console.log(`check-packages: ${manifest.name} attw FAILED`);
      // The readable table for the one that failed.
      spawnSync(bin('attw'), [tarball, '--profile', 'esm-only'], { stdio: 'inherit' });
    } else {
      console.log(`check-packages: ${manifest.name} attw ok (esm-only; entrypoints ${entrypoints.join(', ')})`);
    }

    if (withPublint) {
      const publint = spawnSync(bin('publint'), ['run', tarball, '--strict'], { encoding: 'utf8' });
      if (publint.status !== 0) problems.push(`${manifest.name}: publint: ${publint.stdout.trim()}`);
      else console.log(`check-packages: ${manifest.name} publint ok`);
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

if (problems.length > 0) {
  console.error(`\ncheck-packages: ${problems.length} problem(s):`);
  for (const problem of problems) console.error(`  - ${problem}`);
  process.exit(1);
}
console.log(`check-packages: ${packages.length} packages ok`);
