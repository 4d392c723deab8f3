import * as tf from '@tensorflow/tfjs-core';

/**
 * The NADE log-likelihood as tensor ops, in two forms:
 *
 * - {@link nadeLogProbAutodiff}: plain forward ops, differentiated by tfjs' autodiff (the
 *   reference the fused version is tested against);
 * - {@link nadeLossFusedTf}: the same forward wrapped in `tf.customGrad` with the analytic
 *   gradient written by hand (fewer, larger ops and no tape over the `[N,H,D]` intermediates).
 *
 * Layout: `params = [b | c]` is `[N, D + H]`, `x` is `[N, D]`, `W` and `V` are `[H, D]`. The
 * running hidden pre-activation a_i = c + sum_{j<i} W[:,j] x_j is held as `[N, H, D]` with the
 * dimension axis LAST, so the exclusive cumulative sum runs on the last axis (tfjs 4.22 computes
 * the gradient of `cumsum` wrongly on any other axis).
 */

/** Pre-activations `[N,H,D]`: A[n,:,i] = c_n + sum_{j<i} W[:,j] x[n,j]. */
function hiddenPreActivations(c: tf.Tensor2D, x: tf.Tensor2D, W: tf.Tensor2D): tf.Tensor3D {
  const [n, d] = x.shape;
  const h = W.shape[0];
  const xw = tf.mul(tf.reshape(x, [n, 1, d]), tf.reshape(W, [1, h, d]));
  return tf.add(tf.cumsum(xw, 2, true), tf.reshape(c, [n, h, 1])) as tf.Tensor3D;
}

function splitParams(params: tf.Tensor2D, d: number, h: number): [tf.Tensor2D, tf.Tensor2D] {
  const n = params.shape[0];
  return [tf.slice(params, [0, 0], [n, d]), tf.slice(params, [0, d], [n, h])];
}

/**
 * Conditional logits `[N,D]`: logit_i = b_i + V[:,i] · sigmoid(a_i), so that
 * p(x_i = 1 | x_<i) = sigmoid(logit_i).
 */
export function nadeLogits(params: tf.Tensor2D, x: tf.Tensor2D, W: tf.Tensor2D, V: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const [h, d] = W.shape;
    const [b, c] = splitParams(params, d, h);
    const hid = tf.sigmoid(hiddenPreActivations(c, x, W));
    return tf.add(b, tf.sum(tf.mul(hid, tf.reshape(V, [1, h, d])), 1)) as tf.Tensor2D;
  });
}

/** log p(x) `[N]` from logits: sum_i x_i l_i - softplus(l_i). */
function bernoulliLogLik(logits: tf.Tensor2D, x: tf.Tensor2D): tf.Tensor1D {
  return tf.sum(tf.sub(tf.mul(x, logits), tf.softplus(logits)), 1) as tf.Tensor1D;
}

/** Exact log p(x) `[N]`, differentiated by tfjs autodiff (the reference implementation). */
export function nadeLogProbAutodiff(params: tf.Tensor2D, x: tf.Tensor2D, W: tf.Tensor2D, V: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => bernoulliLogLik(nadeLogits(params, x, W, V), x));
}

/**
 * -log p(x) `[N]` with a hand-written gradient w.r.t. `params`, `W` and `V` (the gradient
 * w.r.t. `x` is reported as zero: frames are data).
 *
 * Backward, per row, with dl_i = (sigmoid(l_i) - x_i)·dy: db = dl; dV[:,i] = Σ_n dl_i h_i;
 * da_i = dl_i V[:,i] ⊙ h_i ⊙ (1 - h_i); dc = Σ_i da_i; dW[:,i] = Σ_n x_i Σ_{k>i} da_k.
 */
export function nadeLossFusedTf(params: tf.Tensor2D, x: tf.Tensor2D, W: tf.Tensor2D, V: tf.Tensor2D): tf.Tensor1D {
  const f = tf.customGrad((...args: (tf.Tensor | ((ts: tf.Tensor[]) => void))[]) => {
    const [p, xx, w, v] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
    const save = args[4] as (ts: tf.Tensor[]) => void;
    const [h, d] = w.shape;
    const n = xx.shape[0];
    const [b, c] = splitParams(p, d, h);
    const hid = tf.sigmoid(hiddenPreActivations(c, xx, w));
    const logits = tf.add(b, tf.sum(tf.mul(hid, tf.reshape(v, [1, h, d])), 1)) as tf.Tensor2D;
    save([xx, v, hid, logits]);
    const value = tf.neg(bernoulliLogLik(logits, xx));
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
      const [sx, sv, shid, slog] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor3D, tf.Tensor2D];
      const dl = tf.mul(tf.sub(tf.sigmoid(slog), sx), tf.reshape(dy, [n, 1])) as tf.Tensor2D;
      const dl3 = tf.reshape(dl, [n, 1, d]);
      const dV = tf.sum(tf.mul(dl3, shid), 0);
      const da = tf.mul(tf.mul(dl3, tf.reshape(sv, [1, h, d])), tf.mul(shid, tf.sub(1, shid))) as tf.Tensor3D;
      const dc = tf.sum(da, 2);
      const later = tf.cumsum(da, 2, true, true);
      const dW = tf.sum(tf.mul(tf.reshape(sx, [n, 1, d]), later), 0);
      return [tf.concat([dl, dc], 1), tf.zerosLike(sx), dW, dV];
    };
    return { value, gradFunc };
  });
  return f(params, x, W, V) as tf.Tensor1D;
}
