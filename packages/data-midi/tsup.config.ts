import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {"index": "src/index.ts", "preprocess-worker": "src/cache/preprocess-worker.ts"},
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: true,
  tsconfig: 'tsconfig.json',
});
