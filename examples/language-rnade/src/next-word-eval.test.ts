import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SequenceModel, initBackend } from '@rnn-nade/core';
import { createWordVectors } from '@rnn-nade/data-text';
import { anchoredMixture } from '@rnn-nade/estimator-rnade';
import { rankBigram, rankIndependent, rankSequenceModel, rankUnigram, samplePositions } from './next-word-eval';
import { createIndependentRnade } from './independent-rnade';
import { BigramModel, countNgrams } from './ngram-baselines';
import { vocabularyLogDensities } from './vocabulary-density';

beforeAll(async () => {
  await initBackend({ log: null });
});

// vocabulary of 4 words in 2-d, far apart (σ = 0.1: neighbours do not matter)
const vectors = createWordVectors(['a', 'b', 'c', 'd'], Float32Array.from([0, 0, 3, 0, 0, 3, 3, 3]), 2);
const sentences = [Int32Array.from([0, 1, 0, 2]), Int32Array.from([1, 0, 3])];

describe('n-gram baselines rank the toy corpus', () => {
  it('unigram: counts a 3, b 2, c 1, d 1 → ranks 1, 2, 3.5 (c and d tied)', () => {
    const r = rankUnigram(countNgrams(sentences, 4), sentences);
    // targets a b a c | b a d → ranks 1 2 1 3.5 | 2 1 3.5
    expect(r.positions).toBe(7);
    expect(r.top1).toBeCloseTo(3 / 7, 12);
    expect(r.top10).toBe(1);
    expect(r.mrr).toBeCloseTo((3 + 2 / 2 + 2 / 3.5) / 7, 12);
  });

  it('bigram (δ = 0.5): ranks worked out by hand from the interpolated probabilities', () => {
    // unigram add-one: a 4/11, b 3/11, c 2/11, d 2/11.
    // <s> (a 1, b 1; backoff 0.5): a 0.432 > b 0.386 > c = d.  a (b 1, c 1, d 1; backoff 0.5): b 0.303 > c = d 0.258 > a.
    // b (a 2; backoff 0.25): a first.  Targets a b a c | b a d → ranks 1 1 1 2.5 | 2 1 2.5
    const r = rankBigram(new BigramModel(countNgrams(sentences, 4), 0.5), sentences);
    expect(r.positions).toBe(7);
    expect(r.top1).toBeCloseTo(4 / 7, 12);
    expect(r.top10).toBe(1);
    expect(r.mrr).toBeCloseTo((4 + 2 / 2.5 + 1 / 2) / 7, 12);
  });
});

describe('model ranking with known densities', () => {
  it('an anchored-mixture model with a constant query ranks words by bias + anchor · q at every position', () => {
    const est = anchoredMixture({ dim: 2, anchors: 4, sigma: 0.1 }, { anchors: vectors.matrix });
    const model = SequenceModel.create({ encoder: { inputDim: 2, hidden: 3 }, estimator: est, seed: 1 });
    tf.tidy(() => {
      model.variables['projection/output/kernel']!.assign(tf.zeros([3, 2]));
      model.variables['projection/output/bias']!.assign(tf.tensor1d([1, 0])); // q = (1, 0): logits 0, 3, 0, 3 + bias
      est.weights.bias.assign(tf.tensor1d([1, 0, -1, -0.5])); // logits a 1, b 3, c -1, d 2.5 → order b, d, a, c
    });
    const before = tf.memory().numTensors;
    const seqs = sentences.map((s) => ({
      steps: s.length,
      dim: 2,
      data: Float32Array.from([...s].flatMap((w) => [...vectors.matrix.subarray(2 * w, 2 * w + 2)])),
    }));
    const r = rankSequenceModel(model, vectors, seqs, sentences);
    // targets a b a c | b a d → ranks 3 1 3 4 | 1 3 2
    expect(r.positions).toBe(7);
    expect(r.top1).toBeCloseTo(2 / 7, 12);
    expect(r.mrr).toBeCloseTo((1 / 3 + 1 + 1 / 3 + 1 / 4 + 1 + 1 / 3 + 1 / 2) / 7, 12);
    // the general per-row path (broadcast params, one logProb per row) agrees with the anchored fast path
    const vocab = tf.tensor2d(vectors.matrix, [4, 2]);
    const fast = vocabularyLogDensities(est, Float32Array.from([1, 0]), 1, vocab);
    const slow = tf.tidy(() => est.logProb(tf.tensor2d([1, 0, 1, 0, 1, 0, 1, 0], [4, 2]), vocab).arraySync());
    for (let i = 0; i < fast.length; i++) expect(fast[i]).toBeCloseTo(slow[i]!, 3);
    vocab.dispose();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('the frame-independent RNADE ranks every position against one density row', () => {
    const indep = createIndependentRnade({ dim: 2, hidden: 3, components: 2, seed: 1, minSigma: 0.1 });
    const vocab = tf.tensor2d(vectors.matrix, [4, 2]);
    const row = vocabularyLogDensities(indep.estimator, indep.params.dataSync() as Float32Array, 1, vocab);
    vocab.dispose();
    const order = [0, 1, 2, 3].sort((x, y) => row[y]! - row[x]!);
    const rankOf = (w: number) => order.indexOf(w) + 1;
    const r = rankIndependent(indep, vectors, sentences);
    const expected = [0, 1, 0, 2, 1, 0, 3].reduce((a, w) => a + 1 / rankOf(w), 0) / 7;
    expect(r.mrr).toBeCloseTo(expected, 12);
    indep.dispose();
  });

  it('scores several rows of params in one block exactly as row by row', () => {
    const indep = createIndependentRnade({ dim: 2, hidden: 3, components: 2, seed: 1, minSigma: 0.1 });
    const P = indep.estimator.paramSize;
    const base = indep.params.dataSync() as Float32Array;
    const params = new Float32Array(3 * P);
    for (let r = 0; r < 3; r++) for (let i = 0; i < P; i++) params[r * P + i] = base[i]! + 0.3 * Math.sin(1 + r * P + i);
    const vocab = tf.tensor2d(vectors.matrix, [4, 2]);
    const before = tf.memory().numTensors;
    const block = vocabularyLogDensities(indep.estimator, params, 3, vocab);
    expect(tf.memory().numTensors).toBe(before);
    for (let r = 0; r < 3; r++) {
      const one = vocabularyLogDensities(indep.estimator, params.subarray(r * P, (r + 1) * P), 1, vocab);
      for (let w = 0; w < 4; w++) expect(block[r * 4 + w]).toBeCloseTo(one[w]!, 5);
    }
    expect(new Set(Array.from(block.subarray(0, 4))).size).toBe(4);
    expect(block[0]).not.toBeCloseTo(block[4]!, 3); // the rows differ
    vocab.dispose();
    indep.dispose();
  });
});

describe('samplePositions', () => {
  it('takes whole random sentences (seeded) until enough positions, or everything', () => {
    const ids = [3, 5, 2, 4, 6].map((n) => new Int32Array(n));
    expect(samplePositions(ids)).toEqual({ sentences: [0, 1, 2, 3, 4], positions: 20 });
    const a = samplePositions(ids, { maxPositions: 7, seed: 2 });
    expect(a).toEqual(samplePositions(ids, { maxPositions: 7, seed: 2 }));
    expect(a.positions).toBeGreaterThanOrEqual(7);
    expect(a.positions).toBe(a.sentences.reduce((s, i) => s + ids[i]!.length, 0));
    expect(a.sentences.length).toBeLessThan(5);
  });
});
