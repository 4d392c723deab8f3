import { defineConfig, type Options } from 'tsup';

/**
 * The one build recipe of every published package: ESM + `.d.ts` + sourcemaps for Node 20,
 * built from the package's own tsconfig. Each package passes only its entry points.
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
  };
  return defineConfig(options);
}
