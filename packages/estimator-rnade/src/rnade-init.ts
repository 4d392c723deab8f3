import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@rnn-nade/core';
import type { ResolvedRnadeConfig } from './rnade-config';

/**
 * RNADE's trainable variables (names as saved in model files under `estimator/`): `W` `[H,D]`,
 * `rho` `[D]`, `Valpha`/`Vmu`/`Vsigma` `[D,H,K]`, `balpha`/`bmu`/`bsigma` `[D,K]`.
 */
export type RnadeWeights = {
  /** Input-to-hidden weights W `[H, D]` (column d feeds the running hidden pre-activation after dimension d). */
  readonly W: tf.Variable<tf.Rank.R2>;
  /** Activation rescaling ρ `[D]`: the hidden state for dimension d is relu(ρ_d · a_d). */
  readonly rho: tf.Variable<tf.Rank.R1>;
  /** Hidden-to-mixture-logit weights `[D, H, K]`. */
  readonly Valpha: tf.Variable<tf.Rank.R3>;
  /** Hidden-to-component-mean weights `[D, H, K]`. */
  readonly Vmu: tf.Variable<tf.Rank.R3>;
  /** Hidden-to-component-log-scale weights `[D, H, K]`. */
  readonly Vsigma: tf.Variable<tf.Rank.R3>;
  /** Mixture-logit biases `[D, K]`. */
  readonly balpha: tf.Variable<tf.Rank.R2>;
  /** Component-mean biases `[D, K]`. */
  readonly bmu: tf.Variable<tf.Rank.R2>;
  /** Component-log-scale biases `[D, K]`. */
  readonly bsigma: tf.Variable<tf.Rank.R2>;
};

/**
 * Initial RNADE weights, drawn from `rng` in a fixed order (W, Valpha, Vmu, Vsigma):
 * W ~ N(0, s²) with s = `initScale`, V ~ N(0, (s/10)²), ρ = 1, mixture logit biases 0, log-scale
 * biases 0 (σ ≈ 1), and mean biases spread over the standard normal quantiles Φ⁻¹((k + ½)/K), so
 * the K components start distinct.
 */
export function initRnadeWeights(config: ResolvedRnadeConfig, rng: Rng): RnadeWeights {
  const { dim: D, hidden: H, components: K, initScale: s } = config;
  const normal = (n: number, scale: number) => rng.normals(n).map((v) => v * scale);
  const quantiles = Float32Array.from({ length: K }, (_, k) => normalQuantile((k + 0.5) / K));
  const bmu = new Float32Array(D * K);
  for (let d = 0; d < D; d++) bmu.set(quantiles, d * K);
  const v = <R extends tf.Rank>(t: tf.Tensor<R>): tf.Variable<R> => {
    const variable = tf.variable(t);
    t.dispose();
    return variable;
  };
  return {
    W: v(tf.tensor2d(normal(H * D, s), [H, D])),
    rho: v(tf.ones([D]) as tf.Tensor1D),
    Valpha: v(tf.tensor3d(normal(D * H * K, s / 10), [D, H, K])),
    Vmu: v(tf.tensor3d(normal(D * H * K, s / 10), [D, H, K])),
    Vsigma: v(tf.tensor3d(normal(D * H * K, s / 10), [D, H, K])),
    balpha: v(tf.zeros([D, K]) as tf.Tensor2D),
    bmu: v(tf.tensor2d(bmu, [D, K])),
    bsigma: v(tf.zeros([D, K]) as tf.Tensor2D),
  };
}

/** Φ⁻¹(p) for the standard normal (Acklam's rational approximation, |error| < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - lo) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}
