import { SequenceModel, initBackend, type JsonValue } from '@rnn-nade/core/node';
import { loadCorpus } from '@rnn-nade/data-midi/node';
import type { AisSettings } from './rbm-config';
import { RbmEstimator } from './rbm-estimator';
import './register-side-effect';

/** AIS budget of the JSB evaluations (evaluate script default, results page): per frame. */
export const JSB_EVAL_AIS: AisSettings = { chains: 8, betas: 500 };

/** Options of {@link evaluateRbmModel}. */
export interface EvaluateRbmOptions {
  /** Split to score. Default `'test'`. */
  readonly split?: 'train' | 'valid' | 'test';
  /** AIS settings for every frame's log Z (ignored when the RBM is small enough to enumerate). */
  readonly ais: AisSettings;
  /** Samples per frame for the expected frame accuracy (0 skips it). Default 1. */
  readonly samples?: number;
  /** Seed of the AIS chains and the accuracy samples. Default 0. */
  readonly seed?: number;
  /** Corpus folder (default: `RNN_NADE_DATA_DIR`). */
  readonly dataDir?: string;
  /** Score only the first N sequences of the split (0 = all). Default 0. */
  readonly maxSequences?: number;
}

/** What {@link evaluateRbmModel} measured. */
export interface RbmEvaluation {
  /** Pooled log-likelihood per step (nats), with AIS-estimated (or exact) log Z per frame. */
  readonly logLikelihoodPerStep: number;
  /** Expected frame accuracy, or null when `samples` is 0. */
  readonly accuracy: number | null;
  /** Negative log pseudo-likelihood per step (the validation loss). */
  readonly negLogPseudoLikelihoodPerStep: number;
  readonly frames: number;
  readonly sequences: number;
  /** How log Z was obtained. */
  readonly logPartition: 'exact' | 'ais';
  readonly dataset: string;
  readonly seconds: number;
  /** The model's metadata (training facts). */
  readonly metadata: Record<string, JsonValue>;
}

/**
 * Loads a saved RNN-RBM and scores a split of the corpus named in its metadata with
 * `model.evaluate` (pooled log-likelihood per step, first frame included), using the given AIS
 * settings as the estimator's `logProbDefaults`.
 *
 * @example
 * ```ts
 * const r = await evaluateRbmModel('models/jsb-rnn-rbm', { ais: { chains: 8, betas: 500 } });
 * ```
 */
export async function evaluateRbmModel(modelDir: string, options: EvaluateRbmOptions): Promise<RbmEvaluation> {
  await initBackend({ log: null });
  const started = performance.now();
  const { model, metadata } = await SequenceModel.load(modelDir);
  try {
    const est = model.estimator;
    if (!(est instanceof RbmEstimator)) throw new Error(`${modelDir} does not hold an RBM estimator (found ${est.className}).`);
    est.logProbDefaults = { ais: options.ais };
    const data = (metadata.data ?? {}) as Record<string, JsonValue>;
    const dataset = typeof data.dataset === 'string' ? data.dataset : 'jsb';
    const corpus = await loadCorpus(dataset, { dataDir: options.dataDir });
    const all = corpus[options.split ?? 'test'];
    const seqs = options.maxSequences ? all.slice(0, options.maxSequences) : all;
    const r = await model.evaluate(seqs, { samples: options.samples ?? 1, seed: options.seed ?? 0 });
    const cfg = est.getConfig();
    return {
      logLikelihoodPerStep: r.logLikelihoodPerStep,
      accuracy: r.accuracy,
      negLogPseudoLikelihoodPerStep: r.lossPerStep,
      frames: r.frames,
      sequences: r.sequences,
      logPartition: Math.min(cfg.dim, cfg.hidden) <= cfg.exactMaxUnits ? 'exact' : 'ais',
      dataset,
      seconds: (performance.now() - started) / 1000,
      metadata,
    };
  } finally {
    model.dispose();
  }
}
