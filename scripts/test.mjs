#!/usr/bin/env node
// `npm test`: every check a change must pass, in the order a failure is cheapest to find — typecheck, build,
// Node tests, browser tests (real Chromium), API docs with warnings as errors, publint on each package, attw on
// each packed package, size budgets, and the packed packages installed in a fresh project (pack-install).
// Prints the totals of all test runners as its last line: `N passed, N failed`. A failing step that is not a
// test runner (typecheck, build, docs, publint, attw, size) counts as one failure, so the line never hides it.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);
const resultsDir = '.test-results';
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

const totals = { passed: 0, failed: 0 };
const failedSteps = [];

function run(command, args, { capture = false, cwd } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit', env: process.env, cwd: cwd ?? root });
    let output = '';
    if (capture) {
      child.stdout.on('data', (chunk) => {
        output += chunk;
        process.stdout.write(chunk);
      });
    }
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

async function step(name, command, args, cwd) {
  console.log(`\n▶ ${name}`);
  const { code } = await run(command, args, { cwd });
  if (code !== 0) {
    totals.failed += 1;
    failedSteps.push(name);
    console.log(`✗ ${name} failed (exit ${code})`);
  } else {
    console.log(`✓ ${name}`);
  }
  return code === 0;
}

function findTests(dir, found = []) {
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) findTests(path, found);
    else if (entry.endsWith('.test.ts') && !entry.endsWith('.browser.test.ts')) found.push(path);
  }
  return found;
}

const bin = (name) => join(root, 'node_modules', '.bin', name);

await step('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
const built = await step('build', bin('rollup'), ['-c', 'rollup.config.mjs', '--silent']);
// The custom-elements manifest (attributes, events, parts, slots from JSDoc) for IDEs and frameworks.
if (existsSync('packages/elements/package.json')) {
  await step('custom-elements manifest', process.execPath, [
    join(root, 'node_modules', '@custom-elements-manifest', 'analyzer', 'cem.js'),
    'analyze', '--litelement', '--globs', 'src/base/crm-element.ts', 'src/components/**/*.component.ts', 'src/define/*.ts', '--outdir', '.', '--quiet',
  ], join(root, 'packages/elements'));
}

// Node tests: node:test over TypeScript through tsx; the packages resolve to their sources.
const nodeTests = readdirSync('packages').flatMap((pkg) => (existsSync(join('packages', pkg, 'test')) ? findTests(join('packages', pkg, 'test')) : [])).sort();
console.log(`\n▶ node tests (${nodeTests.length} files)`);
const nodeRun = await run(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', ...nodeTests], { capture: true });
const pass = Number(/^# pass (\d+)/m.exec(nodeRun.output)?.[1] ?? 0);
const fail = Number(/^# fail (\d+)/m.exec(nodeRun.output)?.[1] ?? 0);
const cancelled = Number(/^# cancelled (\d+)/m.exec(nodeRun.output)?.[1] ?? 0);
totals.passed += pass;
totals.failed += fail + cancelled;
if (nodeRun.code !== 0 && fail + cancelled === 0) {
  totals.failed += 1;
  failedSteps.push('node tests (runner)');
}
console.log(`node tests: ${pass} passed, ${fail + cancelled} failed`);

// Browser tests: real Chromium under @web/test-runner (installs Chromium when it can).
console.log('\n▶ browser tests');
const browserRun = await run(process.execPath, ['scripts/test-browser.mjs']);
const browserFile = join(resultsDir, 'browser.json');
if (existsSync(browserFile)) {
  const browser = JSON.parse(readFileSync(browserFile, 'utf8'));
  totals.passed += browser.passed;
  totals.failed += browser.failed;
  console.log(`browser tests: ${browser.passed} passed, ${browser.failed} failed`);
  if (browserRun.code !== 0 && browser.failed === 0) {
    totals.failed += 1;
    failedSteps.push('browser tests (runner)');
  }
} else {
  totals.failed += 1;
  failedSteps.push('browser tests (no results)');
}

if (built) {
  await step('api docs (typedoc, warnings are errors)', bin('typedoc'), ['--logLevel', 'Warn']);
  for (const pkg of readdirSync('packages').sort()) {
    if (existsSync(join('packages', pkg, 'package.json'))) await step(`publint ${pkg}`, bin('publint'), ['run', join('packages', pkg), '--strict']);
  }
  await step('attw on the packed packages', process.execPath, ['scripts/check-packages.mjs']);
  await step('size budgets', process.execPath, ['scripts/size.mjs']);
  // Pack and install: the tarballs in a fresh project, in Node and Chromium; each check counts in the totals.
  console.log('\n▶ pack and install');
  const packRun = await run(process.execPath, ['scripts/pack-install.mjs']);
  const packFile = join(resultsDir, 'pack-install.json');
  if (existsSync(packFile)) {
    const pack = JSON.parse(readFileSync(packFile, 'utf8'));
    totals.passed += pack.passed;
    totals.failed += pack.failed;
    if (packRun.code !== 0 && pack.failed === 0) {
      totals.failed += 1;
      failedSteps.push('pack and install (runner)');
    }
  } else {
    totals.failed += 1;
    failedSteps.push('pack and install (no results)');
  }
} else {
  failedSteps.push('docs, publint, attw, size and pack-install (skipped: build failed)');
  totals.failed += 1;
}

if (failedSteps.length > 0) console.log(`\nFailed steps: ${failedSteps.join(', ')}`);
const summary = `${totals.passed} passed, ${totals.failed} failed`;
writeFileSync(join(resultsDir, 'summary.txt'), `${summary}\n`);
console.log(`\n${summary}`);
process.exit(totals.failed === 0 && failedSteps.length === 0 ? 0 : 1);
