import type { SequenceData } from '../data/sequence';
import { ConditioningError, ConfigError, ShapeError } from '../util/errors';
import type { Rng } from '../util/rng';

/** One training/evaluation chunk (truncated BPTT). Plain arrays, row-major, batch-major. */
export interface PaddedBatch {
  /** Number of sequences B in the chunk. */
  batchSize: number;
  /** Number of steps L in the chunk. */
  steps: number;
  /** Frame dimension D. */
  dim: number;
  /** `[B, L, D]`: the input at step t is frame t-1 (a zero frame before the first frame of a sequence). */
  inputs: Float32Array;
  /** `[B, L, D]`: frame t, the frame to predict at step t. */
  targets: Float32Array;
  /** `[B, L]`: 1 where the target is a real frame, 0 on padding after a sequence's end. */
  mask: Float32Array;
  /** true = start from the initial state; false = continue the state carried from the previous chunk of the same batch. */
  reset: boolean;
  /** Conditioning channels C per step (absent or 0 when the sequences carry no conditioning). */
  channels?: number;
  /** `[B, L, C]`: the conditioning row of step t (aligned with `targets`; zeros on padding). Present when `channels` > 0. */
  conditioning?: Float32Array;
}

/** Options of {@link makeBatches}. */
export interface BatchOptions {
  /** Sequences per batch (the last batch may have fewer). */
  batchSize: number;
  /** Truncated-BPTT length: each batch is cut into chunks of at most this many steps. Default: whole sequences. */
  chunkSteps?: number;
  /** When given, the order of the sequences is shuffled with it (else the input order is kept). */
  rng?: Rng;
}

/**
 * Groups sequences into padded batches, cut into chunks for truncated BPTT. The sequences of a
 * batch are chunked together: chunk k+1 of a batch directly follows chunk k (`reset: false`) and
 * continues the encoder state it ended with; the first chunk of every batch has `reset: true`.
 * Shorter sequences are padded with zero frames after their end (mask 0); chunks that would be
 * all padding are not emitted. Empty sequences are skipped.
 *
 * @example
 * ```ts
 * for (const batch of iterateBatches(train, { batchSize: 16, chunkSteps: 64, rng })) {
 *   const out = model.batchLoss(batch, { training: true, rng, state: batch.reset ? undefined : state });
 * }
 * ```
 */
export function* iterateBatches(seqs: readonly SequenceData[], options: BatchOptions): Generator<PaddedBatch> {
  const { batchSize } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new ConfigError(`batchSize must be an integer >= 1, got ${batchSize}.`);
  const chunk = options.chunkSteps;
  if (chunk !== undefined && (!Number.isInteger(chunk) || chunk < 1)) {
    throw new ConfigError(`chunkSteps must be an integer >= 1, got ${chunk}.`);
  }
  const order = seqs.filter((s) => s.steps > 0);
  if (order.length === 0) return;
  const dim = order[0]!.dim;
  for (const s of order) {
    if (s.dim !== dim) throw new ShapeError(`All sequences must have the same frame size: got ${s.dim} and ${dim}.`);
    if (s.data.length !== s.steps * s.dim) {
      throw new ShapeError(`A sequence has ${s.data.length} values, expected steps*dim = ${s.steps * s.dim}.`);
    }
  }
  const C = batchChannels(order);
  if (options.rng) options.rng.shuffle(order);
  for (let start = 0; start < order.length; start += batchSize) {
    const group = order.slice(start, start + batchSize);
    const B = group.length;
    const maxSteps = Math.max(...group.map((s) => s.steps));
    const cs = chunk ?? maxSteps;
    for (let t0 = 0; t0 < maxSteps; t0 += cs) {
      const L = Math.min(cs, maxSteps - t0);
      const inputs = new Float32Array(B * L * dim);
      const targets = new Float32Array(B * L * dim);
      const mask = new Float32Array(B * L);
      const conditioning = C > 0 ? new Float32Array(B * L * C) : undefined;
      group.forEach((s, b) => {
        const end = Math.min(s.steps, t0 + L); // exclusive, absolute
        if (end <= t0) return;
        const n = end - t0;
        targets.set(s.data.subarray(t0 * dim, end * dim), b * L * dim);
        mask.fill(1, b * L, b * L + n);
        // inputs[t] = frame t0+t-1; frame -1 is the zero frame
        const from = Math.max(t0 - 1, 0);
        const offset = t0 === 0 ? 1 : 0;
        inputs.set(s.data.subarray(from * dim, (end - 1) * dim), (b * L + offset) * dim);
        conditioning?.set(s.conditioning!.data.subarray(t0 * C, end * C), b * L * C);
      });
      const batch: PaddedBatch = { batchSize: B, steps: L, dim, inputs, targets, mask, reset: t0 === 0 };
      yield conditioning ? { ...batch, channels: C, conditioning } : batch;
    }
  }
}

/**
 * The conditioning channels the sequences share (0 when none carries conditioning).
 * @throws ConditioningError when some carry conditioning and others do not, or the channel counts differ.
 */
function batchChannels(seqs: readonly SequenceData[]): number {
  const C = seqs[0]!.conditioning?.channels ?? 0;
  seqs.forEach((s, i) => {
    const c = s.conditioning?.channels ?? 0;
    if (c !== C) {
      throw new ConditioningError(`All sequences must carry the same conditioning: one has ${C} channels, another (${i}) has ${c}.`);
    }
    if (s.conditioning && s.conditioning.data.length !== s.steps * c) {
      throw new ConditioningError(`A sequence's conditioning has ${s.conditioning.data.length} values, expected steps*channels = ${s.steps * c}.`);
    }
  });
  return C;
}

/** All batches of {@link iterateBatches} as an array. */
export function makeBatches(seqs: readonly SequenceData[], options: BatchOptions): PaddedBatch[] {
  return [...iterateBatches(seqs, options)];
}

/** Number of real (unmasked) frames in a batch. */
export function countFrames(batch: PaddedBatch): number {
  let n = 0;
  for (let i = 0; i < batch.mask.length; i++) n += batch.mask[i]!;
  return n;
}
