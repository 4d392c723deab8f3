import type { SequenceData } from '../data/sequence';
import { ConfigError } from '../util/errors';
import type { Rng } from '../util/rng';

/**
 * A per-epoch augmentation for `train({ augment })`: every training sequence longer than
 * `window` steps is replaced by a window of `window` consecutive steps at a random offset
 * (seeded through the trainer's `Rng`); shorter ones are kept whole. Each epoch therefore costs
 * at most `window` steps per sequence, and over many epochs every part of a long performance is
 * seen. The cropped sequences share no memory with the originals' later frames (a copy); their
 * conditioning rows, when present, are cropped with them (so a metric position stays with its frame).
 *
 * @example
 * ```ts
 * await train(model, groove, { epochs: 40, augment: randomCrop(128) });
 * ```
 */
export function randomCrop(window: number): (train: SequenceData[], rng: Rng) => SequenceData[] {
  if (!Number.isInteger(window) || window < 1) throw new ConfigError(`window must be an integer >= 1, got ${window}.`);
  return (train, rng) =>
    train.map((seq) => {
      if (seq.steps <= window) return seq;
      const start = rng.int(seq.steps - window + 1);
      const crop: SequenceData = { steps: window, dim: seq.dim, data: seq.data.slice(start * seq.dim, (start + window) * seq.dim) };
      const c = seq.conditioning;
      return c ? { ...crop, conditioning: { channels: c.channels, data: c.data.slice(start * c.channels, (start + window) * c.channels) } } : crop;
    });
}
