import { pitchesToSequence, suppliedSpec, type SequenceData, type SequenceModel } from '@rnn-nade/core';
import { rollConditioning, type PianoRoll } from '@rnn-nade/data-midi/node';

/** Keys of the completion model: the 88 piano keys. */
export const PIANO_RANGE = { low: 21, high: 108 } as const;

/**
 * Steps `start .. end` of a piece as a model sequence. For a model whose conditioning has
 * supplied features (its metric position), the rows of those steps come with it, read from the
 * whole piece's own time signatures, so a slice keeps its place in the bar and phrase; lookback
 * channels are left to the model (it derives them from the frames).
 *
 * @example
 * ```ts
 * const primer = pieceSequence(model, piece.roll, 0, 4 * bar);
 * ```
 */
export function pieceSequence(model: SequenceModel, roll: PianoRoll, start: number, end: number): SequenceData {
  const seq = pitchesToSequence(roll.steps.slice(start, end), PIANO_RANGE);
  const spec = model.conditioning;
  if (!spec || !suppliedSpec(spec)) return seq;
  const rows = rollConditioning(roll, spec);
  const C = rows.channels;
  return { ...seq, conditioning: { channels: C, data: rows.data.slice(start * C, end * C) } };
}
