import { ConfigError, type Rng, type SequenceData } from '@rnn-nade/core';

/** Rows `start..start+steps` of a sequence, its conditioning rows included when it has them. */
export function sliceSequence(seq: SequenceData, start: number, steps: number): SequenceData {
  const out: { steps: number; dim: number; data: Float32Array; conditioning?: { channels: number; data: Float32Array } } = {
    steps,
    dim: seq.dim,
    data: seq.data.slice(start * seq.dim, (start + steps) * seq.dim),
  };
  const cond = (seq as { conditioning?: { channels: number; data: Float32Array } }).conditioning;
  if (cond) out.conditioning = { channels: cond.channels, data: cond.data.slice(start * cond.channels, (start + steps) * cond.channels) };
  return out;
}

/**
 * A training augmentation like core's `randomCrop(window)`, but every crop starts on a bar line
 * (a multiple of the sequence's bar length), so that the state the model starts a crop from is
 * the state it starts a primer from: the top of a bar. Sequences no longer than `window` are
 * kept whole; a sequence without a known bar length is cropped anywhere.
 *
 * @example
 * ```ts
 * await train(model, data.pretrain, { augment: barAlignedCrop(128, (s) => data.barSteps.get(s)) });
 * ```
 */
export function barAlignedCrop(window: number, barStepsOf: (seq: SequenceData) => number | undefined): (train: SequenceData[], rng: Rng) => SequenceData[] {
  if (!Number.isInteger(window) || window < 1) throw new ConfigError(`window must be an integer >= 1, got ${window}.`);
  return (train, rng) =>
    train.map((seq) => {
      if (seq.steps <= window) return seq;
      const bar = barStepsOf(seq) ?? 1;
      const starts = Math.floor((seq.steps - window) / bar) + 1;
      return sliceSequence(seq, rng.int(starts) * bar, window);
    });
}
