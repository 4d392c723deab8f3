import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@rnn-nade/core';

/**
 * Tensor building blocks of a binary RBM with energy
 * `E(v, h) = −b·v − c·h − hᵀ W v` (W is `[H, D]`), batched over `N` rows that each have their
 * own biases `b` `[N, D]` and `c` `[N, H]`. Every function returns a new tensor and disposes
 * what it creates; none disposes its inputs.
 */

/**
 * Hidden pre-activation `c + v Wᵀ`, `[N, H]`. (Transposes the small W explicitly: tfjs-wasm's
 * `matMul(v, W, false, true)` is ~7× slower than a plain product.)
 */
export function hiddenPreActivation(c: tf.Tensor2D, W: tf.Tensor2D, v: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.add(c, tf.matMul(v, tf.transpose(W))));
}

/**
 * `n` uniforms in [0, 1) as a Float32Array, reproducible from `rng`: seeds a local
 * xoshiro128** generator from four draws of `rng` (much faster per number than drawing each
 * from `rng`, which matters for the millions a Gibbs or AIS sweep needs).
 */
export function fastUniforms(rng: Rng, n: number): Float32Array {
  let s0 = rng.nextUint32() | 1;
  let s1 = rng.nextUint32();
  let s2 = rng.nextUint32();
  let s3 = rng.nextUint32();
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const r = Math.imul((Math.imul(s1, 5) << 7) | (Math.imul(s1, 5) >>> 25), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    out[i] = (r >>> 8) * 2 ** -24; // 24-bit mantissa: exactly representable, < 1
  }
  return out;
}

/** Visible pre-activation `b + h W`, `[N, D]`. */
export function visiblePreActivation(b: tf.Tensor2D, W: tf.Tensor2D, h: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.add(b, tf.matMul(h, W)));
}

/**
 * Free energy `F(v) = −b·v − Σ_j softplus(c_j + W_j·v)`, `[N]`, so that `p(v) = exp(−F(v)) / Z`.
 * Differentiable in b, c, W (and v).
 */
export function freeEnergy(b: tf.Tensor2D, c: tf.Tensor2D, W: tf.Tensor2D, v: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.neg(tf.add(tf.sum(tf.mul(b, v), 1), tf.sum(tf.softplus(hiddenPreActivation(c, W, v)), 1))) as tf.Tensor1D);
}

/** Independent Bernoulli draws with probabilities `sigmoid(logits)`, uniforms from `rng`. */
export function bernoulliFromLogits(logits: tf.Tensor, rng: Rng): tf.Tensor2D {
  return tf.tidy(() => {
    const u = tf.tensor(fastUniforms(rng, logits.size), logits.shape, 'float32');
    return tf.cast(tf.less(u, tf.sigmoid(logits)), 'float32') as tf.Tensor2D;
  });
}

/** Options of {@link gibbsChain}. */
export interface GibbsOptions {
  /** Number of full steps v → h → v. */
  readonly steps: number;
  /** Divides every pre-activation (sampling from `exp(−E/T)`). Default 1. */
  readonly temperature?: number;
  /** The only source of randomness. */
  readonly rng: Rng;
}

/**
 * Block Gibbs chain started at `v0`: `steps` times, h ~ p(h | v) then v ~ p(v | h). Returns the
 * last visible state `[N, D]` (0/1). Not differentiable: the result is a sample.
 */
export function gibbsChain(b: tf.Tensor2D, c: tf.Tensor2D, W: tf.Tensor2D, v0: tf.Tensor2D, options: GibbsOptions): tf.Tensor2D {
  const invT = 1 / (options.temperature ?? 1);
  let v = tf.clone(v0);
  for (let k = 0; k < options.steps; k++) {
    const next = tf.tidy(() => {
      const h = bernoulliFromLogits(tf.mul(hiddenPreActivation(c, W, v), invT), options.rng);
      return bernoulliFromLogits(tf.mul(visiblePreActivation(b, W, h), invT), options.rng);
    });
    v.dispose();
    v = next;
  }
  return v;
}

/**
 * {@link gibbsChain} as an op with a zero gradient: the chain's end x̃ is treated as a constant
 * by `tf.grad`, as CD-k requires (and as the chain's comparison ops, which have no gradient in
 * tfjs, demand).
 */
export function detachedGibbsChain(b: tf.Tensor2D, c: tf.Tensor2D, W: tf.Tensor2D, v0: tf.Tensor2D, options: GibbsOptions): tf.Tensor2D {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [bb, cc, ww, vv] = args as tf.Tensor2D[];
    return {
      value: gibbsChain(bb!, cc!, ww!, vv!, options),
      gradFunc: () => [tf.zerosLike(bb!), tf.zerosLike(cc!), tf.zerosLike(ww!), tf.zerosLike(vv!)],
    };
  });
  return op(b, c, W, v0) as tf.Tensor2D;
}

/**
 * Negative log pseudo-likelihood `−Σ_d log p(v_d | v_−d)`, `[N]`: for each d,
 * `log p(v_d | v_−d) = −softplus(F(v) − F(v with bit d flipped))`. Loops over d so memory stays
 * `O(N·H)`. Differentiable.
 */
export function negLogPseudoLikelihood(b: tf.Tensor2D, c: tf.Tensor2D, W: tf.Tensor2D, v: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const [N, D] = v.shape;
    const a = hiddenPreActivation(c, W, v); // [N, H]
    const spA = tf.sum(tf.softplus(a), 1); // [N]
    const sign = tf.sub(1, tf.mul(2, v)); // +1 where v_d = 0 (flip adds), −1 where v_d = 1
    let total: tf.Tensor1D = tf.zeros([N]);
    for (let d = 0; d < D; d++) {
      const step = tf.tidy(() => {
        const s = tf.slice(sign, [0, d], [N, 1]); // [N, 1]
        const wd = tf.reshape(tf.slice(W, [0, d], [W.shape[0], 1]), [1, W.shape[0]]); // [1, H]
        const aFlip = tf.add(a, tf.mul(s, wd));
        // F(v) − F(flip) = −b_d (v_d − v'_d) − Σ softplus(a) + Σ softplus(a')
        const bd = tf.reshape(tf.slice(b, [0, d], [N, 1]), [N]);
        const diff = tf.add(tf.sub(tf.sum(tf.softplus(aFlip), 1), spA), tf.mul(bd, tf.reshape(s, [N])));
        return tf.add(total, tf.softplus(diff)) as tf.Tensor1D;
      });
      total.dispose();
      total = step;
    }
    return total;
  });
}
