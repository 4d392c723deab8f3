import * as tf from '@tensorflow/tfjs-core';
import { RNADE_MAX_LOG_SIGMA, type ResolvedRnadeConfig } from './rnade-config';

/** The estimator's own weights, as tensors (see {@link RnadeEstimator.weights} for shapes). */
export interface RnadeWeightTensors {
  /** Input-to-hidden weights W `[H, D]` (column d feeds the running hidden pre-activation after dimension d). */
  readonly W: tf.Tensor2D;
  /** Activation rescaling ρ `[D]`: the hidden state for dimension d is relu(ρ_d · a_d). */
  readonly rho: tf.Tensor1D;
  /** Hidden-to-mixture-logit weights `[D, H, K]`. */
  readonly Valpha: tf.Tensor3D;
  /** Hidden-to-component-mean weights `[D, H, K]`. */
  readonly Vmu: tf.Tensor3D;
  /** Hidden-to-component-log-scale weights `[D, H, K]`. */
  readonly Vsigma: tf.Tensor3D;
  /** Mixture-logit biases `[D, K]`. */
  readonly balpha: tf.Tensor2D;
  /** Component-mean biases `[D, K]`. */
  readonly bmu: tf.Tensor2D;
  /** Component-log-scale biases `[D, K]`. */
  readonly bsigma: tf.Tensor2D;
}

/** Per-dimension mixture parameters, each `[D, N, K]` (dimension-major). */
export interface RnadeMixtureTensors {
  /** Unnormalised log-weights (logits) of the components. */
  readonly logits: tf.Tensor3D;
  /** Component means. */
  readonly mu: tf.Tensor3D;
  /** Component standard deviations, ≥ σ_min. */
  readonly sigma: tf.Tensor3D;
}

type Shape = Pick<ResolvedRnadeConfig, 'dim' | 'hidden' | 'components' | 'conditionMixture' | 'minSigma'>;

/**
 * The mixture parameters of every dimension given the frames `x` (`[N,P] × [N,D]`), with tensor
 * ops only, differentiable. Not tidied: call inside `tf.tidy`.
 *
 * a_d = c + Σ_{j<d} x_j W[:, j] is an exclusive cumulative sum over the **last** axis of
 * `x ⊙ W` laid out `[N, H, D]` (tfjs's cumsum gradient is only right on the last axis);
 * h_d = relu(ρ_d a_d); the three output blocks come from one batched matmul `[D,N,H] × [D,H,3K]`.
 */
export function rnadeMixture(params: tf.Tensor2D, x: tf.Tensor2D, w: RnadeWeightTensors, shape: Shape): RnadeMixtureTensors {
  const { dim: D, hidden: H, components: K } = shape;
  const N = params.shape[0];
  const c = tf.slice(params, [0, 0], [N, H]);
  const pre = tf.mul(tf.reshape(x, [N, 1, D]), tf.reshape(w.W, [1, H, D])); // [N,H,D]
  const a = tf.add(tf.cumsum(pre, 2, true), tf.reshape(c, [N, H, 1]));
  const h = tf.relu(tf.mul(a, tf.reshape(w.rho, [1, 1, D])));
  const hT = tf.transpose(h, [2, 0, 1]) as tf.Tensor3D; // [D,N,H]
  const V = tf.concat([w.Valpha, w.Vmu, w.Vsigma], 2); // [D,H,3K]
  const b = tf.reshape(tf.concat([w.balpha, w.bmu, w.bsigma], 1), [D, 1, 3 * K]);
  let out = tf.add(tf.matMul(hT, V), b) as tf.Tensor3D; // [D,N,3K]
  if (shape.conditionMixture) {
    const m = tf.slice(params, [0, H], [N, 3 * D * K]);
    out = tf.add(out, tf.reshape(tf.transpose(tf.reshape(m, [N, 3, D, K]), [2, 0, 1, 3]), [D, N, 3 * K]));
  }
  const [logits, mu, s] = tf.split(out, 3, 2) as [tf.Tensor3D, tf.Tensor3D, tf.Tensor3D];
  const sigma = tf.add(tf.exp(tf.minimum(s, RNADE_MAX_LOG_SIGMA)), shape.minSigma) as tf.Tensor3D;
  return { logits, mu, sigma };
}

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * Exact log p(x) per row, `[N]`: Σ_d log Σ_k π_dk N(x_d; μ_dk, σ_dk), with log-softmax weights and
 * log-sum-exp over components. Not tidied: call inside `tf.tidy`.
 */
export function rnadeLogProbTensor(params: tf.Tensor2D, x: tf.Tensor2D, w: RnadeWeightTensors, shape: Shape): tf.Tensor1D {
  const { logits, mu, sigma } = rnadeMixture(params, x, w, shape);
  const logPi = tf.sub(logits, tf.logSumExp(logits, 2, true));
  const xT = tf.expandDims(tf.transpose(x), 2); // [D,N,1]
  const z = tf.div(tf.sub(xT, mu), sigma);
  const comp = tf.sub(tf.sub(logPi, tf.mul(0.5, tf.square(z))), tf.add(tf.log(sigma), HALF_LOG_2PI));
  return tf.sum(tf.logSumExp(comp, 2), 0) as tf.Tensor1D;
}
