import { adaptToPrimer, completeSequence, sequenceToPitches, type CandidateSelection, type SequenceModel } from '@rnn-nade/core';
import { analyzeCompletion, type CompletionAnalysis } from '@rnn-nade/data-midi/node';
import { stepsPerBar } from './bars';
import type { HeldOutPiece } from './piano-data';
import { sliceSequence } from './bar-crop';
import { PIANO_RANGE, pieceSequence } from './piece-sequence';

/** Per-step means over several samples (seed-paper Figure 6 quantities). */
export interface StepMeans {
  /** Wrong notes: missed + misplaced + false positives (= FN + FP). */
  readonly error: number[];
  /** True notes not predicted. */
  readonly missed: number[];
  /** Wrong predictions not within ±2 semitones of a missed true note. */
  readonly falsePositives: number[];
  /** Wrong predictions within ±2 semitones of a missed true note. */
  readonly misplaced: number[];
  /** Predicted notes that are true notes. */
  readonly correct: number[];
  /** Notes in the true continuation at each step. */
  readonly truth: number[];
}

/** What {@link completePiece} returns. */
export interface PieceCompletion {
  /** The piece. */
  readonly file: string;
  /** Steps per bar of the piece on the model's grid. */
  readonly barSteps: number;
  /** Primer pitches per step (the first `bars` bars). */
  readonly primer: number[][];
  /** The real continuation (the next `continueBars` bars). */
  readonly truth: number[][];
  /** One continuation per seed. */
  readonly samples: number[][][];
  /** The analysis of each sample against the truth. */
  readonly analyses: CompletionAnalysis[];
  /** Per-step means over the samples. */
  readonly means: StepMeans;
  /** Totals per sample averaged over samples, plus the pooled frame accuracy. */
  readonly summary: {
    error: number;
    missed: number;
    falsePositives: number;
    misplaced: number;
    correct: number;
    truthNotes: number;
    accuracy: number;
    precision: number;
    recall: number;
  };
}

/** Options of {@link completePiece}. */
export interface CompletePieceOptions {
  /** Bars of primer (default 4). */
  readonly bars?: number;
  /** Bars to generate and compare (default 4). */
  readonly continueBars?: number;
  /** Number of samples (seeds `firstSeed`..) (default 10). */
  readonly samples?: number;
  /** First seed (default 1). */
  readonly firstSeed?: number;
  /** How each continuation is decoded (default: plain sampling at temperature 1). */
  readonly decoding?: Decoding;
}

/** A decoding of completions: sampling temperature and best-of-N by model likelihood. */
export interface Decoding {
  /** Sampling temperature (1 = the model's distribution). */
  readonly temperature: number;
  /** Continuations drawn per completion; the most likely one given the primer is kept (1 = plain sampling). */
  readonly candidates: number;
  /** Adam updates on the primer before continuing it (dynamic evaluation; 0 = off). */
  readonly adaptSteps: number;
  /** Learning rate of those updates (default 1e-3). */
  readonly adaptLearningRate?: number;
  /** How one of several candidates is kept: the most likely (default) or the consensus of the draws (best expected frame accuracy). */
  readonly select?: CandidateSelection;
  /** Frames drawn at every step, the consensus one kept (step-wise consensus; default 1 = plain sampling). */
  readonly stepDraws?: number;
}

/** Plain sampling from the model. */
export const PLAIN_SAMPLING: Decoding = { temperature: 1, candidates: 1, adaptSteps: 0 };

/** `T=0.7, best of 8, adapted 20 steps` (or `T=1` for plain sampling). */
export function decodingLabel(d: Decoding): string {
  return `T=${d.temperature}${d.stepDraws && d.stepDraws > 1 ? `, step-wise consensus of ${d.stepDraws}` : ''}${d.candidates > 1 ? `, best of ${d.candidates}${d.select === 'consensus' ? ' by consensus' : ''}` : ''}${d.adaptSteps > 0 ? `, adapted ${d.adaptSteps} steps at lr ${d.adaptLearningRate ?? 1e-3}` : ''}`;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);

/**
 * Primes the model with the first `bars` bars of a piece and samples `continueBars` bars several
 * times; each continuation is compared with the real one by `analyzeCompletion` (correct, missed,
 * misplaced = within ±2 semitones of a missed note, other false positives), and the per-step
 * counts are averaged over the samples (the seed paper's Figure 6).
 *
 * @example
 * ```ts
 * const c = await completePiece(model, mozart.find((p) => p.file.endsWith('mz_545_1.mid'))!, { samples: 10 });
 * c.means.error; // mean wrong notes per step
 * ```
 */
export async function completePiece(model: SequenceModel, piece: HeldOutPiece, options: CompletePieceOptions = {}): Promise<PieceCompletion> {
  const bars = options.bars ?? 4;
  const continueBars = options.continueBars ?? 4;
  const n = options.samples ?? 10;
  const first = options.firstSeed ?? 1;
  const barSteps = stepsPerBar(piece.roll);
  const primer = piece.roll.steps.slice(0, bars * barSteps);
  const truth = piece.roll.steps.slice(bars * barSteps, (bars + continueBars) * barSteps);
  const range = PIANO_RANGE;
  // one sequence (and one set of rows) for primer + continuation: a metric-conditioned model
  // continues in the piece's own meter (bar and phrase position)
  const task = pieceSequence(model, piece.roll, 0, primer.length + truth.length);
  const primerSeq = sliceSequence(task, 0, primer.length);
  const continued = task.conditioning && sliceSequence(task, primer.length, truth.length).conditioning;
  const samples: number[][][] = [];
  const analyses: CompletionAnalysis[] = [];
  const decoding = options.decoding ?? PLAIN_SAMPLING;
  // adapt once per piece (dynamic evaluation), then draw every sample from the adapted weights
  const restore =
    decoding.adaptSteps > 0
      ? await adaptToPrimer(model, primerSeq, { steps: decoding.adaptSteps, learningRate: decoding.adaptLearningRate, seed: first })
      : null;
  try {
    for (let seed = first; seed < first + n; seed++) {
      const gen = await completeSequence(model, {
        steps: truth.length,
        primer: primerSeq,
        seed,
        temperature: decoding.temperature,
        candidates: decoding.candidates,
        ...(decoding.select ? { select: decoding.select } : {}),
        ...(decoding.stepDraws ? { stepDraws: decoding.stepDraws } : {}),
        ...(continued ? { conditioning: continued } : {}),
      });
      const steps = sequenceToPitches(gen.sequence, range);
      samples.push(steps);
      analyses.push(analyzeCompletion(truth, steps));
    }
  } finally {
    restore?.();
  }
  const perStep = (f: (a: CompletionAnalysis, t: number) => number) => truth.map((_, t) => mean(analyses.map((a) => f(a, t))));
  const means: StepMeans = {
    missed: perStep((a, t) => a.perStep[t]!.missed),
    falsePositives: perStep((a, t) => a.perStep[t]!.falsePositives),
    misplaced: perStep((a, t) => a.perStep[t]!.misplaced),
    correct: perStep((a, t) => a.perStep[t]!.correct),
    error: perStep((a, t) => a.perStep[t]!.missed + a.perStep[t]!.misplaced + a.perStep[t]!.falsePositives),
    truth: truth.map((s) => s.length),
  };
  const tot = (f: (a: CompletionAnalysis) => number) => mean(analyses.map(f));
  const summary = {
    error: tot((a) => a.total.missed + a.total.misplaced + a.total.falsePositives),
    missed: tot((a) => a.total.missed),
    falsePositives: tot((a) => a.total.falsePositives),
    misplaced: tot((a) => a.total.misplaced),
    correct: tot((a) => a.total.correct),
    truthNotes: truth.reduce((a, s) => a + s.length, 0),
    accuracy: tot((a) => a.accuracy),
    precision: tot((a) => a.precision),
    recall: tot((a) => a.recall),
  };
  return { file: piece.file, barSteps, primer, truth, samples, analyses, means, summary };
}
