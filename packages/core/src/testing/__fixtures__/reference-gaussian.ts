import * as tf from '@tensorflow/tfjs-core';
import { type DistributionEstimator, type ParamSlice, Rng, type SampleOptions, ShapeError } from '@rnn-nade/core';

/** Config of the real-domain reference estimator. */
export type ReferenceGaussianConfig = { dim: number; seed: number };

/** Class name it registers under in the kit's tests. */
export const REFERENCE_GAUSSIAN = '@rnn-nade/core-test-fixtures>ReferenceGaussian';

/**
 * A private real-domain reference: independent Gaussians, mean = params[:D] + m, log sigma =
 * 0.5 * params[D:] (weights: the mean offset m).
 */
export class ReferenceGaussian implements DistributionEstimator<ReferenceGaussianConfig> {
  readonly specificationVersion = 'v1' as const;
  readonly className = REFERENCE_GAUSSIAN;
  readonly domain = 'real' as const;
  readonly paramLayout: ParamSlice[];
  readonly weights: Record<string, tf.Variable>;
  readonly config: ReferenceGaussianConfig;
  /** Added to log p; 0 for the correct estimator (tests set it to break normalisation). */
  protected logOffset = 0;
  /** Scales the sampled noise; 1 for the correct estimator. */
  protected noiseScale = 1;

  constructor(config: ReferenceGaussianConfig) {
    this.config = { ...config };
    this.paramLayout = [
      { name: 'mu', size: config.dim },
      { name: 'logSigma2', size: config.dim },
    ];
    const init = new Rng(config.seed).normals(config.dim).map((v) => 0.2 * v);
    this.weights = { m: tf.tidy(() => tf.variable(tf.tensor1d(init), true)) };
  }

  get dim(): number {
    return this.config.dim;
  }

  get paramSize(): number {
    return 2 * this.config.dim;
  }

  private split(params: tf.Tensor2D, x?: tf.Tensor2D): [tf.Tensor2D, tf.Tensor2D] {
    if (params.shape[1] !== this.paramSize) throw new ShapeError(`params must be [N, ${this.paramSize}]`);
    if (x && (x.shape[0] !== params.shape[0] || x.shape[1] !== this.dim)) throw new ShapeError(`x must be [N, ${this.dim}]`);
    const [mu, ls] = tf.split(params, 2, 1) as [tf.Tensor2D, tf.Tensor2D];
    return [tf.add(mu, this.weights.m!), tf.mul(ls, 0.5)];
  }

  logProb(params: tf.Tensor2D, x: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => {
      const [mu, logSigma] = this.split(params, x);
      const z = tf.div(tf.sub(x, mu), tf.exp(logSigma));
      const per = tf.sub(tf.sub(tf.mul(tf.square(z), -0.5), logSigma), 0.5 * Math.log(2 * Math.PI));
      return tf.add(tf.sum(per, 1), this.logOffset) as tf.Tensor1D;
    });
  }

  loss(params: tf.Tensor2D, x: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => tf.neg(this.logProb(params, x)));
  }

  sample(params: tf.Tensor2D, { rng, temperature = 1 }: SampleOptions): tf.Tensor2D {
    return tf.tidy(() => {
      const [mu, logSigma] = this.split(params);
      const eps = tf.tensor2d(rng.normals(params.shape[0] * this.dim), [params.shape[0], this.dim]);
      return tf.add(mu, tf.mul(tf.mul(eps, tf.exp(logSigma)), this.noiseScale * Math.sqrt(temperature))) as tf.Tensor2D;
    });
  }

  getConfig(): ReferenceGaussianConfig {
    return { ...this.config };
  }

  dispose(): void {
    for (const v of Object.values(this.weights)) v.dispose();
  }
}

/** Adds 0.05 nats to every log p: integrates to e^0.05 ≈ 1.05. */
export class UnnormalisedGaussian extends ReferenceGaussian {
  protected override logOffset = 0.05;
}

/** Samples with 1.3x the standard deviation its density has. */
export class WideSamplerGaussian extends ReferenceGaussian {
  protected override noiseScale = 1.3;
}
