import { SequenceModel, initBackend, type AccuracyAveraging, type JsonValue } from '@rnn-nade/core/node';
import { loadCorpus } from '@rnn-nade/data-midi/node';

/** Options of {@link evaluateSaved}. */
export interface EvaluateSavedOptions {
  readonly split: 'train' | 'valid' | 'test';
  readonly dataDir?: string;
  /** Samples per frame for the expected frame accuracy (0 = skip). */
  readonly samples?: number;
  /** Seed of the accuracy samples. Default 0. */
  readonly seed?: number;
  /** How the accuracy is averaged; default `'per-frame'` (ICML 2012's, to compare with its table). */
  readonly accuracyAveraging?: AccuracyAveraging;
}

/** Metrics of a saved model on one split, with the facts from its metadata. */
export interface SavedEvaluation {
  readonly logLikelihoodPerStep: number;
  readonly accuracy: number | null;
  readonly frames: number;
  readonly sequences: number;
  readonly dataset: string;
  readonly metadata: Record<string, JsonValue>;
}

/**
 * Loads a model directory (importing both estimator packages so either loads) and evaluates it
 * on a split of the corpus named in its metadata: pooled log-likelihood per step (first frame
 * scored) and expected frame accuracy (per frame by default, as ICML 2012).
 */
export async function evaluateSaved(modelDir: string, options: EvaluateSavedOptions): Promise<SavedEvaluation> {
  await initBackend({ log: null });
  await import('@rnn-nade/estimator-nade');
  await import('@rnn-nade/estimator-bernoulli');
  const { model, metadata } = await SequenceModel.load(modelDir);
  try {
    const data = (metadata.data ?? {}) as Record<string, JsonValue>;
    const dataset = typeof data.dataset === 'string' ? data.dataset : 'jsb';
    const corpus = await loadCorpus(dataset, { dataDir: options.dataDir });
    const r = await model.evaluate(corpus[options.split], {
      samples: options.samples ?? 1,
      seed: options.seed ?? 0,
      accuracyAveraging: options.accuracyAveraging ?? 'per-frame',
    });
    return { logLikelihoodPerStep: r.logLikelihoodPerStep, accuracy: r.accuracy, frames: r.frames, sequences: r.sequences, dataset, metadata };
  } finally {
    model.dispose();
  }
}
