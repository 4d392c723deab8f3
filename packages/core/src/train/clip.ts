import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../util/errors';

/** Result of {@link clipByGlobalNorm}. */
export interface ClippedGradients {
  /** The (possibly scaled) gradients, new tensors owned by the caller. */
  readonly grads: Record<string, tf.Tensor>;
  /** Global L2 norm of the gradients before clipping (may be NaN/Infinity). */
  readonly norm: number;
  /** The factor the gradients were multiplied by (1 when no clipping happened). */
  readonly scale: number;
}

/**
 * Global-norm gradient clipping (Pascanu et al. 2013): when `‖g‖ = √Σᵢ‖gᵢ‖² > maxNorm`, every
 * gradient is multiplied by `maxNorm / ‖g‖`, keeping the update direction. Returns new tensors;
 * the inputs are not disposed. `maxNorm = Infinity` only measures the norm.
 *
 * @example
 * ```ts
 * const { grads: clipped, norm } = clipByGlobalNorm(grads, 5);
 * ```
 */
export function clipByGlobalNorm(grads: Readonly<Record<string, tf.Tensor>>, maxNorm: number): ClippedGradients {
  if (!(maxNorm > 0)) throw new ConfigError(`Gradient clip norm must be > 0, got ${maxNorm}.`);
  const names = Object.keys(grads).sort();
  if (names.length === 0) return { grads: {}, norm: 0, scale: 1 };
  const norm = tf.tidy(() => {
    const squares = names.map((n) => tf.sum(tf.square(grads[n]!)));
    return tf.sqrt(tf.addN(squares));
  });
  const normValue = (norm.dataSync() as Float32Array)[0]!;
  norm.dispose();
  const scale = Number.isFinite(normValue) && normValue > maxNorm ? maxNorm / normValue : 1;
  const out: Record<string, tf.Tensor> = {};
  tf.tidy(() => {
    const s = tf.scalar(scale);
    for (const n of names) out[n] = tf.keep(scale === 1 ? tf.clone(grads[n]!) : tf.mul(grads[n]!, s));
  });
  return { grads: out, norm: normValue, scale };
}
