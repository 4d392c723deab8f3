import * as tf from '@tensorflow/tfjs-core';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type CpuSampler,
  type DistributionEstimator,
  type EstimatorConfig,
  type EstimatorFactory,
  type JsonValue,
  type LossOptions,
  type ParamSlice,
  type Rng,
  type SampleOptions,
  registerEstimator,
} from '@rnn-nade/core';

/** A user-written estimator config: a type alias of plain JSON. */
type MyConfig = { dim: number; hidden: number; tags: string[]; extra: { scale: number | null } };

/** A user-written estimator, declared only against the public API. */
class MyEstimator implements DistributionEstimator<MyConfig> {
  readonly specificationVersion = 'v1' as const;
  readonly className = '@me/estimator-mine>Mine';
  readonly domain = 'binary' as const;
  readonly paramLayout: readonly ParamSlice[];
  readonly weights: Record<string, tf.Variable> = {};
  constructor(readonly config: MyConfig) {
    this.paramLayout = [{ name: 'b', size: config.dim }];
  }
  get dim() {
    return this.config.dim;
  }
  get paramSize() {
    return this.config.dim;
  }
  loss(params: tf.Tensor2D, _x: tf.Tensor2D, _options?: LossOptions): tf.Tensor1D {
    return tf.sum(params, 1) as tf.Tensor1D;
  }
  sample(params: tf.Tensor2D, _options: SampleOptions): tf.Tensor2D {
    return tf.clone(params);
  }
  getConfig(): MyConfig {
    return this.config;
  }
  dispose(): void {}
}

const mine = new MyEstimator({ dim: 3, hidden: 2, tags: [], extra: { scale: null } });

describe('DistributionEstimator v1 (types)', () => {
  it('a user-written class satisfies the contract, with and without optional members', () => {
    const asContract = mine satisfies DistributionEstimator<MyConfig>;
    expectTypeOf(asContract).toMatchTypeOf<DistributionEstimator>();
    expectTypeOf(mine.getConfig()).toEqualTypeOf<MyConfig>();
    expectTypeOf<DistributionEstimator['logProb']>().toEqualTypeOf<
      ((params: tf.Tensor2D, x: tf.Tensor2D, options?: { readonly rng?: Rng }) => tf.Tensor1D) | undefined
    >();
    expectTypeOf<DistributionEstimator['createCpuSampler']>().toEqualTypeOf<(() => CpuSampler) | undefined>();
  });

  it('methods have the documented shapes', () => {
    expectTypeOf<ReturnType<DistributionEstimator['loss']>>().toEqualTypeOf<tf.Tensor1D>();
    expectTypeOf<ReturnType<DistributionEstimator['sample']>>().toEqualTypeOf<tf.Tensor2D>();
    expectTypeOf<Parameters<DistributionEstimator['sample']>[1]>().toEqualTypeOf<SampleOptions>();
    expectTypeOf<SampleOptions['rng']>().toEqualTypeOf<Rng>();
    expectTypeOf<DistributionEstimator['specificationVersion']>().toEqualTypeOf<'v1'>();
    expectTypeOf<DistributionEstimator['domain']>().toEqualTypeOf<'binary' | 'real'>();
  });

  it('missing or mistyped members do not satisfy the contract', () => {
    const { sample: _sample, ...withoutSample } = {
      specificationVersion: 'v1' as const,
      className: 'a>B',
      dim: 1,
      domain: 'binary' as const,
      paramSize: 1,
      paramLayout: [{ name: 'b', size: 1 }],
      weights: {},
      loss: mine.loss,
      sample: mine.sample,
      getConfig: () => ({}),
      dispose: () => {},
    };
    // @ts-expect-error -- sample is required
    void (withoutSample satisfies DistributionEstimator);
    // @ts-expect-error -- getConfig is required
    void ({ ...withoutSample, sample: mine.sample, getConfig: undefined } satisfies DistributionEstimator);
    // @ts-expect-error -- only contract version 'v1' exists
    void ({ ...withoutSample, sample: mine.sample, specificationVersion: 'v2' as const } satisfies DistributionEstimator);
    // @ts-expect-error -- domains are 'binary' | 'real'
    void ({ ...withoutSample, sample: mine.sample, domain: 'complex' as const } satisfies DistributionEstimator);
    const lossReturns2D = (p: tf.Tensor2D) => p;
    // @ts-expect-error -- loss must return [N] (Tensor1D), not [N, D]
    void ({ ...withoutSample, sample: mine.sample, loss: lossReturns2D } satisfies DistributionEstimator);
  });

  it('configs must be plain JSON', () => {
    expectTypeOf<MyConfig>().toMatchTypeOf<EstimatorConfig>();
    expectTypeOf<{ a: number[]; b: { c: string | null } }>().toMatchTypeOf<EstimatorConfig>();
    expectTypeOf<{ when: Date }>().not.toMatchTypeOf<EstimatorConfig>();
    expectTypeOf<{ f: () => void }>().not.toMatchTypeOf<EstimatorConfig>();
    expectTypeOf<{ n: bigint }>().not.toMatchTypeOf<EstimatorConfig>();
    expectTypeOf<{ u: undefined }>().not.toMatchTypeOf<EstimatorConfig>();
    expectTypeOf<bigint>().not.toMatchTypeOf<JsonValue>();
    // @ts-expect-error -- a Date is not JSON, so it cannot be an estimator config
    type _BadConfig = DistributionEstimator<{ when: Date }>;
    // @ts-expect-error -- getConfig must return the declared plain-JSON config
    void ({ ...mine, getConfig: () => ({ when: new Date() }) } satisfies DistributionEstimator<MyConfig>);
  });

  it('factories are typed by their config', () => {
    const factory = {
      className: '@me/estimator-mine>Mine',
      alias: 'mine',
      fromConfig: (c: MyConfig) => new MyEstimator(c),
      defaultConfig: (dim: number): MyConfig => ({ dim, hidden: 10, tags: [], extra: { scale: 1 } }),
    } satisfies EstimatorFactory<MyConfig>;
    expectTypeOf(registerEstimator<MyConfig>)
      .parameter(0)
      .toEqualTypeOf<EstimatorFactory<MyConfig>>();
    expectTypeOf(factory.fromConfig).returns.toMatchTypeOf<DistributionEstimator<MyConfig>>();
    // @ts-expect-error -- fromConfig must build an estimator
    void ({ className: 'a>B', fromConfig: (_c: MyConfig) => 42 } satisfies EstimatorFactory<MyConfig>);
  });
});
