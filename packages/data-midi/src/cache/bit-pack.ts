import type { SequenceData } from '@rnn-nade/core';

/** Bytes needed to bit-pack `steps` frames of `dim` binary values: ⌈steps·dim / 8⌉. */
export function packedByteLength(steps: number, dim: number): number {
  return Math.ceil((steps * dim) / 8);
}

/**
 * Bit-packs a binary sequence: frame t, column d is bit `t·dim + d` (least significant bit first
 * within each byte). Values > 0.5 are 1. A 9-class drum frame takes 9 bits instead of 36 bytes
 * of float32; an 88-key frame 11 bytes instead of 352.
 *
 * @example
 * ```ts
 * const bytes = packSequence(seq);              // Uint8Array of packedByteLength(seq.steps, seq.dim)
 * unpackSequence(bytes, seq.steps, seq.dim);    // equal to seq
 * ```
 */
export function packSequence(seq: SequenceData, out?: Uint8Array): Uint8Array {
  const n = seq.steps * seq.dim;
  const bytes = out ?? new Uint8Array(packedByteLength(seq.steps, seq.dim));
  bytes.fill(0, 0, packedByteLength(seq.steps, seq.dim));
  for (let i = 0; i < n; i++) if (seq.data[i]! > 0.5) bytes[i >> 3]! |= 1 << (i & 7);
  return bytes;
}

/**
 * Bit-packs a roll given as active columns per step, without a float intermediate. `column`
 * maps a pitch to its column (or -1 to leave it out).
 */
export function packSteps(steps: readonly (readonly number[])[], dim: number, column: (pitch: number) => number, out?: Uint8Array): Uint8Array {
  const bytes = out ?? new Uint8Array(packedByteLength(steps.length, dim));
  for (let t = 0; t < steps.length; t++) {
    for (const p of steps[t]!) {
      const c = column(p);
      if (c < 0 || c >= dim) continue;
      const i = t * dim + c;
      bytes[i >> 3]! |= 1 << (i & 7);
    }
  }
  return bytes;
}

/** The inverse of {@link packSequence}: a `[steps, dim]` 0/1 float sequence (written into `out` when given). */
export function unpackSequence(bytes: Uint8Array, steps: number, dim: number, out?: Float32Array): SequenceData {
  const n = steps * dim;
  const data = out ?? new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = (bytes[i >> 3]! >> (i & 7)) & 1;
  return { steps, dim, data };
}
