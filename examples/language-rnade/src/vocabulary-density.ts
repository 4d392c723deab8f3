import * as tf from '@tensorflow/tfjs-core';
import { AnchoredMixtureEstimator } from '@rnn-nade/estimator-rnade';
import {
  ConfigError,
  disposeState,
  iterateBatches,
  toTimeMajor,
  type DistributionEstimator,
  type EncoderState,
  type SequenceData,
  type SequenceModel,
} from '@rnn-nade/core/advanced';

/**
 * Estimator rows per call of {@link vocabularyLogDensities} (positions × vocabulary). It bounds
 * memory: an RNADE keeps every per-dimension intermediate of a call until the call ends (~77 kB
 * per row at D = 50, H = 64), and 65,536 rows overran the wasm heap; 10,240 rows (two positions of
 * a 5,050-word vocabulary) stay under 1 GB.
 */
const VOCABULARY_ROWS_PER_CALL = 10_240;

/**
 * log p(v_w | params) of every vocabulary vector v_w under each row of estimator params:
 * `[S, P]` params (row-major) and a `[V, D]` vocabulary → `[S, V]` log-densities (row-major). Rows
 * are scored in blocks, one batched estimator call per block (its params broadcast to V rows each), not V calls; an
 * anchored mixture whose anchors are the vocabulary does all rows in one call
 * (`logProbAtAnchors`).
 *
 * @example
 * ```ts
 * const scores = vocabularyLogDensities(model.estimator, params, rows, vocabTensor); // [rows * V]
 * ```
 */
export function vocabularyLogDensities(estimator: DistributionEstimator, params: Float32Array, rows: number, vocab: tf.Tensor2D): Float32Array {
  const P = estimator.paramSize;
  const V = vocab.shape[0];
  if (params.length !== rows * P) throw new ConfigError(`Expected ${rows} × ${P} params, got ${params.length} values.`);
  if (vocab.shape[1] !== estimator.dim) throw new ConfigError(`Vocabulary vectors are ${vocab.shape[1]}-d, the estimator models ${estimator.dim}-d frames.`);
  if (estimator instanceof AnchoredMixtureEstimator && anchorsAre(estimator, vocab)) {
    return tf.tidy(() => estimator.logProbAtAnchors(tf.tensor2d(params, [rows, P])));
  }
  const logProb = estimator.logProb?.bind(estimator) ?? ((p: tf.Tensor2D, x: tf.Tensor2D) => tf.neg(estimator.loss(p, x)) as tf.Tensor1D);
  const out = new Float32Array(rows * V);
  const chunk = Math.max(1, Math.floor(VOCABULARY_ROWS_PER_CALL / V)); // positions per estimator call
  for (let r = 0; r < rows; r += chunk) {
    const n = Math.min(chunk, rows - r);
    const lp = tf.tidy(() => {
      const block = tf.tensor3d(params.subarray(r * P, (r + n) * P), [n, 1, P]);
      const x = tf.reshape(tf.broadcastTo(tf.expandDims(vocab, 0), [n, V, estimator.dim]), [n * V, estimator.dim]) as tf.Tensor2D;
      return logProb(tf.reshape(tf.broadcastTo(block, [n, V, P]), [n * V, P]) as tf.Tensor2D, x);
    });
    out.set(lp.dataSync() as Float32Array, r * V);
    lp.dispose();
  }
  return out;
}

/**
 * The estimator params a model gives every step of every sequence, from the true history (frame t
 * is predicted from frames < t, frame 0 from the initial state): one `[steps, P]` array per
 * sequence, in input order. Empty sequences get empty arrays.
 */
export function stepParams(model: SequenceModel, seqs: readonly SequenceData[], options: { batchSize?: number } = {}): Float32Array[] {
  const P = model.estimator.paramSize;
  const D = model.encoderConfig.inputDim;
  const out = seqs.map((s) => new Float32Array(s.steps * P));
  const order = seqs.map((_, i) => i).filter((i) => seqs[i]!.steps > 0);
  const B0 = options.batchSize ?? 64;
  for (let start = 0; start < order.length; start += B0) {
    const idx = order.slice(start, start + B0);
    for (const batch of iterateBatches(
      idx.map((i) => seqs[i]!),
      { batchSize: idx.length },
    )) {
      const { batchSize: B, steps: L } = batch;
      let state: EncoderState = model.network.initialState(B);
      const params = tf.tidy(() => {
        const x = tf.tensor3d(toTimeMajor(batch.inputs, B, L, D), [L, B, D]);
        const o = model.network.forward(x, state, { training: false });
        disposeState(o.state);
        return o.params;
      });
      disposeState(state);
      state = [];
      const p = params.dataSync() as Float32Array;
      params.dispose();
      for (let t = 0; t < L; t++) {
        for (let b = 0; b < B; b++) {
          const target = out[idx[b]!]!;
          if (t * P < target.length) target.set(p.subarray((t * B + b) * P, (t * B + b + 1) * P), t * P);
        }
      }
    }
  }
  return out;
}

const checkedAnchors = new WeakMap<AnchoredMixtureEstimator, tf.Tensor2D>();

/** Whether the estimator's anchors are exactly the vocabulary vectors (checked once per pair). */
function anchorsAre(estimator: AnchoredMixtureEstimator, vocab: tf.Tensor2D): boolean {
  if (checkedAnchors.get(estimator) === vocab) return true;
  const a = estimator.weights.anchors;
  if (a.shape[0] !== vocab.shape[0] || a.shape[1] !== vocab.shape[1]) return false;
  const x = a.dataSync();
  const y = vocab.dataSync();
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  checkedAnchors.set(estimator, vocab);
  return true;
}
