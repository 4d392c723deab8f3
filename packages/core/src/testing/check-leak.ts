import * as tf from '@tensorflow/tfjs-core';
import type { DistributionEstimator } from '../estimator/contract';
import { Rng } from '../util/rng';
import type { ResolvedConformanceOptions } from './conformance-types';
import { type CheckOutcome, ensure, randomFrames, randomParams, safeDispose, subRng, weightEntries } from './kit-helpers';

/**
 * The `leak` check, measured without `tf.tidy`: `tf.memory().numTensors` is unchanged after each
 * of logProb, loss, sample, the gradient of loss, and the CpuSampler (once their results are
 * disposed); inputs are never disposed; and `dispose()` releases everything `create()` allocated.
 * @internal
 */
export async function checkLeak(create: () => DistributionEstimator, opts: ResolvedConformanceOptions): Promise<CheckOutcome> {
  const count = () => tf.memory().numTensors;
  const atStart = count();
  const est = create();
  const created = count() - atStart;
  const leaks: string[] = [];
  let disposed = false;
  try {
    const rng = subRng(opts.seed, 'leak');
    const n = opts.rows;
    const params = tf.tensor2d(randomParams(rng, n, est.paramSize, opts.paramScale), [n, est.paramSize]);
    const x = tf.tensor2d(randomFrames(rng, n, est.dim, est.domain), [n, est.dim]);
    try {
      const measure = (what: string, op: () => tf.Tensor | tf.Tensor[] | undefined) => {
        const before = count();
        const out = op();
        if (Array.isArray(out)) tf.dispose(out);
        else out?.dispose();
        const diff = count() - before;
        if (diff !== 0) leaks.push(`${what} ${diff > 0 ? 'leaks' : 'disposes'} ${Math.abs(diff)} tensor(s)`);
        ensure(!params.isDisposed && !x.isDisposed, `${what} disposed its input tensors.`);
      };
      if (est.logProb) measure('logProb', () => est.logProb!(params, x, { rng: new Rng(1) }));
      measure('loss', () => est.loss(params, x, { rng: new Rng(1), training: true }));
      measure('sample', () => est.sample(params, { rng: new Rng(1) }));
      measure('sample(temperature 0.5)', () => est.sample(params, { rng: new Rng(1), temperature: 0.5 }));
      const vars = weightEntries(est)
        .map(([, v]) => v)
        .filter((v) => v.trainable);
      if (vars.length > 0) {
        measure('variableGrads(sum(loss))', () => {
          const { value, grads } = tf.variableGrads(() => tf.sum(est.loss(params, x, { rng: new Rng(1), training: true })) as tf.Scalar, vars);
          return [value, ...Object.values(grads).filter((g): g is tf.Tensor => g != null)];
        });
      }
      measure('grad(sum(loss)) w.r.t. params', () =>
        tf.grad((p: tf.Tensor) => tf.sum(est.loss(p as tf.Tensor2D, x, { rng: new Rng(1), training: true })))(params),
      );
      if (est.createCpuSampler) {
        measure('createCpuSampler + sample', () => {
          const s = est.createCpuSampler!();
          s.sample(params.dataSync().slice(0, est.paramSize) as Float32Array, new Float32Array(est.dim), { rng: new Rng(1) });
          return undefined;
        });
      }
    } finally {
      params.dispose();
      x.dispose();
    }
    est.dispose();
    disposed = true;
    const left = count() - atStart;
    if (left !== 0) leaks.push(`dispose() leaves ${left} of the ${created} tensor(s) create() allocated`);
  } finally {
    if (!disposed) safeDispose(est);
  }
  ensure(leaks.length === 0, `tf.memory().numTensors changed: ${leaks.join('; ')}.`);
  return {
    status: 'pass',
    detail: `numTensors unchanged across logProb/loss/sample/gradients${est.createCpuSampler ? '/CpuSampler' : ''}; dispose() released all ${created} tensor(s).`,
  };
}
