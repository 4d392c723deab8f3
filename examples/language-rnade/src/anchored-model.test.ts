import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '@rnn-nade/core';
import { createWordVectors } from '@rnn-nade/data-text';
import { createAnchoredModel } from './anchored-model';
import { anchoredModelCard, nextWordTable } from './anchored-model-card';
import type { NextWordReport } from './next-word-report';

beforeAll(async () => {
  await initBackend({ log: null });
});

describe('createAnchoredModel', () => {
  it('puts one component at every word vector and starts its weights at the add-one unigram frequencies', () => {
    const vectors = createWordVectors(['a', 'b', 'c'], Float32Array.from([0, 0, 3, 0, 0, 3]), 2);
    const before = tf.memory().numTensors;
    const model = createAnchoredModel(vectors, { lstmHidden: 4, sigma: 0.1, trainIds: [Int32Array.from([0, 0, 1])], seed: 1 });
    const w = model.getWeights();
    expect(Array.from(w['estimator/anchors']!.data)).toEqual([0, 0, 3, 0, 0, 3]);
    // counts 2, 1, 0 → (c + 1) / (3 + 3)
    expect(Array.from(w['estimator/bias']!.data).map(Math.exp)).toEqual([3 / 6, 2 / 6, 1 / 6].map((p) => expect.closeTo(p, 6)));
    expect(model.estimator.getConfig()).toEqual({ dim: 2, anchors: 3, sigma: 0.1 });
    expect(Math.max(...Array.from(w['projection/output/bias']!.data).map(Math.abs))).toBe(0);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('anchored model card', () => {
  const s = (top1: number, mrr: number) => ({ positions: 10, top1, top10: 0.5, mrr });
  const report: NextWordReport = {
    positions: 10,
    sentences: 2,
    unigram: s(0.1, 0.15),
    bigram: s(0.2, 0.25),
    unigramAll: s(0.1, 0.15),
    bigramAll: s(0.2, 0.25),
    bigramDiscount: 0.8,
    models: [{ label: 'LSTM → anchored mixture', scores: s(0.3, 0.35), seconds: 1 }],
    overlap: {
      unigram: { pairs: 22, inCorpus: 11, fraction: 0.5 },
      models: [{ label: 'LSTM → anchored mixture', overlap: { pairs: 22, inCorpus: 15, fraction: 15 / 22 } }],
    },
  };

  it('tables the model beside unigram and bigram on the same positions, with the sample overlap', () => {
    const t = nextWordTable(report);
    expect(t).toContain('| bigram (absolute discounting δ = 0.8) | 20.0% | 50.0% | 0.250 |');
    expect(t).toContain('| LSTM → anchored mixture | 30.0% | 50.0% | 0.350 |');
    expect(t).toContain('unigram samples 0.500; LSTM → anchored mixture 0.682 (22 adjacent pairs each)');
  });

  it('turns the held-out NLL into a cross-entropy over the vocabulary', () => {
    const card = anchoredModelCard({
      modelJson: { metadata: { training: { bestValidLossPerStep: -63.5, epochsCompleted: 2, bestEpoch: 1 } } },
      report,
      samples: [],
      command: 'cmd',
    });
    // log of the density constant at σ = 0.1, D = 50: 50 ln 10 − 25 ln 2π = 69.182
    expect(card).toContain('π_w · e^69.182');
    expect(card).toContain('cross-entropy over the vocabulary of\n  5.682 nats');
    expect(card).toContain('2 epochs (best at 2)');
    expect(card).toContain('not stopped by early stopping');
    expect(card).toContain('Every model ranks above both n-gram baselines'); // 0.35 > 0.25
    const worse = anchoredModelCard({
      modelJson: {},
      report: { ...report, models: [{ label: 'm', scores: s(0.1, 0.2), seconds: 1 }] },
      samples: [],
      command: 'cmd',
    });
    expect(worse).toContain('**Where it still loses:** m (MRR 0.200) still loses to the bigram.');
    expect(worse).toMatch(/^# wikitext-rnn-rnade\/anchored-mixture\n/);
    expect(worse).toContain('frozen word vectors');
  });

  it('names the folder and describes a learned output embedding (queryDim)', () => {
    const card = anchoredModelCard({
      name: 'models/wikitext-rnn-rnade/anchored-softmax',
      modelJson: { estimator: { config: { dim: 50, anchors: 5050, sigma: 0.1, queryDim: 256 } } },
      report,
      samples: [],
      command: 'cmd',
    });
    expect(card).toMatch(/^# wikitext-rnn-rnade\/anchored-softmax\n/);
    expect(card).toContain('a learned 5,050 × 256 output embedding (`queryDim`)');
    expect(card).not.toContain('frozen word vectors');
  });
});
