import { ConfigError, type SequenceData } from '@rnn-nade/core';

/** A frame-independent Gaussian with a diagonal covariance. */
export interface DiagonalGaussian {
  readonly mean: Float64Array;
  readonly sigma: Float64Array;
}

/**
 * Fits a diagonal Gaussian to every frame of `seqs` by maximum likelihood (mean and the
 * 1/N standard deviation per dimension, in float64), each σ floored at `minSigma`.
 *
 * @example
 * ```ts
 * const g = fitDiagonalGaussian(train, { minSigma: 0.1 });
 * console.log(diagonalGaussianNll(g, test)); // nats per frame
 * ```
 */
export function fitDiagonalGaussian(seqs: readonly SequenceData[], options: { minSigma?: number } = {}): DiagonalGaussian {
  const dim = seqs[0]?.dim;
  if (dim === undefined) throw new ConfigError('fitDiagonalGaussian needs at least one sequence.');
  const sum = new Float64Array(dim);
  const sq = new Float64Array(dim);
  let n = 0;
  for (const s of seqs) {
    if (s.dim !== dim) throw new ConfigError(`All sequences must have dim ${dim}, got ${s.dim}.`);
    for (let t = 0; t < s.steps; t++) {
      for (let d = 0; d < dim; d++) {
        const v = s.data[t * dim + d]!;
        sum[d]! += v;
        sq[d]! += v * v;
      }
    }
    n += s.steps;
  }
  if (n === 0) throw new ConfigError('fitDiagonalGaussian needs at least one frame.');
  const floor = options.minSigma ?? 0;
  const mean = sum.map((s) => s / n);
  const sigma = sq.map((s, d) => Math.max(floor, Math.sqrt(Math.max(0, s / n - mean[d]! ** 2))));
  return { mean, sigma };
}

/** Negative log-likelihood per frame (nats), pooled over every frame of `seqs`. */
export function diagonalGaussianNll(g: DiagonalGaussian, seqs: readonly SequenceData[]): number {
  const dim = g.mean.length;
  let logNorm = 0;
  for (let d = 0; d < dim; d++) logNorm += Math.log(g.sigma[d]!) + 0.5 * Math.log(2 * Math.PI);
  let total = 0;
  let frames = 0;
  for (const s of seqs) {
    if (s.dim !== dim) throw new ConfigError(`Sequence dim ${s.dim} differs from the Gaussian's ${dim}.`);
    for (let t = 0; t < s.steps; t++) {
      let q = 0;
      for (let d = 0; d < dim; d++) q += ((s.data[t * dim + d]! - g.mean[d]!) / g.sigma[d]!) ** 2;
      total += logNorm + 0.5 * q;
    }
    frames += s.steps;
  }
  return frames ? total / frames : NaN;
}
