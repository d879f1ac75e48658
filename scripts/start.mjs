#!/usr/bin/env node
// `npm start`: builds the packages and serves the demo host page (examples/portal, or the smaller
// examples/basic until the UI kit exists) on http://localhost:8000 — the page stores its data in the
// browser's IndexedDB through the Dexie adapter.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { startDevServer } from '@web/dev-server';
import { servePlugins } from './dev-server-plugins.mjs';

process.chdir(new URL('..', import.meta.url).pathname);
const build = spawnSync(process.execPath, ['node_modules/rollup/dist/bin/rollup', '-c', 'rollup.config.mjs', '--silent'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
if (existsSync('examples/portal/build.mjs')) {
  const portal = spawnSync(process.execPath, ['examples/portal/build.mjs'], { stdio: 'inherit' });
  if (portal.status !== 0) process.exit(portal.status ?? 1);
}
const page = existsSync('examples/portal/index.html') ? 'examples/portal/' : 'examples/basic/';
const port = Number(process.env.PORT ?? 8000);
await startDevServer({
  config: {
    rootDir: process.cwd(),
    port,
    hostname: '127.0.0.1',
    nodeResolve: true,
    plugins: servePlugins({ typescript: false }),
  },
  readCliArgs: false,
  readFileConfig: false,
  logStartMessage: false,
});
console.log(`crmkit demo: http://127.0.0.1:${port}/${page}  (Ctrl+C to stop)`);
