import { readFileSync, writeFileSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';

/**
 * The one build recipe of every published package: ESM + `.d.ts` + sourcemaps for Node 20,
 * built from the package's own tsconfig. Each package passes only its entry points. The packages
 * are ESM only: the build also writes `dist/esm-only.cjs`, which every `exports` entry names under
 * `require`, so that `require('@rnn-nade/...')` fails with a message saying to use `import()`.
 */
export function packageBuild(entry: Record<string, string>): ReturnType<typeof defineConfig> {
  const options: Options = {
    entry,
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    splitting: true,
    tsconfig: 'tsconfig.json',
    onSuccess: async () => writeEsmOnlyStub(),
  };
  return defineConfig(options);
}

/** Writes `dist/esm-only.cjs`: what CommonJS `require()` of this package gets (a clear error). */
function writeEsmOnlyStub(): void {
  const { name } = JSON.parse(readFileSync('package.json', 'utf8')) as { name: string };
  const message = `${name} is an ES module package (ESM only): load it with import() or a static import, not require().`;
  writeFileSync('dist/esm-only.cjs', `'use strict';\n// ${name} ships ES modules only.\nthrow new Error(${JSON.stringify(message)});\n`);
}
