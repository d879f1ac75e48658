// Runs a benchmark module inside real Chromium: serves the repo with @web/dev-server (TypeScript through
// esbuild, packages resolved to their sources), opens a page that imports the module, and returns what the
// module's `run()` resolves to.
import { startDevServer } from '@web/dev-server';
// @ts-expect-error -- a plain .mjs module without types
import { CHROME_FLAGS, servePlugins } from '../dev-server-plugins.mjs';
import { existsSync } from 'node:fs';
import puppeteer from 'puppeteer-core';


/** Finds Chromium: CHROME_PATH, else Debian's /usr/bin/chromium. */
export function chromePath(): string {
  const path = process.env['CHROME_PATH'] ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(`Chromium not found at ${path}: install it (apt-get install chromium) or set CHROME_PATH to a Chrome/Chromium binary.`);
  }
  return path;
}

/** Serves the repo, opens `modulePath` (relative to the repo root) in Chromium and returns `run()`'s result. */
export async function runInChromium<T>(modulePath: string, timeoutMs = 600_000): Promise<T> {
  const server = await startDevServer({
    config: {
      rootDir: process.cwd(),
      port: 0,
      nodeResolve: { exportConditions: ['source', 'development'] },
      plugins: servePlugins(),
    },
    readCliArgs: false,
    readFileConfig: false,
    logStartMessage: false,
  });
  const port = (server.server?.address() as { port: number }).port;
  const browser = await puppeteer.launch({ executablePath: chromePath(), headless: true, args: [...CHROME_FLAGS, '--js-flags=--expose-gc'], protocolTimeout: timeoutMs });
  try {
    const page = await browser.newPage();
    page.on('console', (message) => console.log(`[chromium] ${message.text()}`));
    page.on('pageerror', (error) => console.error(`[chromium error] ${String(error)}`));
    await page.goto(`http://127.0.0.1:${port}/scripts/bench/blank.html`);
    const result = await page.evaluate(async (path: string) => {
      const module = await import(path);
      return module.run();
    }, `/${modulePath}`);
    return result as T;
  } finally {
    await browser.close();
    await server.stop();
  }
}
