import { defineConfig } from 'vitest/config';
import root from '../../vitest.config';

/**
 * The browser end-to-end test (`npm run test:e2e -w examples/browser-demo`): the repository's
 * aliases (so the test can load the same model in Node with `@rnn-nade/core`), only the e2e file.
 * Run from the repository root (the script does `cd ../..`).
 */
export default defineConfig({
  resolve: root.resolve,
  test: {
    include: ['examples/browser-demo/e2e/**/*.e2e.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
