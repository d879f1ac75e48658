#!/usr/bin/env node
// Browser tests: every packages/*/test/**/*.browser.test.ts in real Chromium through @web/test-runner
// (web-test-runner.config.mjs). Finds Chromium (CHROME_PATH, else /usr/bin/chromium), installs Debian's
// package when it can (root + apt-get), runs the tests, and prints `browser tests: N passed, N failed` last.
// The totals come from the config's counting reporter, in .test-results/browser.json, which `npm test` reads.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);
const resultsFile = join('.test-results', 'browser.json');
const DEFAULT_CHROME = '/usr/bin/chromium';

function writeResults(totals) {
  mkdirSync('.test-results', { recursive: true });
  writeFileSync(resultsFile, `${JSON.stringify(totals)}\n`);
}

function fail(message) {
  console.error(message);
  writeResults({ passed: 0, failed: 1 });
  console.log('browser tests: 0 passed, 1 failed');
  process.exit(1);
}

function canInstallChromium() {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  return isRoot && spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
}

function findChromium() {
  if (process.env.CHROME_PATH) {
    if (existsSync(process.env.CHROME_PATH)) return process.env.CHROME_PATH;
    fail(`CHROME_PATH is set to ${process.env.CHROME_PATH}, but no file is there. Point it at a Chrome or Chromium binary.`);
  }
  if (existsSync(DEFAULT_CHROME)) return DEFAULT_CHROME;
  if (canInstallChromium()) {
    console.log('Chromium not found: installing Debian\'s chromium package (apt-get)…');
    const install = spawnSync('sh', ['-c', 'apt-get update && apt-get install -y --no-install-recommends chromium'], { stdio: 'inherit' });
    if (install.status === 0 && existsSync(DEFAULT_CHROME)) return DEFAULT_CHROME;
    fail('Installing chromium with apt-get failed. Install Chrome or Chromium yourself and set CHROME_PATH to its binary.');
  }
  fail(
    `No Chromium at ${DEFAULT_CHROME}, and it cannot be installed here (needs root and apt-get).\n` +
      'Install Chrome or Chromium and run again with CHROME_PATH set to its binary, e.g.\n' +
      '  CHROME_PATH=/usr/bin/google-chrome npm run test:browser',
  );
}

const chromePath = findChromium();
rmSync(resultsFile, { force: true });
const runner = join(root, 'node_modules', '.bin', 'web-test-runner');
const child = spawn(runner, ['--config', 'web-test-runner.config.mjs', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, CHROME_PATH: chromePath },
});
const code = await new Promise((resolve) => child.on('close', (exitCode) => resolve(exitCode ?? 1)));

let totals;
if (existsSync(resultsFile)) {
  totals = JSON.parse(readFileSync(resultsFile, 'utf8'));
  // A runner that failed without a failing test (a crash, a browser that did not start) still fails the run.
  if (code !== 0 && totals.failed === 0) totals.failed = 1;
} else {
  totals = { passed: 0, failed: 1 };
}
writeResults(totals);
console.log(`browser tests: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(code === 0 && totals.failed === 0 ? 0 : 1);
