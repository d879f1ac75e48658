// The plugins every page of this repo is served with (browser tests, benchmarks, `npm start`), in one place.
import commonjs from '@rollup/plugin-commonjs';
import { fromRollup } from '@web/dev-server-rollup';
import { esbuildPlugin } from '@web/dev-server-esbuild';

const commonjsPlugin = fromRollup(commonjs);

/**
 * Chromium's flags for tests and benchmarks here: root needs --no-sandbox, and a closed network refuses
 * Chromium's background connections, so those are switched off.
 */
export const CHROME_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Dexie's `import` entry wraps its UMD build, which an unbundled ES module server cannot serve. */
function dexieEsm() {
  return {
    name: 'dexie-esm',
    resolveImport({ source }) {
      return source === 'dexie' ? '/node_modules/dexie/dist/dexie.mjs' : undefined;
    },
  };
}

/**
 * Plugins for @web/dev-server and @web/test-runner: TypeScript through esbuild (with a tsconfig that has no
 * `extends`, which the plugin would ignore), Dexie's real ES module, and CommonJS-only dependencies
 * (papaparse) turned into ES modules.
 * @param {{ typescript?: boolean }} options
 */
export function servePlugins({ typescript = true } = {}) {
  return [
    ...(typescript ? [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.browser.json', target: 'es2022' })] : []),
    dexieEsm(),
    // papaparse requires Node's `stream` only inside its Node-only duplex stream: leave that require alone.
    commonjsPlugin({ include: ['**/node_modules/papaparse/**'], ignore: ['stream'], strictRequires: false }),
  ];
}
