import * as tf from '@tensorflow/tfjs-core';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SequenceModel, initBackend } from '@rnn-nade/core';
import { readGloveVectors } from '@rnn-nade/data-text';
import '@rnn-nade/estimator-rnade';
import { DATA_FILES, LANGUAGE_EXPERIMENT, OUTPUTS, REPO_ROOT, dataDir } from './experiment-config';
import { generateSentence } from './generate-sentences';

const modelDir = join(REPO_ROOT, OUTPUTS.model);
const gloveFile = join(dataDir(), DATA_FILES.glove);

beforeAll(async () => {
  await initBackend({ log: null });
});

describe.runIf(existsSync(join(modelDir, 'model.json')))('the committed models/wikitext-rnn-rnade', () => {
  it('stores what decoding needs and the experiment σ_min', async () => {
    const before = tf.memory().numTensors;
    const { model, metadata } = await SequenceModel.load(modelDir);
    expect(model.encoderConfig.inputDim).toBe(50);
    expect(model.estimator.className).toBe('@rnn-nade/estimator-rnade>RNADE');
    expect(model.estimator.getConfig()).toMatchObject({ minSigma: LANGUAGE_EXPERIMENT.minSigma, hidden: LANGUAGE_EXPERIMENT.rnadeHidden });
    expect(metadata.data).toMatchObject({
      kind: 'text',
      dim: 50,
      vectors: { file: 'glove.6B.50d.5k.txt', dim: 50, words: 5050 },
      oov: 'skip',
      endOfSentence: null,
    });
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it.runIf(existsSync(gloveFile))('samples 12 word vectors that decode to vocabulary words close to their vectors', async () => {
    const vectors = await readGloveVectors(gloveFile);
    const { model } = await SequenceModel.load(modelDir);
    try {
      const s = await generateSentence(model, vectors, { primer: 'in the', steps: 12, seed: 1, temperature: 0.5 });
      expect(s.words).toHaveLength(12);
      for (const w of s.words) expect(vectors.index.has(w)).toBe(true);
      // a trained model samples near real word vectors: the mean nearest-word similarity is high
      const mean = s.similarities.reduce((a, b) => a + b, 0) / s.similarities.length;
      expect(mean).toBeGreaterThan(0.8);
    } finally {
      model.dispose();
    }
  });
});

const anchoredDir = join(REPO_ROOT, OUTPUTS.anchored);

describe.runIf(existsSync(join(anchoredDir, 'model.json')) && existsSync(gloveFile))('the committed anchored-mixture next-word model', () => {
  it('has one σ_min component at every GloVe vector, and its samples are vocabulary words (similarity ≈ 1)', async () => {
    const vectors = await readGloveVectors(gloveFile);
    const { model } = await SequenceModel.load(anchoredDir);
    try {
      expect(model.estimator.className).toBe('@rnn-nade/estimator-rnade>AnchoredMixture');
      expect(model.estimator.getConfig()).toEqual({ dim: 50, anchors: 5050, sigma: LANGUAGE_EXPERIMENT.minSigma });
      expect(model.getWeights()['estimator/anchors']!.data).toEqual(vectors.matrix);
      const s = await generateSentence(model, vectors, { primer: 'in the', steps: 12, seed: 1, temperature: 1 });
      expect(Math.min(...s.similarities)).toBeGreaterThan(0.9);
    } finally {
      model.dispose();
    }
  });
});
