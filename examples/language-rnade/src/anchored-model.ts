import * as tf from '@tensorflow/tfjs-core';
import { SequenceModel } from '@rnn-nade/core';
import { anchoredMixture } from '@rnn-nade/estimator-rnade';
import type { WordVectors } from '@rnn-nade/data-text';
import { countNgrams, unigramLogProbs } from './ngram-baselines';

/** Options of {@link createAnchoredModel}. */
export interface AnchoredModelOptions {
  /** LSTM hidden units. */
  readonly lstmHidden: number;
  /** σ of every component (the experiment's σ_min). */
  readonly sigma: number;
  /** Word ids of the training sentences: the mixture bias starts at their add-one unigram log-frequencies. */
  readonly trainIds: readonly ArrayLike<number>[];
  readonly seed: number;
  /** Encoder dropout (default 0). */
  readonly dropout?: number;
  /** Size of a learned output embedding of the mixture logits (absent: logits tied to the frozen word vectors). */
  readonly queryDim?: number;
}

/**
 * An LSTM → anchored-mixture model over word vectors: one isotropic Gaussian (σ) at every
 * vocabulary vector, its weight softmax(b + V q_t) with q_t the LSTM's projection. The bias starts
 * at the training text's unigram log-frequencies and the projection at a tenth of its random init,
 * so training starts near the unigram model and the LSTM adds the context. With `queryDim` the
 * logits are b + E q_t with E a learned `[V, queryDim]` output embedding (a full softmax language
 * model over the vocabulary; the Gaussians stay at the word vectors).
 *
 * @example
 * ```ts
 * const model = createAnchoredModel(data.vectors, { lstmHidden: 100, sigma: 0.1, trainIds: data.ids.train, seed: 1 });
 * ```
 */
export function createAnchoredModel(vectors: WordVectors, options: AnchoredModelOptions): SequenceModel {
  const V = vectors.words.length;
  const estimator = anchoredMixture(
    { dim: vectors.dim, anchors: V, sigma: options.sigma, ...(options.queryDim ? { queryDim: options.queryDim } : {}) },
    { anchors: vectors.matrix, seed: options.seed },
  );
  const model = SequenceModel.create({
    encoder: { inputDim: vectors.dim, hidden: options.lstmHidden, dropout: options.dropout ?? 0 },
    estimator,
    seed: options.seed,
  });
  const logFreq = unigramLogProbs(countNgrams(options.trainIds, V));
  tf.tidy(() => {
    estimator.weights.bias.assign(tf.tensor1d(Float32Array.from(logFreq)));
    const kernel = model.variables['projection/output/kernel']!;
    kernel.assign(tf.mul(kernel, 0.1));
  });
  return model;
}
