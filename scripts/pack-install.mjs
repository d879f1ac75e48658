#!/usr/bin/env node
// Pack-and-install test: what a host gets from npm, not what the workspace links. Packs every package with
// `npm pack`, installs the tarballs (with the lit and dexie peers) into a fresh project in the OS temp
// directory, outside the workspace, then checks them as a host would:
//   node       an ESM program: createCrm on the memory adapter, a contact with a Vietnamese name and phone
//   conformance @crmkit/storage-testing's suite on the memory adapter, through a tiny describe/it registrar
//   types      a TypeScript consumer type-checks against the installed .d.ts files (bundler and nodenext resolution)
//   browser    a page importing @crmkit/elements/lead-form.js and @crmkit/core (bundled by esbuild from the
//              installed packages) in Chromium: <crm-lead-form> upgrades and renders a form in its shadow root
// Builds nothing: run `npm run build` first. Prints `pack-install: <check> ok` or `FAILED <reason>` per check,
// then `pack-install: N passed, N failed`; writes .test-results/pack-install.json ({ passed, failed }).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { CHROME_FLAGS } from './dev-server-plugins.mjs';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);
const keep = process.argv.includes('--keep');
const results = { passed: 0, failed: 0, checks: [] };

function ok(check, detail = '') {
  results.passed += 1;
  results.checks.push({ check, ok: true, detail });
  console.log(`pack-install: ${check} ok${detail ? ` (${detail})` : ''}`);
}
function failed(check, reason) {
  results.failed += 1;
  results.checks.push({ check, ok: false, reason });
  console.log(`pack-install: ${check} FAILED ${reason}`);
}
const lastLines = (text, n = 15) => text.trim().split('\n').slice(-n).join('\n');

/** npm run from `npm test` passes its config through the environment; the temp project must not see it. */
const childEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^npm_(config_(workspaces?|include_workspace_root|local_prefix|prefix|global)|package_|lifecycle_)/i.test(key)),
);
const sh = (command, args, cwd, extra = {}) => spawnSync(command, args, { cwd, env: childEnv, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...extra });

const tmp = mkdtempSync(join(tmpdir(), 'crmkit-pack-install-'));
const tarballs = join(tmp, 'tarballs');
const app = join(tmp, 'app');
mkdirSync(tarballs);
mkdirSync(app);

const CHECKS = ['pack', 'install', 'node', 'conformance', 'types (bundler)', 'types (nodenext)', 'browser'];
async function main() {
  // Pack.
  const packed = {};
  for (const dir of readdirSync('packages').sort()) {
    const pkgDir = join(root, 'packages', dir);
    if (!existsSync(join(pkgDir, 'package.json'))) continue;
    const { name } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
    if (!existsSync(join(pkgDir, 'dist'))) return failed('pack', `${name} has no dist/ — run \`npm run build\` first`);
    const pack = sh('npm', ['pack', '--pack-destination', tarballs, '--json', '--ignore-scripts'], pkgDir);
    if (pack.status !== 0) return failed('pack', `npm pack ${name}: ${lastLines(pack.stderr, 3)}`);
    packed[name] = `file:../tarballs/${JSON.parse(pack.stdout)[0].filename}`;
  }
  ok('pack', Object.keys(packed).join(', '));

  // Install into a project that knows nothing of the workspace.
  const version = (name) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
  const manifest = {
    name: 'crmkit-pack-install',
    private: true,
    type: 'module',
    dependencies: { ...packed, lit: version('lit'), dexie: version('dexie') },
    // Each package depends on @crmkit/core by version: take it from the tarball, never from the registry.
    overrides: Object.fromEntries(Object.keys(packed).map((name) => [name, `$${name}`])),
  };
  writeFileSync(join(app, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const install = sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--no-package-lock', '--loglevel', 'error'], app);
  if (install.status !== 0) return failed('install', `npm install exited ${install.status}: ${lastLines(install.stderr)}`);
  const linked = Object.keys(packed).filter((name) => !existsSync(join(app, 'node_modules', name, 'dist')));
  if (linked.length > 0) return failed('install', `not installed from the tarballs: ${linked.join(', ')}`);
  const nested = sh('npm', ['ls', '@crmkit/core', '--all', '--parseable'], app).stdout.trim().split('\n').filter(Boolean);
  if (nested.length !== 1) return failed('install', `@crmkit/core installed ${nested.length} times: ${nested.join(', ')}`);
  ok('install', `${Object.keys(packed).length} tarballs + lit ${version('lit')}, dexie ${version('dexie')} in ${app}`);

  // (a) Node: the facade from the installed packages.
  writeFileSync(
    join(app, 'node-check.mjs'),
    `import assert from 'node:assert/strict';
import { createCrm, createMemoryAdapter, crmStorageSchema, CrmValidationError } from '@crmkit/core';
const storage = await createMemoryAdapter({ schema: crmStorageSchema });
const crm = createCrm({ storage, actor: { id: 'u-an', role: 'salesperson' } });
const created = await crm.contacts.create({ fullName: 'Nguyễn Thị Bích Ngọc', phones: [{ number: '0912 345 678', kind: 'mobile' }] });
const read = await crm.contacts.get(created.id);
assert.equal(read.fullName, 'Nguyễn Thị Bích Ngọc');
assert.equal(read.phones[0].number, created.phones[0].number);
assert.match(read.phones[0].number, /912\\s?345\\s?678$/);
await assert.rejects(crm.contacts.create({ fullName: '' }), CrmValidationError);
console.log(JSON.stringify({ id: read.id, fullName: read.fullName, phone: read.phones[0].number }));
`,
  );
  const nodeRun = sh(process.execPath, ['node-check.mjs'], app);
  if (nodeRun.status === 0) ok('node', nodeRun.stdout.trim());
  else failed('node', lastLines(nodeRun.stderr || nodeRun.stdout, 8));

  // Conformance: storage-testing registers with any describe/it; a tiny sequential runner is enough.
  writeFileSync(
    join(app, 'conformance.mjs'),
    `import { createMemoryAdapter, MemoryDatabase, crmStorageSchema } from '@crmkit/core';
import { runStorageConformance, entitySamples } from '@crmkit/storage-testing';
const tests = [];
const path = [];
const registrar = {
  describe(name, body) { path.push(name); try { body(); } finally { path.pop(); } },
  it(name, body) { tests.push({ name: [...path, name].join(' › '), body }); },
};
const databases = new Map();
runStorageConformance({
  name: 'memory',
  entities: { schema: crmStorageSchema, samples: entitySamples },
  capabilities: { persistent: true, multiTab: true },
  open: async (name, schema) => {
    const database = databases.get(name) ?? new MemoryDatabase();
    databases.set(name, database);
    return createMemoryAdapter({ schema, database });
  },
  destroy: async (name) => { databases.delete(name); },
}, registrar);
let failed = 0;
for (const test of tests) {
  try { await test.body(); } catch (error) { failed += 1; console.error('not ok ' + test.name + ': ' + (error?.message ?? error)); }
}
console.log(JSON.stringify({ tests: tests.length, failed }));
process.exit(failed === 0 && tests.length > 0 ? 0 : 1);
`,
  );
  const conformance = sh(process.execPath, ['conformance.mjs'], app);
  const counts = /\{"tests":(\d+),"failed":(\d+)\}/.exec(conformance.stdout);
  if (conformance.status === 0 && counts) ok('conformance', `memory adapter, ${counts[1]} tests`);
  else failed('conformance', counts ? `${counts[2]} of ${counts[1]} tests failed:\n${lastLines(conformance.stderr, 10)}` : lastLines(conformance.stderr || conformance.stdout, 8));

  // Types: a TypeScript host with Node's own resolution (the strictest for ESM packages).
  writeFileSync(
    join(app, 'consumer.ts'),
    `import { createCrm, createMemoryAdapter, crmStorageSchema, type Crm } from '@crmkit/core';
import { CrmLeadForm } from '@crmkit/elements/lead-form.js';
import { crmContext } from '@crmkit/elements';
import { createDexieAdapter } from '@crmkit/storage-dexie';
import { createIdbAdapter } from '@crmkit/storage-idb';
import { runStorageConformance } from '@crmkit/storage-testing';
const storage = await createMemoryAdapter({ schema: crmStorageSchema });
const crm: Crm = createCrm({ storage, actor: { id: 'u-an', role: 'salesperson' } });
const contact = await crm.contacts.create({ fullName: 'Nguyễn Thị Bích Ngọc', phones: [{ number: '0912 345 678', kind: 'mobile' }] });
export const fullName: string = contact.fullName;
const form: CrmLeadForm = document.createElement('crm-lead-form');
form.crm = crm;
export { crmContext, createDexieAdapter, createIdbAdapter, runStorageConformance };
`,
  );
  // Two hosts: a bundler's resolution (Vite, webpack, esbuild) and Node's own (nodenext), both checking every
  // .d.ts the packages ship (skipLibCheck false).
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  for (const [check, module, moduleResolution] of [
    ['types (bundler)', 'esnext', 'bundler'],
    ['types (nodenext)', 'nodenext', 'nodenext'],
  ]) {
    const config = `tsconfig.${moduleResolution}.json`;
    const compilerOptions = { target: 'es2022', module, moduleResolution, lib: ['es2022', 'dom', 'dom.iterable'], types: [], strict: true, noEmit: true, skipLibCheck: false };
    writeFileSync(join(app, config), `${JSON.stringify({ compilerOptions, files: ['consumer.ts'] }, null, 2)}\n`);
    const run = sh(process.execPath, [tsc, '-p', config], app);
    if (run.status === 0) ok(check, `tsc ${version('typescript')}, skipLibCheck false`);
    else failed(check, lastLines(run.stdout || run.stderr, 10).replace(/\n/g, ' | '));
  }

  // (b) Browser: <crm-lead-form> from the installed packages in Chromium.
  await browserCheck();
}

async function browserCheck() {
  writeFileSync(
    join(app, 'page.mjs'),
    `import { createCrm, createMemoryAdapter, crmStorageSchema } from '@crmkit/core';
import '@crmkit/elements/lead-form.js';
try {
  const storage = await createMemoryAdapter({ schema: crmStorageSchema });
  const crm = createCrm({ storage, actor: { id: 'u-an', role: 'salesperson' } });
  const form = document.createElement('crm-lead-form');
  form.crm = crm;
  document.body.append(form);
  await form.updateComplete;
  const Defined = customElements.get('crm-lead-form');
  const shadowForm = form.shadowRoot?.querySelector('form');
  window.__result = {
    defined: Boolean(Defined),
    upgraded: Boolean(Defined) && form instanceof Defined,
    shadowRoot: Boolean(form.shadowRoot),
    form: Boolean(shadowForm),
    fields: shadowForm ? shadowForm.querySelectorAll('input, select, textarea').length : 0,
  };
} catch (error) {
  window.__result = { error: String(error?.stack ?? error) };
}
`,
  );
  writeFileSync(join(app, 'index.html'), '<!doctype html><meta charset="utf-8"><title>crmkit pack-install</title><link rel="icon" href="data:,"><body><script type="module" src="./page.js"></script></body>\n');
  try {
    // esbuild resolves from the page's folder, so every import comes from the installed tarballs' exports.
    await build({ entryPoints: [join(app, 'page.mjs')], outfile: join(app, 'page.js'), bundle: true, format: 'esm', platform: 'browser', target: 'es2022', logLevel: 'silent', absWorkingDir: app });
  } catch (error) {
    return failed('browser', `esbuild could not bundle the page: ${String(error.message).split('\n').slice(0, 6).join(' ')}`);
  }

  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };
  const server = createServer((request, response) => {
    const file = join(app, new URL(request.url, 'http://x').pathname.replace(/^\/+/, '') || 'index.html');
    if (!file.startsWith(app) || !existsSync(file) || !types[extname(file)]) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': types[extname(file)] }).end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/index.html`;
  let browser;
  try {
    browser = await puppeteer.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', headless: true, args: CHROME_FLAGS });
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error.message ?? error)));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => window.__result !== undefined, { timeout: 30_000 });
    const result = await page.evaluate(() => window.__result);
    if (result.error) failed('browser', result.error.split('\n').slice(0, 4).join(' '));
    else if (!result.defined || !result.upgraded || !result.shadowRoot || !result.form) failed('browser', `<crm-lead-form> did not render: ${JSON.stringify(result)}`);
    else if (errors.length > 0) failed('browser', `page errors: ${errors.slice(0, 3).join(' | ')}`);
    else ok('browser', `<crm-lead-form> upgraded, shadow root with a form of ${result.fields} fields, Chromium ${(await browser.version()).replace(/^\D+/, '')}`);
  } catch (error) {
    failed('browser', String(error?.message ?? error).split('\n')[0]);
  } finally {
    await browser?.close();
    server.close();
  }
}

try {
  await main();
} catch (error) {
  failed('run', String(error?.stack ?? error).split('\n').slice(0, 4).join(' '));
} finally {
  // Checks never reached (a failed pack or install) count as failed, so the totals never hide them.
  for (const check of CHECKS) {
    if (!results.checks.some((c) => c.check === check)) failed(check, 'not run (an earlier check failed)');
  }
  if (keep) console.log(`pack-install: kept ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
}
mkdirSync('.test-results', { recursive: true });
writeFileSync(join('.test-results', 'pack-install.json'), `${JSON.stringify({ passed: results.passed, failed: results.failed, checks: results.checks }, null, 2)}\n`);
console.log(`pack-install: ${results.passed} passed, ${results.failed} failed`);
process.exit(results.failed === 0 ? 0 : 1);
