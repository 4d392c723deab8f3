import * as tf from '@tensorflow/tfjs-core';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ModelFileError, SequenceModel, decodeModelArtifacts, encodeModelArtifacts, initBackend, registerEstimator } from '@rnn-nade/core';
import { randomSequences, smallModel } from './__fixtures__/helpers';
import { LogisticEstimator } from './__fixtures__/logistic-estimator';

beforeAll(async () => {
  await initBackend({ log: null });
  registerEstimator({ className: '@rnn-nade/core-test>Logistic', fromConfig: (c) => new LogisticEstimator(c as { dim: number; withBias: boolean }) });
});

describe('SequenceModel.toArtifacts (in-memory model files, e.g. for IndexedDB)', () => {
  it('gives byte for byte the two files save() writes, and loads back to identical log-probs without leaking', async () => {
    const model = smallModel({ inputDim: 5, hidden: 6 });
    const dir = await mkdtemp(join(tmpdir(), 'rnn-nade-artifacts-'));
    try {
      const metadata = { data: { low: 21, stepsPerQuarter: 2 } };
      const before = tf.memory().numTensors;
      const artifacts = await model.toArtifacts({ metadata });
      expect(tf.memory().numTensors).toBe(before);
      await model.save(dir, { metadata });
      expect(artifacts.modelJson).toBe(await readFile(join(dir, 'model.json'), 'utf8'));
      expect((await readdir(dir)).sort()).toEqual(['model.json', artifacts.weightsFile].sort());
      expect(Buffer.from(artifacts.weights).equals(await readFile(join(dir, artifacts.weightsFile)))).toBe(true);

      const { model: copy, metadata: back } = SequenceModel.fromContents(await decodeModelArtifacts(artifacts.modelJson, artifacts.weights));
      expect(back).toEqual(metadata);
      const seqs = randomSequences(4, [7, 3], 5);
      const a = await model.evaluate(seqs);
      const b = await copy.evaluate(seqs);
      expect(b.logLikelihoodPerStep).toBe(a.logLikelihoodPerStep);
      copy.dispose();
    } finally {
      model.dispose();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses tensors whose values do not fill their shape', async () => {
    const error = await encodeModelArtifacts({}, { w: { shape: [2, 2], data: new Float32Array(3) } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelFileError);
    expect((error as ModelFileError).reason).toBe('SHAPE_MISMATCH');
  });
});
