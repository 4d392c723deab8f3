import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { ResultsContext } from '../context';

/**
 * A scratch repository root for a results-section test: made before the suite's tests, removed
 * after them. `context()` is a quiet {@link ResultsContext} on it (models/ and docs/ inside, no
 * data folder, wasm, one accuracy sample), with any field overridden.
 *
 * @example
 * ```ts
 * const scratch = tempResultsRoot('results-ablation-');
 * it('renders', async () => expect(await render(scratch.context())).toContain('...'));
 * ```
 */
export function tempResultsRoot(prefix: string): { root: () => string; context: (overrides?: Partial<ResultsContext>) => ResultsContext } {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return {
    root: () => dir,
    context: (overrides = {}) => ({
      repoRoot: dir,
      modelsDir: join(dir, 'models'),
      docsDir: join(dir, 'docs'),
      dataDir: undefined,
      backend: 'wasm',
      accuracySamples: 1,
      log: () => {},
      ...overrides,
    }),
  };
}
