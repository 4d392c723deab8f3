import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SequenceModel, initBackend, listEstimators, registerEstimator, train, type DataSpec } from '@rnn-nade/core';
import { randomSequences, smallModel } from './__fixtures__/helpers';
import { LogisticEstimator } from './__fixtures__/logistic-estimator';

let dir: string;
beforeAll(async () => {
  await initBackend({ log: null });
  dir = await mkdtemp(join(tmpdir(), 'rnn-nade-dataspec-'));
  if (!listEstimators().includes('@rnn-nade/core-test>Logistic')) {
    registerEstimator({ className: '@rnn-nade/core-test>Logistic', fromConfig: (c) => new LogisticEstimator(c as { dim: number; withBias: boolean }) });
  }
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const spec: DataSpec = { dataset: 'toy', stepsPerQuarter: 2, low: 60, high: 65, dim: 6 };
const data = { train: randomSequences(1, [5, 4], 6), valid: randomSequences(2, [4], 6), test: [], dataSpec: spec };

describe('data spec travels from the loaded data to the saved model', () => {
  it('train() copies data.dataSpec onto the model and save() stores it as metadata.data', async () => {
    const model = smallModel({ inputDim: 6, hidden: 3 });
    expect(model.dataSpec).toBeUndefined();
    await train(model, data, { epochs: 1, batchSize: 2, seed: 1, progress: 'none' });
    expect(model.dataSpec).toEqual(spec);
    await model.save(join(dir, 'm'), { metadata: { note: 'x' } });
    const stored = JSON.parse(await readFile(join(dir, 'm', 'model.json'), 'utf8')).metadata;
    expect(stored).toEqual({ data: spec, note: 'x' });
    const { model: loaded, metadata } = await SequenceModel.load(join(dir, 'm'));
    expect(metadata.data).toEqual(spec);
    expect(loaded.dataSpec).toEqual(spec);
    model.dispose();
    loaded.dispose();
  });

  it('metadata.data given to save() wins, and a model without a spec saves none', async () => {
    const model = smallModel({ inputDim: 6, hidden: 3 });
    await model.save(join(dir, 'none'));
    expect(JSON.parse(await readFile(join(dir, 'none', 'model.json'), 'utf8')).metadata).toEqual({});
    model.dataSpec = spec;
    await model.save(join(dir, 'own'), { metadata: { data: { dataset: 'mine', dim: 6 } } });
    expect(JSON.parse(await readFile(join(dir, 'own', 'model.json'), 'utf8')).metadata).toEqual({ data: { dataset: 'mine', dim: 6 } });
    model.dispose();
  });
});
