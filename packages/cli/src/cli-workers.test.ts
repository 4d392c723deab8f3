import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend, loadRunState } from '@rnn-nade/core/node';
import { runCli } from './main';
import { writeToyCorpus } from './__fixtures__/toy-corpus';

const dir = mkdtempSync(join(tmpdir(), 'rnn-nade-cli-workers-'));
const corpusFile = join(dir, 'toy.json');
writeToyCorpus(corpusFile);
const plugin = join(import.meta.dirname, '__fixtures__', 'toy-plugin.ts');

async function run(...argv: string[]) {
  let err = '';
  const code = await runCli(argv, { stdout: () => {}, stderr: (t) => (err += t), progressStream: { write: () => true } });
  return { code, err };
}

beforeAll(async () => {
  await initBackend({ log: null });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rnn-nade train --workers', () => {
  it('trains a --plugin estimator on 2 worker threads (the workers import the plugin) with the 1-worker loss curve', async () => {
    const common = ['--dataset', corpusFile, '--estimator', 'toy-plugin', '--plugin', plugin, '--epochs', '3', '--hidden', '8', '--batch-size', '4', '--quiet'];
    const one = await run('train', ...common, '--workers', '1', '--out', join(dir, 'one'));
    const two = await run('train', ...common, '--workers', '2', '--out', join(dir, 'two'));
    expect([one.err, two.err]).toEqual(['', '']);
    expect([one.code, two.code]).toEqual([0, 0]);
    const [a, b] = await Promise.all([loadRunState(join(dir, 'one/checkpoint.ckpt')), loadRunState(join(dir, 'two/checkpoint.ckpt'))]);
    const curve = (s: typeof a) => s!.history.epochs.map((e) => e.trainLoss);
    expect(curve(b)).toHaveLength(3);
    curve(b).forEach((loss, i) => {
      expect(Math.abs(loss - curve(a)[i]!)).toBeLessThan(1e-4);
    });
  }, 120_000);

  it('rejects a worker count that is not auto or a positive integer', async () => {
    const r = await run('train', '--dataset', corpusFile, '--estimator', 'bernoulli', '--out', join(dir, 'bad'), '--workers', '0');
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/--workers must be an integer in 1\.\.256, got "0"/);
  });
});
