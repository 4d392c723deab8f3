import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng, SequenceModel, initBackend } from '@rnn-nade/core';
import { createWordVectors } from '@rnn-nade/data-text';
import { rnade } from '@rnn-nade/estimator-rnade';
import { formatSentence, generateSentence, primerSequence } from './generate-sentences';

const WORDS = ['the', 'in', 'city', 'river', 'was', '.'];
const rng = new Rng(4);
const vectors = createWordVectors(
  WORDS,
  Float32Array.from({ length: WORDS.length * 3 }, () => rng.normal()),
  3,
);

beforeAll(async () => {
  await initBackend({ log: null });
});

describe('generateSentence', () => {
  it('turns a primer into its word vectors and rejects unknown words', () => {
    const p = primerSequence(' In  the ', vectors)!;
    expect(p.steps).toBe(2);
    expect(Array.from(p.data.subarray(0, 3))).toEqual(Array.from(vectors.matrix.subarray(3, 6)));
    expect(primerSequence('', vectors)).toBeUndefined();
    expect(() => primerSequence('in the zebra', vectors)).toThrow(/zebra/);
  });

  it('samples vectors, decodes each to a vocabulary word with its similarity, repeatably, without leaks', async () => {
    const before = tf.memory().numTensors;
    const model = SequenceModel.create({ encoder: { inputDim: 3, hidden: 5 }, estimator: rnade({ dim: 3, hidden: 4, components: 2, seed: 2 }), seed: 3 });
    const a = await generateSentence(model, vectors, { primer: 'in the', steps: 6, seed: 9 });
    const b = await generateSentence(model, vectors, { primer: 'in the', steps: 6, seed: 9 });
    const c = await generateSentence(model, vectors, { primer: 'in the', steps: 6, seed: 10 });
    expect(a).toEqual(b);
    expect(c.similarities).not.toEqual(a.similarities);
    expect(a.words).toHaveLength(6);
    for (const w of a.words) expect(WORDS).toContain(w);
    for (const s of a.similarities) expect(Math.abs(s)).toBeLessThanOrEqual(1);
    expect(formatSentence(a)).toMatch(/^\[in the\] (\S+\(-?\d\.\d\d\) ){5}\S+\(-?\d\.\d\d\)$/);
    const other = createWordVectors(['x'], new Float32Array(4), 4);
    await expect(generateSentence(model, other, { steps: 2 })).rejects.toThrow(/3-d frames/);
    model.estimator.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
