import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultsContext } from '../context';
import { ABLATION_DIR, render } from './14-ablation';

describe('ablation section', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'results-ablation-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });
  const ctx = (): ResultsContext => ({
    repoRoot: root,
    modelsDir: join(root, 'models'),
    docsDir: join(root, 'docs'),
    dataDir: undefined,
    backend: 'wasm',
    accuracySamples: 1,
    log: () => {},
  });

  it('says how to run the ablation when it has not been run', async () => {
    expect(await render(ctx())).toContain('Not run yet: `npm run ablation -w examples/polyphonic-benchmarks -- --minutes-per-run 20 --seeds 3`');
  });

  it("includes the ablation's table with the command it was run with", async () => {
    const dir = join(root, 'docs', ABLATION_DIR);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'ablation.md'), '| factor | setting |\n|---|---|\n| cell | plain RNN (tanh) |\n');
    await writeFile(
      join(dir, 'ablation.json'),
      JSON.stringify({ command: 'npm run ablation -w examples/polyphonic-benchmarks -- --minutes-per-run 7 --seeds 3' }),
    );
    const md = await render(ctx());
    expect(md).toContain('Reproduce: `npm run ablation -w examples/polyphonic-benchmarks -- --minutes-per-run 7 --seeds 3`');
    expect(md).toContain('| cell | plain RNN (tanh) |');
    expect(md).not.toContain('Not run yet');
  });
});
