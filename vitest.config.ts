import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * One root config for every workspace. Package names resolve to their TypeScript sources so
 * that all tests share one copy of each module (one estimator registry, one tfjs engine).
 */
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@rnn-nade\/core\/testing$/, replacement: src('./packages/core/src/testing/index.ts') },
      { find: /^@rnn-nade\/core\/node$/, replacement: src('./packages/core/src/node.ts') },
      { find: /^@rnn-nade\/core\/advanced$/, replacement: src('./packages/core/src/advanced.ts') },
      { find: /^@rnn-nade\/data-midi\/node$/, replacement: src('./packages/data-midi/src/node.ts') },
      { find: /^@rnn-nade\/data-text\/node$/, replacement: src('./packages/data-text/src/node.ts') },
      { find: /^@rnn-nade\/core$/, replacement: src('./packages/core/src/index.ts') },
      { find: /^@rnn-nade\/estimator-bernoulli$/, replacement: src('./packages/estimator-bernoulli/src/index.ts') },
      { find: /^@rnn-nade\/estimator-nade$/, replacement: src('./packages/estimator-nade/src/index.ts') },
      { find: /^@rnn-nade\/estimator-rnade$/, replacement: src('./packages/estimator-rnade/src/index.ts') },
      { find: /^@rnn-nade\/data-midi$/, replacement: src('./packages/data-midi/src/index.ts') },
      { find: /^@rnn-nade\/data-text$/, replacement: src('./packages/data-text/src/index.ts') },
      { find: /^@rnn-nade\/cli$/, replacement: src('./packages/cli/src/index.ts') },
    ],
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'examples/*/src/**/*.test.ts', 'docs/**/*.test.ts', 'scripts/**/*.test.ts', 'reliability/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // tests run in Node: every test file gets the Node capabilities (model folders, run folders,
    // worker threads) that `@rnn-nade/core/node` registers; browser-safety is checked by `npm run check:browser`
    setupFiles: ['./vitest.setup.ts'],
    typecheck: {
      enabled: true,
      include: ['packages/*/src/**/*.test-d.ts', 'examples/*/src/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
  },
});
