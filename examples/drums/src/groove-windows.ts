import { ConfigError, type Rng, type SequenceData } from '@rnn-nade/core';
import { BAR_STEPS } from './groove-metrics';

/**
 * Steps `start .. end - 1` of a sequence as a new sequence (a copy), with the matching rows of its
 * conditioning when it has any.
 */
export function sliceSteps(seq: SequenceData, start: number, end: number): SequenceData {
  const out: SequenceData = { steps: end - start, dim: seq.dim, data: seq.data.slice(start * seq.dim, end * seq.dim) };
  const cond = seq.conditioning;
  if (!cond) return out;
  return { ...out, conditioning: { channels: cond.channels, data: cond.data.slice(start * cond.channels, end * cond.channels) } };
}

/** Options of {@link barWindows}. */
export interface BarWindowOptions {
  /** Bars per window. */
  readonly bars: number;
  /** Steps per bar (default 16: 4/4 on a 16th-note grid). */
  readonly barSteps?: number;
}

/**
 * Cuts every sequence into non-overlapping windows of `bars` bars that start on bar lines
 * (step 0 of each sequence is a bar line); a shorter tail is dropped. Used to measure real and
 * generated drums on equal footing and to pick primed-continuation cases.
 *
 * @example
 * ```ts
 * barWindows(groove.test, { bars: 4 }); // every 64-step window of the test split
 * ```
 */
export function barWindows(seqs: readonly SequenceData[], options: BarWindowOptions): SequenceData[] {
  const len = options.bars * (options.barSteps ?? BAR_STEPS);
  if (!Number.isInteger(len) || len < 1) throw new ConfigError(`bars must be a positive integer, got ${options.bars}.`);
  const out: SequenceData[] = [];
  for (const s of seqs) for (let t = 0; t + len <= s.steps; t += len) out.push(sliceSteps(s, t, len + t));
  return out;
}

/**
 * A per-epoch augmentation for `train({ augment })` whose windows all start on a bar line: a
 * sequence of at most `windowBars` bars is kept whole; a longer one is cut into consecutive
 * windows of `windowBars` bars starting at a random bar offset in `0 .. windowBars - 1` (the bars
 * before the offset form one shorter first window; a tail under one bar is kept only as the end of
 * a longer window), so across
 * epochs the window boundaries move while each window still starts on a downbeat — unlike
 * `randomCrop`, which keeps one window per sequence at any step offset. With `maxWindows`, a
 * random `maxWindows` of a sequence's windows are kept each epoch (bounding the epoch's cost
 * while long grooves still contribute several bar-aligned windows).
 *
 * @example
 * ```ts
 * await train(model, groove, { epochs: 40, augment: barAlignedWindows({ windowBars: 8 }) });
 * ```
 */
export function barAlignedWindows(options: {
  windowBars: number;
  barSteps?: number;
  maxWindows?: number;
}): (train: SequenceData[], rng: Rng) => SequenceData[] {
  const barSteps = options.barSteps ?? BAR_STEPS;
  const { windowBars } = options;
  if (!Number.isInteger(windowBars) || windowBars < 1) throw new ConfigError(`windowBars must be an integer >= 1, got ${windowBars}.`);
  const maxWindows = options.maxWindows ?? Infinity;
  if (!(maxWindows >= 1)) throw new ConfigError(`maxWindows must be >= 1, got ${maxWindows}.`);
  const window = windowBars * barSteps;
  return (train, rng) => {
    const out: SequenceData[] = [];
    for (const seq of train) {
      if (seq.steps <= window) {
        out.push(seq);
        continue;
      }
      const offset = rng.int(windowBars) * barSteps;
      const starts = offset > 0 ? [0] : [];
      for (let t = offset; t + barSteps <= seq.steps; t += window) starts.push(t);
      for (let k = 0; k < Math.min(maxWindows, starts.length); k++) {
        const j = k + rng.int(starts.length - k); // partial Fisher-Yates: a random subset, each start once
        [starts[k], starts[j]] = [starts[j]!, starts[k]!];
        const t = starts[k]!;
        out.push(sliceSteps(seq, t, t === 0 && offset > 0 ? offset : Math.min(seq.steps, t + window)));
      }
    }
    return out;
  };
}
