import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend, SequenceModel } from '@rnn-nade/core';
import { writeToyCorpus } from './__fixtures__/toy-corpus';
import { runCaptured as run } from './__fixtures__/run-captured';

const dir = mkdtempSync(join(tmpdir(), 'rnn-nade-cli-cell-'));
const corpusFile = join(dir, 'toy.json');
writeToyCorpus(corpusFile);
const modelDir = join(dir, 'rnn');

beforeAll(async () => {
  await initBackend({ log: null });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rnn-nade train --cell rnn / eval --accuracy', () => {
  it('trains a plain-RNN encoder and saves cell "rnn" with encoder/rnn0/* weights', async () => {
    const r = await run(
      'train',
      '--dataset',
      corpusFile,
      '--estimator',
      'bernoulli',
      '--out',
      modelDir,
      '--epochs',
      '1',
      '--cell',
      'rnn',
      '--hidden',
      '8',
      '--batch-size',
      '4',
      '--quiet',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(join(modelDir, 'model.json'), 'utf8'));
    expect(json.model.encoder.cell).toBe('rnn');
    expect(json.weights.entries.map((e: { name: string }) => e.name)).toContain('encoder/rnn0/recurrentKernel');
    expect(json.model.encoder.inputSkip).toBeUndefined();
  });

  it('--input-skip saves inputSkip and a trained projection/skip/kernel of [inputDim, P]', async () => {
    const out = join(dir, 'skip');
    const args = ['--dataset', corpusFile, '--estimator', 'bernoulli', '--epochs', '2', '--hidden', '6', '--batch-size', '4', '--quiet'];
    const r = await run('train', ...args, '--out', out, '--input-skip');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8'));
    expect(json.model.encoder.inputSkip).toBe(true);
    const entry = json.weights.entries.find((e: { name: string }) => e.name === 'projection/skip/kernel');
    expect(entry.shape).toEqual([json.model.encoder.inputDim, json.model.paramSize]);
    const { model } = await SequenceModel.load(out);
    // it starts at zero and training moved it
    expect(Array.from(model.getWeights()['projection/skip/kernel']!.data).some((x) => Math.abs(x) > 1e-4)).toBe(true);
    model.dispose();
  });

  it('--input-skip-gate adds the gate [F, inputDim] + [inputDim]; without --input-skip it is a usage error', async () => {
    const out = join(dir, 'gated');
    const args = ['--dataset', corpusFile, '--estimator', 'bernoulli', '--epochs', '1', '--hidden', '6', '--batch-size', '4', '--quiet'];
    expect((await run('train', ...args, '--out', out, '--input-skip', '--input-skip-gate')).code).toBe(0);
    const json = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8'));
    expect(json.model.encoder.inputSkipGate).toBe(true);
    const shapes = Object.fromEntries(json.weights.entries.map((e: { name: string; shape: number[] }) => [e.name, e.shape]));
    expect(shapes['projection/skipGate/kernel']).toEqual([6, json.model.encoder.inputDim]);
    expect(shapes['projection/skipGate/bias']).toEqual([json.model.encoder.inputDim]);
    const bad = await run('train', ...args, '--out', join(dir, 'bad-gate'), '--input-skip-gate');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/set "inputSkip": true as well/);
  });

  it('eval --accuracy per-sequence reports that average, with both averages in --json', async () => {
    const args = ['eval', '--model', modelDir, '--dataset', corpusFile, '--split', 'test', '--samples', '3', '--json'];
    const pooled = JSON.parse((await run(...args)).out);
    const perSeq = JSON.parse((await run(...args, '--accuracy', 'per-sequence')).out);
    expect(pooled.accuracyAveraging).toBe('pooled');
    expect(perSeq.accuracyAveraging).toBe('per-sequence');
    expect(perSeq.accuracies).toEqual(pooled.accuracies);
    expect(pooled.accuracy).toBe(pooled.accuracies.pooled);
    expect(perSeq.accuracy).toBe(perSeq.accuracies.perSequence);
    const bad = await run('eval', '--model', modelDir, '--dataset', corpusFile, '--accuracy', 'mean');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/accuracy/);
  });
});
