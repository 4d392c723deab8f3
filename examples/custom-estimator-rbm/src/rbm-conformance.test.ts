import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '@rnn-nade/core';
import { checkEstimator, formatConformanceReport } from '@rnn-nade/core/testing';
import { RbmEstimator, rbmFactory } from '@rnn-nade-examples/custom-estimator-rbm';

beforeAll(async () => {
  await initBackend({ log: null });
});

describe('RBM on the conformance kit', () => {
  it('passes every check that applies (exact log Z for small D and H)', async () => {
    const before = tf.memory().numTensors;
    const report = await checkEstimator(() => new RbmEstimator({ dim: 5, hidden: 4, cdSteps: 1, gibbsSteps: 30, initScale: 0.5, seed: 3 }), {
      surrogateLoss: true,
      factory: rbmFactory,
      samples: 2000,
    });
    expect(report.failures, formatConformanceReport(report)).toEqual([]);
    expect(report.checks.map((c) => c.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass']);
    expect(tf.memory().numTensors).toBe(before);
  });
});
