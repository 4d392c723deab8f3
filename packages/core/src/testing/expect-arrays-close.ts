import * as tf from '@tensorflow/tfjs-core';

/**
 * Asserts that two arrays (or tensors) have the same length and agree element-wise within
 * `tolerance`, where an entry passes when `|a − e| ≤ tolerance · max(1, |e|)` (absolute near
 * zero, relative for large values). `NaN` only matches `NaN`; infinities must match exactly.
 * Tensors are read with `dataSync()` and not disposed. Throws an `Error` that names the first
 * mismatching index, so it works in any test runner.
 *
 * @param tolerance default `1e-5`.
 * @example
 * ```ts
 * import { expectArraysClose } from '@rnn-nade/core/testing';
 * expectArraysClose(model.logProb(params, x), [-1.2, -0.7], 1e-4);
 * ```
 */
export function expectArraysClose(actual: ArrayLike<number> | tf.Tensor, expected: ArrayLike<number> | tf.Tensor, tolerance = 1e-5): void {
  const a = toArray(actual, 'actual');
  const e = toArray(expected, 'expected');
  if (actual instanceof tf.Tensor && expected instanceof tf.Tensor) {
    const sa = JSON.stringify(actual.shape);
    const se = JSON.stringify(expected.shape);
    if (sa !== se) throw new Error(`expectArraysClose: shapes differ: actual ${sa}, expected ${se}.`);
  }
  if (a.length !== e.length) {
    throw new Error(`expectArraysClose: lengths differ: actual ${a.length}, expected ${e.length}.`);
  }
  if (!(tolerance >= 0)) throw new Error(`expectArraysClose: tolerance must be >= 0, got ${tolerance}.`);
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = e[i]!;
    if (Number.isNaN(x) || Number.isNaN(y)) {
      if (Number.isNaN(x) && Number.isNaN(y)) continue;
      throw mismatch(i, x, y, tolerance, a.length);
    }
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      if (x === y) continue;
      throw mismatch(i, x, y, tolerance, a.length);
    }
    if (Math.abs(x - y) > tolerance * Math.max(1, Math.abs(y))) throw mismatch(i, x, y, tolerance, a.length);
  }
}

function toArray(v: ArrayLike<number> | tf.Tensor, what: string): ArrayLike<number> {
  if (v instanceof tf.Tensor) {
    if (v.isDisposed) throw new Error(`expectArraysClose: the ${what} tensor is disposed.`);
    return v.dataSync() as ArrayLike<number>;
  }
  if (v == null || typeof (v as ArrayLike<number>).length !== 'number') {
    throw new Error(`expectArraysClose: ${what} is not an array or tensor.`);
  }
  return v;
}

function mismatch(i: number, x: number, y: number, tol: number, n: number): Error {
  return new Error(`expectArraysClose: arrays differ at index ${i} of ${n}: actual ${x}, expected ${y}` + ` (|diff| = ${Math.abs(x - y)}, tolerance ${tol}).`);
}
