import { accumulateFrameCounts, frameAccuracy } from '@rnn-nade/core/advanced';
import type { SequenceData, SequenceModel } from '@rnn-nade/core';
import { fitPositionRates, repeatLastBar, samplePositionRates } from './groove-baselines';
import { PLAIN_DECODING, sampleGroove, type GrooveDecoding } from './groove-decode';
import type { GrooveType } from './groove-info';
import { BAR_STEPS, grooveStats, type GrooveStats } from './groove-metrics';
import { barWindows, sliceSteps } from './groove-windows';

/** Rolls of one split with their beat / fill labels (parallel arrays). */
export interface LabelledRolls {
  /** Drum rolls, step 0 on a bar line. */
  readonly rolls: readonly SequenceData[];
  /** `info.csv`'s beat / fill label of each roll. */
  readonly types: readonly GrooveType[];
}

/** Options of {@link evaluateGroove}. */
export interface GrooveEvaluationOptions {
  /** Unprimed samples (seeds 1..n), each `unprimedBars` bars, label `beat`. */
  readonly unprimed: number;
  /** Bars per unprimed sample and per real window it is compared with (default 4). */
  readonly unprimedBars?: number;
  /** Real bars given as primer (default 2). */
  readonly primerBars?: number;
  /** Bars continued and scored (default 4). */
  readonly continuationBars?: number;
  /** Model samples per primed case, and draws of the sampled baselines (default 3). */
  readonly samples?: number;
  /** Temperature and best-of-N of the unprimed samples (default plain sampling). */
  readonly decoding?: GrooveDecoding;
  /** Temperature and best-of-N of the primed continuations (default `decoding`). */
  readonly primedDecoding?: GrooveDecoding;
}

/** Frame accuracy of primed continuations by the model and its baselines (mean over cases). */
export interface PrimedScores {
  /** Cases: non-overlapping windows of primer + continuation bars in the test split. */
  readonly cases: number;
  /** The model (mean over cases and samples). */
  readonly model: number;
  /** Repeat the primer's last bar. */
  readonly repeatLastBar: number;
  /** Predict silence (scores 0 wherever the truth has hits). */
  readonly silence: number;
  /** Frame-independent per-class Bernoulli fitted on train, sampled. */
  readonly frameIndependent: number;
  /** Per-class Bernoulli at each 16th of the bar, fitted on train, sampled. */
  readonly metricPosition: number;
}

/** What {@link evaluateGroove} returns. */
export interface GrooveEvaluation {
  /** Real test-split windows of `unprimedBars` bars. */
  readonly real: GrooveStats;
  /** The model's unprimed samples. */
  readonly unprimed: GrooveStats;
  /** Primed continuations. */
  readonly primed: PrimedScores;
  /** The decoding of the unprimed samples. */
  readonly decoding: GrooveDecoding;
  /** The decoding of the primed continuations. */
  readonly primedDecoding: GrooveDecoding;
}

/** Frame accuracy TP / (TP + FP + FN) pooled over the steps of one continuation. */
export function continuationAccuracy(truth: SequenceData, predicted: SequenceData): number {
  return frameAccuracy(accumulateFrameCounts(truth.data, predicted.data, { dim: truth.dim, rows: truth.steps }));
}

/**
 * Issue 15's drum measures, with one code path for real and generated drums:
 * 1. unprimed samples (label `beat`, starting on a downbeat) vs every `unprimedBars`-bar window of
 *    the real test split: autocorrelation at one bar, closed hi-hat and kick rates, share of kicks
 *    on the downbeat ({@link grooveStats});
 * 2. primed continuations: every non-overlapping window of `primerBars + continuationBars` bars of
 *    the test split; the first bars prime the model (with the performance's own beat / fill label),
 *    the continuation is scored by frame accuracy beside repeat-last-bar, silence, frame-independent
 *    and metric-position baselines (the last two fitted on `train`).
 *
 * @example
 * ```ts
 * const g = await evaluateGroove(model, { rolls: train }, { rolls: test, types }, { unprimed: 32 });
 * g.primed.model >= g.primed.repeatLastBar;
 * ```
 */
export async function evaluateGroove(
  model: SequenceModel,
  train: Pick<LabelledRolls, 'rolls'>,
  test: LabelledRolls,
  options: GrooveEvaluationOptions,
): Promise<GrooveEvaluation> {
  const decoding = options.decoding ?? PLAIN_DECODING;
  const bars = options.unprimedBars ?? 4;
  const samples = options.samples ?? 3;
  const real = grooveStats(barWindows(test.rolls, { bars }));
  const generated: SequenceData[] = [];
  for (let seed = 1; seed <= options.unprimed; seed++) {
    generated.push(await sampleGroove(model, { steps: bars * BAR_STEPS, type: 'beat', seed, decoding }));
  }
  const primedDecoding = options.primedDecoding ?? decoding;
  const primed = await scorePrimed(model, train, test, { ...options, samples, decoding: primedDecoding });
  return { real, unprimed: grooveStats(generated), primed, decoding, primedDecoding };
}

async function scorePrimed(
  model: SequenceModel,
  train: Pick<LabelledRolls, 'rolls'>,
  test: LabelledRolls,
  options: GrooveEvaluationOptions & { samples: number; decoding: GrooveDecoding },
): Promise<PrimedScores> {
  const primerSteps = (options.primerBars ?? 2) * BAR_STEPS;
  const contSteps = (options.continuationBars ?? 4) * BAR_STEPS;
  const flat = fitPositionRates(train.rolls, 1);
  const metric = fitPositionRates(train.rolls, BAR_STEPS);
  const sum = { model: 0, repeatLastBar: 0, silence: 0, frameIndependent: 0, metricPosition: 0 };
  let cases = 0;
  for (let i = 0; i < test.rolls.length; i++) {
    for (const w of barWindows([test.rolls[i]!], { bars: (primerSteps + contSteps) / BAR_STEPS })) {
      const primer = sliceSteps(w, 0, primerSteps);
      const truth = sliceSteps(w, primerSteps, primerSteps + contSteps);
      const seed = 1000 * cases + 1;
      for (let k = 0; k < options.samples; k++) {
        const cont = await sampleGroove(model, { steps: contSteps, primer, type: test.types[i], seed: seed + k, decoding: options.decoding });
        sum.model += continuationAccuracy(truth, cont) / options.samples;
        const draw = { steps: contSteps, startStep: primerSteps, seed: seed + k };
        sum.frameIndependent += continuationAccuracy(truth, samplePositionRates(flat, { ...draw, positions: 1 })) / options.samples;
        sum.metricPosition += continuationAccuracy(truth, samplePositionRates(metric, { ...draw, positions: BAR_STEPS })) / options.samples;
      }
      sum.repeatLastBar += continuationAccuracy(truth, repeatLastBar(primer, contSteps));
      sum.silence += continuationAccuracy(truth, { steps: contSteps, dim: truth.dim, data: new Float32Array(truth.data.length) });
      cases++;
    }
  }
  const mean = (x: number) => (cases ? x / cases : 0);
  return {
    cases,
    model: mean(sum.model),
    repeatLastBar: mean(sum.repeatLastBar),
    silence: mean(sum.silence),
    frameIndependent: mean(sum.frameIndependent),
    metricPosition: mean(sum.metricPosition),
  };
}
