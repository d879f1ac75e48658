// @web/test-runner: every `packages/*/test/**/*.browser.test.ts` (and the demo portal's `examples/*/test/*.browser.test.js`) in Debian's Chromium (no browser download),
// TypeScript compiled on the fly by esbuild, and `@crmkit/*` resolved to their sources through the "source"
// export condition. A counting reporter writes `.test-results/browser.json` ({ passed, failed }) for the CI
// script (scripts/test-browser.mjs prints the closing line).
import { mkdirSync, writeFileSync } from 'node:fs';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { CHROME_FLAGS, servePlugins } from './scripts/dev-server-plugins.mjs';


function countTests(suite, totals) {
  if (!suite) return;
  for (const test of suite.tests) {
    if (test.skipped) continue;
    if (test.passed) totals.passed += 1;
    else totals.failed += 1;
  }
  for (const child of suite.suites) countTests(child, totals);
}

/** Totals of every test of the run; a test file that failed to load or threw outside a test counts as one failure. */
function countingReporter(outFile = '.test-results/browser.json') {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0 };
      for (const session of sessions) {
        const before = totals.failed;
        countTests(session.testResults, totals);
        if (totals.failed === before && (session.passed === false || session.errors.length > 0)) totals.failed += 1;
      }
      mkdirSync('.test-results', { recursive: true });
      writeFileSync(outFile, `${JSON.stringify(totals)}\n`);
    },
  };
}

export default {
  rootDir: '.',
  // packages/core/test/csp/ runs in the strict-csp group below, on pages of its own (`--files x` runs that group
  // too; add `--group default` to run x alone)
  // (and the demo portal's own tests, in plain JavaScript like the portal)
  files: ['packages/*/test/**/*.browser.test.ts', 'examples/*/test/*.browser.test.js', '!packages/core/test/csp/**'],
  groups: [
    {
      // pages whose Content-Security-Policy forbids eval from their first byte, as a strict host sets it: the
      // policy comes before the test framework's script (the runner's own inline config script precedes it)
      name: 'strict-csp',
      files: ['packages/core/test/csp/*.browser.test.ts'],
      testRunnerHtml: (testFramework) =>
        `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="script-src 'self'"></head><body><script type="module" src="${testFramework}"></script></body></html>`,
    },
  ],
  nodeResolve: { exportConditions: ['source', 'development'] },
  plugins: servePlugins(),
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: CHROME_FLAGS,
      },
    }),
  ],
  // Two cores shared with others: one test file at a time keeps IndexedDB timings sane.
  concurrency: 1,
  testsFinishTimeout: 300_000,
  browserStartTimeout: 60_000,
  testFramework: { config: { timeout: 30_000 } },
  reporters: [defaultReporter(), countingReporter()],
};
