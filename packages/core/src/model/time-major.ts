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
