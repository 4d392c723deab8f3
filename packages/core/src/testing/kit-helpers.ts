import * as tf from '@tensorflow/tfjs-core';
import type { DistributionEstimator, LossOptions, SampleOptions } from '../estimator/contract';
import { Rng } from '../util/rng';

/**
 * Shared helpers of the conformance checks. Every helper that calls the estimator runs inside
 * `tf.tidy`, so a leaking or throwing estimator cannot make the kit itself leak (the `leak`
 * check measures leaks separately, without tidy).
 * @internal
 */

/** Result of one check before it is named. */
export interface CheckOutcome {
  status: 'pass' | 'fail' | 'skip';
  detail: string;
}

/** Thrown inside a check to fail it with a message (caught by the runner). */
export class CheckFailure extends Error {}

/** Fails the current check with `message` unless `cond`. */
export function ensure(cond: unknown, message: string): asserts cond {
  if (!cond) throw new CheckFailure(message);
}

/** Creates an estimator, runs `fn`, and always disposes the estimator. */
export async function withEstimator<T>(create: () => DistributionEstimator, fn: (est: DistributionEstimator) => T | Promise<T>): Promise<T> {
  const est = create();
  try {
    return await fn(est);
  } finally {
    safeDispose(est);
  }
}

/** Disposes without letting a throwing `dispose` mask the real result. */
export function safeDispose(est: DistributionEstimator | undefined): void {
  try {
    est?.dispose();
  } catch {
    /* reported by the leak check */
  }
}

/** `n` rows of random params, N(0, scale²). */
export function randomParams(rng: Rng, n: number, size: number, scale: number): Float32Array {
  const out = rng.normals(n * size);
  for (let i = 0; i < out.length; i++) out[i]! *= scale;
  return out;
}

/** `n` random frames: fair coin flips for binary domains, N(0, 1) for real ones. */
export function randomFrames(rng: Rng, n: number, dim: number, domain: string): Float32Array {
  if (domain === 'real') return rng.normals(n * dim);
  const out = rng.uniform(n * dim);
  for (let i = 0; i < out.length; i++) out[i] = out[i]! < 0.5 ? 0 : 1;
  return out;
}

/** All 2^D binary frames; frame `i` has bit `d` of `i` in column `d`. */
export function allBinaryStates(dim: number): Float32Array {
  const n = 2 ** dim;
  const out = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) for (let d = 0; d < dim; d++) out[i * dim + d] = (i >> d) & 1;
  return out;
}

/** Row `row` of a row-major `[?, width]` array, repeated `n` times. */
export function tileRow(src: Float32Array, row: number, width: number, n: number): Float32Array {
  const one = src.subarray(row * width, (row + 1) * width);
  const out = new Float32Array(n * width);
  for (let i = 0; i < n; i++) out.set(one, i * width);
  return out;
}

function shapeOf(t: unknown): string {
  return t && typeof t === 'object' && Array.isArray((t as tf.Tensor).shape) ? JSON.stringify((t as tf.Tensor).shape) : String(t);
}

/** Checks that `t` is a tensor of exactly `shape` (dtype float32), or fails the check. */
export function requireTensor(t: unknown, shape: number[], what: string): asserts t is tf.Tensor {
  ensure(t instanceof tf.Tensor, `${what} did not return a tensor (got ${typeof t}).`);
  ensure(!t.isDisposed, `${what} returned a disposed tensor.`);
  ensure(
    t.shape.length === shape.length && t.shape.every((s: number, i: number) => s === shape[i]),
    `${what} returned shape ${shapeOf(t)}, expected ${JSON.stringify(shape)}.`,
  );
  ensure(t.dtype === 'float32', `${what} returned dtype ${t.dtype}, expected float32.`);
}

/** Calls `loss` or `logProb` on `n` rows and returns the values (float32 copy), leak-free. */
export function evalRows(
  est: DistributionEstimator,
  method: 'loss' | 'logProb',
  params: Float32Array,
  x: Float32Array,
  n: number,
  options?: LossOptions,
): Float32Array {
  return tf.tidy(() => {
    const p = tf.tensor2d(params, [n, est.paramSize]);
    const xx = tf.tensor2d(x, [n, est.dim]);
    const out = method === 'loss' ? est.loss(p, xx, options) : est.logProb!(p, xx, options);
    requireTensor(out, [n], `${method}(params [${n},${est.paramSize}], x [${n},${est.dim}])`);
    return Float32Array.from(out.dataSync());
  });
}

/** Like {@link evalRows} but in chunks of at most `chunk` rows (for big enumerations / grids). */
export function evalRowsChunked(
  est: DistributionEstimator,
  method: 'loss' | 'logProb',
  params: Float32Array,
  x: Float32Array,
  n: number,
  chunk = 8192,
): Float32Array {
  if (n <= chunk) return evalRows(est, method, params, x, n);
  const out = new Float32Array(n);
  const P = est.paramSize;
  const D = est.dim;
  for (let s = 0; s < n; s += chunk) {
    const m = Math.min(chunk, n - s);
    out.set(evalRows(est, method, params.subarray(s * P, (s + m) * P), x.subarray(s * D, (s + m) * D), m), s);
  }
  return out;
}

/** Calls `sample` on `n` rows and returns the frames (float32 copy), leak-free. */
export function sampleRows(est: DistributionEstimator, params: Float32Array, n: number, options: SampleOptions): Float32Array {
  return tf.tidy(() => {
    const p = tf.tensor2d(params, [n, est.paramSize]);
    const out = est.sample(p, options);
    requireTensor(out, [n, est.dim], `sample(params [${n},${est.paramSize}])`);
    return Float32Array.from(out.dataSync());
  });
}

/** Draws `n` frames for one params row with the estimator's `CpuSampler`. */
export function cpuSampleRows(est: DistributionEstimator, paramsRow: Float32Array, n: number, options: SampleOptions): Float32Array {
  const sampler = est.createCpuSampler!();
  const out = new Float32Array(n * est.dim);
  const frame = new Float32Array(est.dim);
  for (let i = 0; i < n; i++) {
    const r = sampler.sample(paramsRow, frame, options);
    ensure(r && r.length === est.dim, `CpuSampler.sample returned length ${r?.length}, expected ${est.dim}.`);
    out.set(r, i * est.dim);
  }
  return out;
}

/**
 * The set-up of the sampling checks: `rows` random params rows from the `label` stream, each
 * tiled `n` times (`[rows·n, P]`, row-major), and a seed for the draws.
 */
export function tiledRandomParams(
  est: DistributionEstimator,
  opts: { seed: number; rows: number; samples: number; paramScale: number },
  label: string,
): { params: Float32Array; tiled: Float32Array; seed: number } {
  const { rows, samples: n } = opts;
  const P = est.paramSize;
  const params = randomParams(subRng(opts.seed, label), rows, P, opts.paramScale);
  const tiled = new Float32Array(rows * n * P);
  for (let r = 0; r < rows; r++) tiled.set(tileRow(params, r, P, n), r * n * P);
  return { params, tiled, seed: subRng(opts.seed, `${label}-draw`).nextUint32() };
}

/** `n` frames per params row from the estimator's `CpuSampler`, one `Rng` from `seed` across all rows (`[rows·n, D]`). */
export function cpuSampleAllRows(
  est: DistributionEstimator,
  params: Float32Array,
  rows: number,
  n: number,
  options: { seed: number; temperature?: number },
): Float32Array {
  const P = est.paramSize;
  const out = new Float32Array(rows * n * est.dim);
  const rng = new Rng(options.seed);
  const o = options.temperature === undefined ? { rng } : { rng, temperature: options.temperature };
  for (let r = 0; r < rows; r++) out.set(cpuSampleRows(est, params.subarray(r * P, (r + 1) * P), n, o), r * n * est.dim);
  return out;
}

/** The first index where two arrays differ by more than `tol·max(1,|b|)`, or -1. */
export function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>, tol: number): number {
  if (a.length !== b.length) return 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (Number.isNaN(x) && Number.isNaN(y)) continue;
    if (x === y) continue;
    if (!(Math.abs(x - y) <= tol * Math.max(1, Math.abs(y)))) return i;
  }
  return -1;
}

/** The first non-finite entry, or -1. */
export function firstNonFinite(a: ArrayLike<number>): number {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i]!)) return i;
  return -1;
}

/** Formats a number compactly for details. */
export function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e-3 && a < 1e4 ? String(Number(v.toPrecision(4))) : v.toExponential(2);
}

/** Message of anything thrown. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return `${e.name === 'Error' || e instanceof CheckFailure ? '' : `${e.name}: `}${e.message}`;
  return String(e);
}

/** The weights of an estimator as `[name, variable]`, sorted by name. */
export function weightEntries(est: DistributionEstimator): [string, tf.Variable][] {
  return Object.entries(est.weights ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Seeds for independent parts of a check, derived from the kit seed and a label. */
export function subRng(seed: number, label: string): Rng {
  let h = seed | 0;
  for (let i = 0; i < label.length; i++) h = (Math.imul(h, 31) + label.charCodeAt(i)) | 0;
  return new Rng(h);
}
