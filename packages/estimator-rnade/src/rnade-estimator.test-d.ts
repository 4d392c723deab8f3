import type * as tf from '@tensorflow/tfjs-core';
import { describe, expectTypeOf, it } from 'vitest';
import type { CpuSampler, DistributionEstimator, EstimatorConfig } from '@rnn-nade/core';
import { rnade, type RnadeConfig, type RnadeEstimator } from '@rnn-nade/estimator-rnade';

describe('RNADE types', () => {
  it('satisfies the v1 contract with a plain-JSON config, a real domain and a CpuSampler', () => {
    expectTypeOf<RnadeEstimator>().toMatchTypeOf<DistributionEstimator<RnadeConfig>>();
    expectTypeOf<RnadeConfig>().toMatchTypeOf<EstimatorConfig>();
    expectTypeOf<RnadeEstimator['domain']>().toEqualTypeOf<'real'>();
    expectTypeOf<ReturnType<RnadeEstimator['createCpuSampler']>>().toMatchTypeOf<CpuSampler>();
    expectTypeOf<RnadeEstimator['weights']['W']>().toEqualTypeOf<tf.Variable<tf.Rank.R2>>();
    expectTypeOf(rnade).parameter(0).toEqualTypeOf<RnadeConfig>();
    // @ts-expect-error components is required
    rnade({ dim: 2, hidden: 3 });
    // @ts-expect-error conditionMixture is a boolean
    rnade({ dim: 2, hidden: 3, components: 2, conditionMixture: 'yes' });
  });
});
