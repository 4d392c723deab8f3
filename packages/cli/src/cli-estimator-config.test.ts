import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '@rnn-nade/core';
import { writeToyCorpus } from './__fixtures__/toy-corpus';
import { runCaptured as run } from './__fixtures__/run-captured';

const dir = mkdtempSync(join(tmpdir(), 'rnn-nade-cli-config-'));
const corpusFile = join(dir, 'toy.json');
writeToyCorpus(corpusFile);
const train = (...flags: string[]) => run('train', '--dataset', corpusFile, '--out', join(dir, 'never'), '--epochs', '1', '--quiet', ...flags);

beforeAll(async () => {
  await initBackend({ log: null });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rnn-nade train: estimator config keys', () => {
  it('--estimator-hidden is refused for an estimator that declares no hidden units', async () => {
    const r = await train('--estimator', 'bernoulli', '--estimator-hidden', '20');
    expect(r.code).toBe(2);
    expect(r.err).toBe('rnn-nade train: --estimator-hidden: @rnn-nade/estimator-bernoulli>Bernoulli declares no "hidden" (its default config has "dim").\n');
  });

  it('a misspelt --estimator-config key is a typed error naming the key and the accepted ones', async () => {
    const r = await train('--estimator', 'nade', '--estimator-config', '{"hiden": 12}');
    expect(r.code).toBe(1);
    expect(r.err).toBe('rnn-nade train: error: NADE config has unknown key "hiden"; it accepts "dim", "hidden", "seed", "initScale".\n');
  });
});
