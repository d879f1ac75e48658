#!/usr/bin/env node
// `npm run bench`: runs every benchmark (scripts/bench/*.bench.ts), each ours vs a named peer in one process,
// then writes docs/benchmarks.md from their results. `npm run bench -- routes pricing` runs only those.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';

process.chdir(new URL('..', import.meta.url).pathname);
const wanted = process.argv.slice(2);
const benches = readdirSync('scripts/bench')
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.replace(/\.bench\.ts$/, ''))
  .filter((name) => wanted.length === 0 || wanted.includes(name))
  .sort();

// Benchmarks measure the built packages, as users get them.
const build = spawnSync(process.execPath, ['node_modules/rollup/dist/bin/rollup', '-c', 'rollup.config.mjs', '--silent'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const failures = [];
for (const name of benches) {
  console.log(`\n▶ bench ${name}`);
  const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', `scripts/bench/${name}.bench.ts`], {
    stdio: 'inherit',
    env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.bench.json' },
  });
  if (run.status !== 0) failures.push(name);
}

const results = existsSync('.bench-results')
  ? readdirSync('.bench-results').filter((file) => file.endsWith('.json')).sort().map((file) => JSON.parse(readFileSync(`.bench-results/${file}`, 'utf8')))
  : [];
const fmt = (value) => (value === null || value === undefined ? '—' : Math.abs(value) >= 100 ? String(Math.round(value)) : String(Math.round(value * 100) / 100));
const lines = [
  '# Benchmarks',
  '',
  'Written by `npm run bench`. Every benchmark runs our code and a named peer package side by side in one',
  'process, so the ratio holds even on a noisy machine. "Ratio" is oriented so that > 1 favours crmkit.',
  '',
];
for (const result of results) {
  lines.push(`## ${result.name}`, '', `Machine: ${result.machine}`, '', '| metric | ours | peer | peer package | unit | ratio | target | met |', '|---|---|---|---|---|---|---|---|');
  for (const row of result.rows) {
    lines.push(`| ${row.metric} | ${fmt(row.ours)} | ${fmt(row.peer)} | ${row.peerName} | ${row.unit} | ${fmt(row.ratio)} | ${row.target} | ${row.pass ? 'yes' : '**no**'} |`);
  }
  lines.push('');
}
mkdirSync('docs', { recursive: true });
writeFileSync('docs/benchmarks.md', `${lines.join('\n')}\n`);
console.log(`\nwrote docs/benchmarks.md (${results.length} benchmarks)`);
if (failures.length > 0) {
  console.log(`benchmarks that failed to run: ${failures.join(', ')}`);
  process.exit(1);
}
