import type * as tf from '@tensorflow/tfjs-core';
import { describe, expectTypeOf, it } from 'vitest';
import type { DistributionEstimator, EstimatorConfig, EstimatorFactory, LogProbOptions } from '@rnn-nade/core';
import { type RbmEstimator, rbmFactory, type RbmConfig, type RbmLogProbOptions, type ResolvedRbmConfig } from '@rnn-nade-examples/custom-estimator-rbm';

describe('RBM types', () => {
  it('the estimator satisfies the v1 contract with its resolved config', () => {
    expectTypeOf<RbmEstimator>().toMatchTypeOf<DistributionEstimator<ResolvedRbmConfig>>();
    expectTypeOf(rbmFactory).toMatchTypeOf<EstimatorFactory<ResolvedRbmConfig>>();
  });
  it('configs are plain JSON (type aliases assignable to EstimatorConfig)', () => {
    expectTypeOf<RbmConfig>().toMatchTypeOf<EstimatorConfig>();
    expectTypeOf<ResolvedRbmConfig>().toMatchTypeOf<EstimatorConfig>();
  });
  it('logProb widens the contract options (method, ais) without breaking callers that pass only the contract options', () => {
    expectTypeOf<LogProbOptions>().toMatchTypeOf<RbmLogProbOptions>();
    expectTypeOf<RbmEstimator['logProb']>().parameters.toEqualTypeOf<[tf.Tensor2D, tf.Tensor2D, RbmLogProbOptions?]>();
  });
});
