import type { PaddedBatch } from './batches';

/**
 * Reorders a batch-major `[B, L, D]` array into time-major `[L, B, D]` (D = 1 for masks), the
 * layout the encoder works in (row `t·B + b` of the flattened result is step t of sequence b).
 */
export function toTimeMajor(data: Float32Array, batchSize: number, steps: number, dim: number): Float32Array {
  const out = new Float32Array(data.length);
  for (let b = 0; b < batchSize; b++) {
    for (let t = 0; t < steps; t++) {
      const src = (b * steps + t) * dim;
      out.set(data.subarray(src, src + dim), (t * batchSize + b) * dim);
    }
  }
  return out;
}

/**
 * The encoder input of a chunk, time-major `[L, B, D + C]`: row `t·B + b` is the input frame of
 * step t of sequence b followed by its C conditioning channels. With `channels` = 0 (an
 * unconditioned model) any conditioning the batch carries is left out. The caller checks first
 * that the batch carries `channels` channels (`checkBatchConditioning`).
 */
export function encoderInputsTimeMajor(batch: PaddedBatch, channels: number): Float32Array {
  const { batchSize: B, steps: L, dim: D } = batch;
  if (channels === 0) return toTimeMajor(batch.inputs, B, L, D);
  const W = D + channels;
  const cond = batch.conditioning!;
  const out = new Float32Array(L * B * W);
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < L; t++) {
      const dst = (t * B + b) * W;
      const src = b * L + t;
      out.set(batch.inputs.subarray(src * D, (src + 1) * D), dst);
      out.set(cond.subarray(src * channels, (src + 1) * channels), dst + D);
    }
  }
  return out;
}
