import { join } from 'node:path';
import { ConfigError, SequenceModel, type JsonValue } from '@rnn-nade/core/node';
import { evaluateModel } from '@rnn-nade/core/advanced';
import '@rnn-nade/estimator-rnade';
import { diagonalGaussianNll, fitDiagonalGaussian } from './diagonal-gaussian';
import { LANGUAGE_EXPERIMENT } from './experiment-config';
import { independentRnadeNll, loadIndependentRnade } from './independent-rnade';
import { loadLanguageData, type LanguageData } from './language-data';
import { sortedByLength } from './length-bucket-batcher';

/** Test NLLs (nats per word vector, pooled over every test frame) of the three models. */
export interface LanguageScores {
  readonly gaussian: number;
  readonly independentRnade: number;
  readonly rnnRnade: number;
  /** Test frames (word vectors) and sentences scored. */
  readonly frames: number;
  readonly sentences: number;
  /** The σ floor every model used. */
  readonly minSigma: number;
  /** σ_min read from each saved RNADE's config (must equal {@link minSigma}). */
  readonly modelMinSigma: { readonly rnnRnade: number; readonly independentRnade: number };
}

/** Options of {@link scoreLanguageModels}. */
export interface ScoreLanguageOptions {
  /** RNN-RNADE model directory. */
  readonly modelDir: string;
  /** Frame-independent RNADE directory (default `<modelDir>/independent-rnade`). */
  readonly independentDir?: string;
  /** Already loaded data (else {@link loadLanguageData} from `dataDir`). */
  readonly data?: LanguageData;
  readonly dataDir?: string;
  /** Which split to score (default `'test'`). */
  readonly split?: 'train' | 'valid' | 'test';
}

function minSigmaOf(config: JsonValue): number {
  const v = (config as { minSigma?: unknown } | null)?.minSigma;
  return typeof v === 'number' ? v : 1e-3;
}

/**
 * Re-evaluates the committed language models on a split: the diagonal Gaussian (refit on train,
 * closed form), the saved frame-independent RNADE and the saved RNN-RNADE.
 *
 * @example
 * ```ts
 * const s = await scoreLanguageModels({ modelDir: 'models/wikitext-rnn-rnade' });
 * console.log(s.gaussian, s.independentRnade, s.rnnRnade);
 * ```
 */
export async function scoreLanguageModels(options: ScoreLanguageOptions): Promise<LanguageScores> {
  const data = options.data ?? (await loadLanguageData(options.dataDir === undefined ? {} : { dataDir: options.dataDir }));
  const seqs = data[options.split ?? 'test'];
  const minSigma = LANGUAGE_EXPERIMENT.minSigma;
  const gaussian = diagonalGaussianNll(fitDiagonalGaussian(data.train, { minSigma }), seqs);
  const { model: indep } = await loadIndependentRnade(options.independentDir ?? join(options.modelDir, 'independent-rnade'));
  let independentRnade: number;
  let indepSigma: number;
  try {
    independentRnade = await independentRnadeNll(indep, seqs);
    indepSigma = minSigmaOf(indep.estimator.getConfig() as JsonValue);
  } finally {
    indep.dispose();
  }
  const { model } = await SequenceModel.load(options.modelDir);
  let rnnRnade: number;
  let frames: number;
  let rnnSigma: number;
  try {
    if (model.encoderConfig.inputDim !== data.vectors.dim) {
      throw new ConfigError(`The model reads ${model.encoderConfig.inputDim}-d frames, the vectors are ${data.vectors.dim}-d.`);
    }
    const r = await evaluateModel(model, sortedByLength(seqs), { batchSize: 64 });
    rnnRnade = -r.logLikelihoodPerStep;
    frames = r.frames;
    rnnSigma = minSigmaOf(model.estimator.getConfig() as JsonValue);
  } finally {
    model.dispose();
  }
  return {
    gaussian,
    independentRnade,
    rnnRnade,
    frames,
    sentences: seqs.length,
    minSigma,
    modelMinSigma: { rnnRnade: rnnSigma, independentRnade: indepSigma },
  };
}
