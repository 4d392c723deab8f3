import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '@rnn-nade/core';
import { checkEstimator, formatConformanceReport } from '@rnn-nade/core/testing';
import { nade } from '@rnn-nade/estimator-nade';

beforeAll(async () => {
  await initBackend({ log: null });
});

describe.each(['js', 'tensor'] as const)('NADE passes the conformance kit (%s kernel)', (kernel) => {
  it('normalisation, sampling (incl. CpuSampler), gradient, round trips, no leak', async () => {
    const before = tf.memory().numTensors;
    // initScale 0.5 so that W and V matter in every check (the default 0.01 is nearly independent)
    const report = await checkEstimator(() => nade({ dim: 6, hidden: 5, seed: 3, initScale: 0.5 }, { kernel }));
    if (process.env.NADE_PRINT_REPORT) console.log(formatConformanceReport(report));
    expect(report.failures, formatConformanceReport(report)).toEqual([]);
    expect(
      report.checks.filter((c) => c.status === 'skip'),
      formatConformanceReport(report),
    ).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
