import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { nodeBuiltinStubs } from './vite/node-builtin-stubs';

const src = (p: string) => fileURLToPath(new URL(`../../packages/${p}`, import.meta.url));

/**
 * The demo is a static site: `npm run build:site` writes `dist/` (index.html, the bundle, the
 * tfjs wasm binaries and `model/`), servable by any static web server. The `@rnn-nade/*`
 * packages resolve to their TypeScript sources, as in the repository's vitest config, so the
 * demo needs no prior `npm run build`.
 */
export default defineConfig({
  base: './',
  plugins: [nodeBuiltinStubs()],
  resolve: {
    alias: [
      { find: /^@rnn-nade\/core$/, replacement: src('core/src/index.ts') },
      { find: /^@rnn-nade\/estimator-nade$/, replacement: src('estimator-nade/src/index.ts') },
      { find: /^@rnn-nade\/data-midi$/, replacement: src('data-midi/src/index.ts') },
    ],
  },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    assetsInlineLimit: 0,
  },
  server: { host: '127.0.0.1' },
});
