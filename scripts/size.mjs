#!/usr/bin/env node
// Size budgets: bundles each published entry with esbuild (minified, ES module, for browsers), gzips it
// (node:zlib, level 9) and compares with size-budgets.json at the repo root (bytes of gzip). Assumes
// `npm run build` ran: it bundles the packages' dist, which is what a host's bundler sees.
// Prints a table, writes .test-results/size.json, and exits non-zero when an entry is over its budget.
// `node scripts/size.mjs --update` rewrites the budgets to the measured sizes plus 15% headroom.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);
const budgetsFile = 'size-budgets.json';
const update = process.argv.includes('--update');
const HEADROOM = 1.15;

/** Lit in all its package names: a host bringing lit brings these. */
const litExternal = ['lit', 'lit/*', 'lit-html', 'lit-html/*', 'lit-element', 'lit-element/*', '@lit/reactive-element', '@lit/reactive-element/*'];

/** The elements' define entries, as the package exports them (`@crmkit/elements/lead-form.js`, ...). */
const elementsManifest = existsSync('packages/elements/package.json') ? JSON.parse(readFileSync('packages/elements/package.json', 'utf8')) : { exports: {} };
const elementDefines = Object.values(elementsManifest.exports ?? {})
  .map((target) => (typeof target === 'string' ? target : target.default))
  .filter((target) => typeof target === 'string' && target.startsWith('./dist/define/'))
  .map((target) => target.slice('./dist/define/'.length))
  .sort();

/** @type {{ name: string, entry: string, external: string[], includes: string }[]} */
const entries = [
  {
    name: 'core',
    entry: 'packages/core/dist/index.js',
    external: [],
    includes: 'all of @crmkit/core with its dependencies (zod, libphonenumber-js, papaparse, fflate)',
  },
  {
    name: 'storage-dexie',
    entry: 'packages/storage-dexie/dist/index.js',
    external: ['@crmkit/core', 'dexie'],
    includes: 'the adapter only (@crmkit/core and dexie external)',
  },
  {
    name: 'storage-idb',
    entry: 'packages/storage-idb/dist/index.js',
    external: ['@crmkit/core', 'idb'],
    includes: 'the adapter only (@crmkit/core and idb external)',
  },
  ...elementDefines.flatMap((file) => {
    const name = file.replace(/\.js$/, '');
    const entry = `packages/elements/dist/define/${file}`;
    return [
      {
        name: `elements/${name}`,
        entry,
        external: [...litExternal, '@crmkit/core'],
        includes: `@crmkit/elements/${file} with @lit/context (lit and @crmkit/core external)`,
      },
      {
        name: `elements/${name} (all-in)`,
        entry,
        external: [],
        includes: `@crmkit/elements/${file} with lit, @crmkit/core and every dependency`,
      },
    ];
  }),
];

for (const { entry } of entries) {
  if (!existsSync(entry)) {
    console.error(`size: ${entry} is missing — run \`npm run build\` first`);
    process.exit(1);
  }
}

const budgets = existsSync(budgetsFile) ? JSON.parse(readFileSync(budgetsFile, 'utf8')) : {};
const results = [];
for (const { name, entry, external, includes } of entries) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    external,
    write: false,
    logLevel: 'error',
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const code = result.outputFiles[0].contents;
  const gzip = gzipSync(code, { level: 9 }).length;
  results.push({ name, includes, minified: code.length, gzip, budget: budgets[name] ?? null });
}

if (update) {
  const next = {};
  for (const r of results) next[r.name] = Math.ceil((r.gzip * HEADROOM) / 100) * 100;
  writeFileSync(budgetsFile, `${JSON.stringify(next, null, 2)}\n`);
  for (const r of results) r.budget = next[r.name];
  console.log(`size: wrote ${budgetsFile} (measured gzip + ${Math.round((HEADROOM - 1) * 100)}%, rounded up to 100 B)`);
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
const rows = [['entry', 'minified', 'gzip', 'budget', 'status'], ...results.map((r) => [r.name, kb(r.minified), `${kb(r.gzip)} (${r.gzip} B)`, r.budget == null ? 'none' : `${kb(r.budget)} (${r.budget} B)`, r.budget == null ? 'NO BUDGET' : r.gzip > r.budget ? 'OVER' : 'ok'])];
const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
for (const [i, row] of rows.entries()) {
  console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
console.log('\nWhat each entry includes (esbuild, minified ESM for browsers, gzip level 9):');
for (const r of results) console.log(`  ${r.name}: ${r.includes}`);

mkdirSync('.test-results', { recursive: true });
writeFileSync(join('.test-results', 'size.json'), `${JSON.stringify({ entries: results }, null, 2)}\n`);

const over = results.filter((r) => r.budget == null || r.gzip > r.budget);
if (over.length > 0) {
  console.error('');
  for (const r of over) {
    console.error(r.budget == null ? `size: ${r.name} has no budget in ${budgetsFile} (gzip ${r.gzip} B)` : `size: ${r.name} is over budget: ${r.gzip} B gzip > ${r.budget} B budget (+${r.gzip - r.budget} B)`);
  }
  process.exit(1);
}
console.log(`\nsize: ${results.length} entries within budget`);
