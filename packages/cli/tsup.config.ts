import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {"index": "src/index.ts", "bin": "src/bin.ts"},
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: true,
  tsconfig: 'tsconfig.json',
});
