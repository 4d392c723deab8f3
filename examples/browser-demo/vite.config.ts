import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const src = (p: string) => fileURLToPath(new URL(`../../packages/${p}`, import.meta.url));

/**
 * The demo is a static site of two pages, generating (`index.html`) and training in the browser
 * (`train.html`, with its Web Worker): `npm run build:site` writes `dist/` (the pages, the bundles, the
 * tfjs wasm binaries and `model/`), servable by any static web server. The `@rnn-nade/*`
 * packages resolve to their TypeScript sources, as in the repository's vitest config, so the
 * demo needs no prior `npm run build`.
 */
export default defineConfig({
  base: './',
  // The training page's Web Worker is bundled separately, as an ES module. No Node stubs: the
  // packages' main entries are browser-safe.
  worker: { format: 'es' },
  resolve: {
    alias: [
      { find: /^@rnn-nade\/core\/advanced$/, replacement: src('core/src/advanced.ts') },
      { find: /^@rnn-nade\/core$/, replacement: src('core/src/index.ts') },
      { find: /^@rnn-nade\/estimator-nade$/, replacement: src('estimator-nade/src/index.ts') },
      { find: /^@rnn-nade\/data-midi$/, replacement: src('data-midi/src/index.ts') },
    ],
  },
  build: {
    target: 'es2022',
    rollupOptions: { input: { generate: fileURLToPath(new URL('index.html', import.meta.url)), train: fileURLToPath(new URL('train.html', import.meta.url)) } },
    chunkSizeWarningLimit: 4096,
    assetsInlineLimit: 0,
  },
  server: { host: '127.0.0.1' },
});
