import type * as tf from '@tensorflow/tfjs-core';

/** Where one variable lives in a flat shared Float32 buffer. */
export interface LayoutEntry {
  /** The variable's stable name (a key of `model.variables`). */
  readonly name: string;
  /** Its shape. */
  readonly shape: readonly number[];
  /** First element in the flat buffer. */
  readonly offset: number;
  /** Number of elements. */
  readonly size: number;
}

/** The trainable variables of a model laid out one after another in a flat Float32 buffer. */
export interface WeightLayout {
  /** Entries in sorted-name order (the order the trainer uses everywhere). */
  readonly entries: readonly LayoutEntry[];
  /** Total number of elements. */
  readonly total: number;
}

/**
 * Lays out the trainable variables of `variables` (sorted by name) in one flat buffer: the same
 * layout on the main thread and in every worker, so weights and gradients travel through
 * SharedArrayBuffers without any per-tensor message.
 */
export function weightLayout(variables: Readonly<Record<string, tf.Variable>>): WeightLayout {
  const entries: LayoutEntry[] = [];
  let offset = 0;
  for (const name of Object.keys(variables).sort()) {
    const v = variables[name]!;
    if (!v.trainable) continue;
    const size = v.shape.reduce((a, b) => a * b, 1);
    entries.push({ name, shape: [...v.shape], offset, size });
    offset += size;
  }
  return { entries, total: offset };
}

/** Copies the current values of the laid-out variables into `out` (length `layout.total`). */
export function writeVariables(layout: WeightLayout, variables: Readonly<Record<string, tf.Variable>>, out: Float32Array): void {
  for (const e of layout.entries) out.set(variables[e.name]!.dataSync() as Float32Array, e.offset);
}

/** The slice of `flat` that belongs to entry `e`, as a fresh (non-shared) copy. */
export function readEntry(flat: Float32Array, e: LayoutEntry): Float32Array {
  return flat.slice(e.offset, e.offset + e.size);
}
