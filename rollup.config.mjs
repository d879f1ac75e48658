// One shared build for every package: an ESM bundle (one file per package, so no helpers leak into
// dist/node_modules) plus .d.ts files. Packages build in dependency order, since each later package reads the
// declarations of the ones before it from their dist/.
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import typescript from '@rollup/plugin-typescript';

const order = ['core', 'storage-testing', 'storage-dexie', 'storage-idb', 'elements'];
const only = process.env.CRMKIT_PACKAGES?.split(',');

function external(pkg) {
  const deps = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
  return (id) => id.startsWith('@crmkit/') || deps.some((dep) => id === dep || id.startsWith(`${dep}/`));
}

function entries(dir, pkg) {
  // Each exported subpath with a `source` condition is an entry (elements defines one per component).
  const inputs = {};
  for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
    if (typeof target !== 'object' || !target.source) continue;
    const name = subpath === '.' ? 'index' : target.default.replace(/^\.\/dist\//, '').replace(/\.js$/, '');
    inputs[name] = `packages/${dir}/${target.source.replace(/^\.\//, '')}`;
  }
  return inputs;
}

export default order
  .filter((dir) => existsSync(`packages/${dir}/package.json`) && (!only || only.includes(dir)))
  .map((dir) => {
    const pkg = JSON.parse(readFileSync(`packages/${dir}/package.json`, 'utf8'));
    return {
      input: entries(dir, pkg),
      external: external(pkg),
      output: { dir: `packages/${dir}/dist`, format: 'es', sourcemap: true, entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      plugins: [
        typescript({
          tsconfig: 'tsconfig.build.json',
          include: [resolve(`packages/${dir}/src/**/*.ts`)],
          exclude: ['**/*.test.ts'],
          compilerOptions: { rootDir: `packages/${dir}/src`, outDir: `packages/${dir}/dist`, declarationDir: `packages/${dir}/dist` },
          noEmitOnError: true,
        }),
      ],
      onwarn(warning, warn) {
        if (warning.code === 'CIRCULAR_DEPENDENCY') return;
        warn(warning);
      },
    };
  });
