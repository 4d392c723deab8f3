import * as tf from '@tensorflow/tfjs-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, SequenceModel, initBackend, memoryModelIO, registerEstimator, resolveModelIO } from '@rnn-nade/core';
import { fileModelIO, fileRouter } from '@rnn-nade/core/node';
import { randomSequences, smallModel } from '../model/__fixtures__/helpers';
import { LogisticEstimator } from '../model/__fixtures__/logistic-estimator';
import { indexedDbModelIO, indexedDbRouter } from './indexed-db-model-io';
import { urlRouter } from './url-model-io';

beforeAll(async () => {
  await initBackend({ log: null });
  registerEstimator({ className: '@rnn-nade/core-test>Logistic', fromConfig: (c) => new LogisticEstimator(c as { dim: number; withBias: boolean }) });
});

describe('model I/O handlers', () => {
  it('memoryModelIO: save then load gives identical log-likelihoods and metadata; the store holds copies; no leak', async () => {
    const model = smallModel({ inputDim: 5, hidden: 6 });
    const store = memoryModelIO();
    const before = tf.memory().numTensors;
    await model.save(store, { metadata: { note: 'memory' } });
    expect(tf.memory().numTensors).toBe(before);
    const name = Object.keys(store.contents!.tensors)[0]!;
    store.contents!.tensors[name]!.data[0] = 1234; // mutating what the store shows does not change what it loads
    const { model: copy, metadata } = await SequenceModel.load(store);
    expect(metadata).toEqual({ note: 'memory' });
    const seqs = randomSequences(3, [6, 4], 5);
    expect((await copy.evaluate(seqs)).logLikelihoodPerStep).toBe((await model.evaluate(seqs)).logLikelihoodPerStep);
    copy.dispose();
    model.dispose();
  });

  it('a folder saved through fileModelIO loads by plain path with the same numbers', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rnn-nade-model-io-'));
    try {
      const model = smallModel({ inputDim: 4, hidden: 5 });
      await model.save(fileModelIO(dir));
      const { model: copy } = await SequenceModel.load(dir);
      const seqs = randomSequences(2, [5], 4);
      expect((await copy.evaluate(seqs)).logLikelihoodPerStep).toBe((await model.evaluate(seqs)).logLikelihoodPerStep);
      copy.dispose();
      model.dispose();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('routes strings by scheme', () => {
    expect(resolveModelIO('indexeddb://jsb').source).toBe('indexeddb://jsb');
    expect(resolveModelIO('https://example.org/m/').source).toBe('https://example.org/m/');
    expect(resolveModelIO('https://example.org/m/').save).toBeUndefined();
    expect(resolveModelIO('models/jsb').source).toBe('models/jsb');
    expect(fileRouter('file://models/jsb')?.source).toBe('models/jsb');
    expect(fileRouter('https://example.org/m')).toBeNull();
    expect(urlRouter('models/jsb')).toBeNull();
    expect(indexedDbRouter('models/jsb')).toBeNull();
  });

  it('a string no router takes is a ConfigError naming the node entry; a read-only target cannot be saved to', async () => {
    expect(() => resolveModelIO('s3://bucket/m')).toThrow(ConfigError);
    expect(() => resolveModelIO('s3://bucket/m')).toThrow(/@rnn-nade\/core\/node/);
    const model = smallModel({ inputDim: 3, hidden: 4 });
    await expect(model.save('https://example.org/m/')).rejects.toThrow(/read-only/);
    model.dispose();
  });

  it('indexedDbModelIO says where IndexedDB is missing (Node)', async () => {
    await expect(indexedDbModelIO('x').load!()).rejects.toThrow(/IndexedDB is not available/);
  });
});
