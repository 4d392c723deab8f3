import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '@rnn-nade/core';
import { checkEstimator, formatConformanceReport } from '@rnn-nade/core/testing';
import { rnade, type RnadeConfig, type RnadeKernel } from '@rnn-nade/estimator-rnade';
import { randomizeWeights } from './__fixtures__/brute-force-rnade';

beforeAll(async () => {
  await initBackend({ log: null });
});

const cases: [string, RnadeConfig, RnadeKernel][] = [
  ['D = 1, K = 3', { dim: 1, hidden: 4, components: 3, seed: 1 }, 'js'],
  ['D = 2, K = 2', { dim: 2, hidden: 5, components: 2, seed: 2 }, 'js'],
  ['D = 2, K = 3, conditionMixture', { dim: 2, hidden: 3, components: 3, seed: 3, conditionMixture: true }, 'js'],
  ['D = 2, K = 3, conditionMixture', { dim: 2, hidden: 3, components: 3, seed: 4, conditionMixture: true }, 'tensor'],
];

describe('RNADE conformance kit (real domain)', () => {
  it.each(cases)('%s passes every check (%s kernel)', async (_label, config, kernel) => {
    const before = tf.memory().numTensors;
    // Random weights of a useful size (the default init keeps V tiny) so every path is exercised.
    const report = await checkEstimator(
      () => {
        const est = rnade(config, { kernel });
        randomizeWeights(est, config.seed! + 100, 0.5);
        return est;
      },
      { realIntegration: { low: -60, high: 60, points: config.dim === 1 ? 6001 : 401 }, paramScale: 0.5, samples: 3000 },
    );
    expect(report.failures, formatConformanceReport(report)).toEqual([]);
    expect(report.passed).toBe(true);
    expect(
      report.checks.filter((c) => c.status === 'skip'),
      formatConformanceReport(report),
    ).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
    if (process.env.RNADE_PRINT_REPORT) console.log(formatConformanceReport(report));
  });

  it('passes with the kit defaults and the default initialisation (no tuning)', async () => {
    const report = await checkEstimator(() => rnade({ dim: 2, hidden: 4, components: 2 }));
    expect(report.failures, formatConformanceReport(report)).toEqual([]);
  });
});
