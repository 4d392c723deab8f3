import { SequenceModel, type JsonValue } from '@rnn-nade/core/node';
import '@rnn-nade/estimator-nade';
import { continuationLogLikelihood, evaluateCompletionSet, type CompletionSetResult } from './completion-eval';
import { PLAIN_SAMPLING, completePiece, type Decoding, type PieceCompletion } from './completion';
import type { HeldOutPiece, StyleData } from './piano-data';
import { pieceSequence } from './piece-sequence';

/** Log-likelihood per step of the real continuations (4 bars after the 4-bar primer). */
export interface ContinuationScores {
  /** The model as saved. */
  readonly model: number;
  /** The pre-trained-only model (before fine-tuning), or NaN when it is not there. */
  readonly pretrained: number;
  /** The model adapted to each primer as the chosen decoding does (NaN when it does not adapt). */
  readonly adapted: number;
  /** Continuation steps scored. */
  readonly steps: number;
}

/** The completion measures on one set of held-out pieces. */
export interface SetEvaluation {
  /** Completions with the chosen decoding, beside the baselines. */
  readonly chosen: CompletionSetResult;
  /** Plain sampling (temperature 1, no adaptation) on the same pieces. */
  readonly plain: CompletionSetResult;
  /** Log-likelihoods of the real continuations. */
  readonly logLikelihood: ContinuationScores;
}

/** What {@link evaluateStyle} returns. */
export interface StyleEvaluation {
  /** The decoding evaluated (the model's `completion` metadata, else plain sampling). */
  readonly decoding: Decoding;
  /** The main piece's completions with that decoding (more samples). */
  readonly main: PieceCompletion;
  /** The 21 Mozart movements. */
  readonly mozart: SetEvaluation;
  /** The unseen non-Mozart pieces (held-out half of piano-midi-de-extra). */
  readonly other: SetEvaluation;
  /** Log-likelihood per step over the whole Mozart movements. */
  readonly mozartLogLikelihood: number;
  /** Frames of the Mozart movements. */
  readonly mozartFrames: number;
  /** True when the model reads conditioning rows (metric position, labels). */
  readonly conditioned: boolean;
  /** The model's architecture in words (from its model.json), e.g. `LSTM 128 + attention over the last 16 steps + NADE 64`. */
  readonly architecture: string;
  /** The model's metadata. */
  readonly metadata: Record<string, JsonValue>;
}

/** Options of {@link evaluateStyle}. */
export interface EvaluateStyleOptions {
  /** The main piece (default `mozart/mz_545_1.mid`). */
  readonly piece?: string;
  /** Samples for the main piece (default 10). */
  readonly mainSamples?: number;
  /** Samples for every other piece (default 5). */
  readonly samples?: number;
  /** Where the pre-trained-only model is (default `<modelDir>/pretrained`). */
  readonly pretrainedDir?: string;
  /** Progress messages. */
  readonly log?: (message: string) => void;
}

/**
 * A completion model's architecture in words, from its encoder config and conditioning spec.
 *
 * @example
 * ```ts
 * describeArchitecture(model); // 'LSTM 128 + attention over the last 16 steps + lookback inputs (the frames 8, 16 steps back, with repeat bits) + NADE 64'
 * ```
 */
export function describeArchitecture(model: SequenceModel): string {
  const enc = model.encoderConfig;
  const parts = [`LSTM ${enc.hidden}${(enc.layers ?? 1) > 1 ? ` × ${enc.layers} layers` : ''}`];
  if ((enc.attentionWindow ?? 0) > 0) parts.push(`attention over the last ${enc.attentionWindow} steps`);
  for (const f of model.conditioning?.features ?? []) {
    if (f.kind === 'lookback') parts.push(`lookback inputs (the frames ${f.lags.join(', ')} steps back${f.repeats ? ', with repeat bits' : ''})`);
    else if (f.kind === 'metric') parts.push(`metric position (step, beat${f.barsPerPhrase ? `, bar within ${f.barsPerPhrase}-bar phrases` : ''})`);
    else parts.push(`${f.kind} conditioning`);
  }
  if (enc.inputSkip) parts.push(`a${enc.inputSkipGate ? ' gated' : ''} linear skip from the inputs to the NADE params`);
  const nade = model.estimator.getConfig() as { hidden?: number };
  parts.push(`NADE${typeof nade.hidden === 'number' ? ` ${nade.hidden}` : ''}`);
  return parts.join(' + ');
}

/** The decoding stored in a model's metadata by the run script (`completion`), else plain sampling. */
export function storedDecoding(metadata: Record<string, JsonValue>): Decoding {
  const c = metadata.completion as
    | { temperature?: unknown; candidates?: unknown; adaptSteps?: unknown; adaptLearningRate?: unknown; select?: unknown; stepDraws?: unknown }
    | undefined;
  if (!c || typeof c.temperature !== 'number') return PLAIN_SAMPLING;
  return {
    temperature: c.temperature,
    candidates: typeof c.candidates === 'number' ? c.candidates : 1,
    adaptSteps: typeof c.adaptSteps === 'number' ? c.adaptSteps : 0,
    ...(typeof c.adaptLearningRate === 'number' ? { adaptLearningRate: c.adaptLearningRate } : {}),
    ...(c.select === 'consensus' || c.select === 'likelihood' ? { select: c.select } : {}),
    ...(typeof c.stepDraws === 'number' && c.stepDraws > 1 ? { stepDraws: c.stepDraws } : {}),
  };
}

async function evaluateSet(
  model: SequenceModel,
  pretrained: SequenceModel | null,
  pieces: readonly HeldOutPiece[],
  decoding: Decoding,
  samples: number,
): Promise<SetEvaluation> {
  const chosen = await evaluateCompletionSet(model, pieces, { decoding, samples });
  const plain = decoding === PLAIN_SAMPLING ? chosen : await evaluateCompletionSet(model, pieces, { decoding: PLAIN_SAMPLING, samples });
  const own = await continuationLogLikelihood(model, pieces);
  const pre = pretrained ? (await continuationLogLikelihood(pretrained, pieces)).perStep : Number.NaN;
  const adapt = decoding.adaptSteps > 0 ? { steps: decoding.adaptSteps, learningRate: decoding.adaptLearningRate } : undefined;
  const adapted = adapt ? (await continuationLogLikelihood(model, pieces, { adapt })).perStep : Number.NaN;
  return { chosen, plain, logLikelihood: { model: own.perStep, pretrained: pre, adapted, steps: own.steps } };
}

/**
 * Re-evaluates a saved completion model with the decoding stored in its metadata: the main
 * Mozart piece (10 samples), all 21 Mozart movements and the unseen non-Mozart pieces (5
 * samples each) beside repeat-last-bar, repeat-the-primer and silence, plain sampling for
 * comparison, and the log-likelihood of the real continuations under the model, the model
 * adapted to the primer, and the pre-trained-only model.
 *
 * @example
 * ```ts
 * const e = await evaluateStyle('models/style-completion', await loadStyleData());
 * e.mozart.chosen.model / e.mozart.chosen.baselines['repeat-last-bar'];
 * ```
 */
export async function evaluateStyle(modelDir: string, data: StyleData, options: EvaluateStyleOptions = {}): Promise<StyleEvaluation> {
  const { model, metadata } = await SequenceModel.load(modelDir);
  const pretrained = await SequenceModel.load(options.pretrainedDir ?? `${modelDir}/pretrained`).then(
    (m) => m.model,
    () => null,
  );
  const log = options.log ?? (() => {});
  try {
    const decoding = storedDecoding(metadata);
    const pieceName = options.piece ?? 'mozart/mz_545_1.mid';
    const piece = data.mozart.find((p) => p.file === pieceName);
    if (!piece) throw new RangeError(`${pieceName} is not one of the Mozart movements: ${data.mozart.map((p) => p.file).join(', ')}`);
    log(`main piece ${pieceName}`);
    const main = await completePiece(model, piece, { decoding, samples: options.mainSamples ?? 10 });
    log('Mozart movements');
    const mozart = await evaluateSet(model, pretrained, data.mozart, decoding, options.samples ?? 5);
    log('unseen non-Mozart pieces');
    const other = await evaluateSet(model, pretrained, data.other, decoding, options.samples ?? 5);
    const whole = await model.evaluate(data.mozart.map((p) => pieceSequence(model, p.roll, 0, p.roll.steps.length)));
    return {
      decoding,
      main,
      mozart,
      other,
      mozartLogLikelihood: whole.logLikelihoodPerStep,
      mozartFrames: whole.frames,
      conditioned: model.conditioning !== null,
      architecture: describeArchitecture(model),
      metadata,
    };
  } finally {
    model.dispose();
    pretrained?.dispose();
  }
}
