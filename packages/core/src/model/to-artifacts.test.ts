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
  it('gives the files save() writes (same weights bytes, same document but the versioned file name), loads back to identical log-probs, leaks nothing', async () => {
    const model = smallModel({ inputDim: 5, hidden: 6 });
    const dir = await mkdtemp(join(tmpdir(), 'rnn-nade-artifacts-'));
    try {
      const metadata = { data: { low: 21, stepsPerQuarter: 2 } };
      const before = tf.memory().numTensors;
      const artifacts = await model.toArtifacts({ metadata });
      expect(tf.memory().numTensors).toBe(before);
      await model.save(dir, { metadata });
      const saved = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
      const mine = JSON.parse(artifacts.modelJson);
      expect(artifacts.weightsFile).toBe(`weights-${mine.weights.sha256.slice(0, 16)}.bin`);
      expect(saved.weights.file).toMatch(new RegExp(`^weights-${mine.weights.sha256.slice(0, 16)}-[0-9a-z]+\\.bin$`));
      const strip = (d: { weights: object; checksum?: unknown }) => ({ ...d, checksum: undefined, weights: { ...d.weights, file: undefined } });
      expect(strip(mine)).toEqual(strip(saved));
      expect(Buffer.from(artifacts.weights).equals(await readFile(join(dir, saved.weights.file)))).toBe(true);
      expect((await readdir(dir)).filter((f) => !f.startsWith('.')).sort()).toEqual(['model.json', saved.weights.file].sort());

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
