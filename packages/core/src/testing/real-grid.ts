import type { DistributionEstimator } from '../estimator/contract';
import type { RealIntegrationGrid } from './conformance-types';
import { evalRowsChunked, tileRow } from './kit-helpers';

/** Mass and per-dimension moments of a real density on a grid (trapezoid rule). @internal */
export interface GridMoments {
  /** ∫ p over the grid. */
  mass: number;
  /** Per dimension: mean, variance and 4th central moment of the (grid-normalised) density. */
  mean: number[];
  variance: number[];
  m4: number[];
}

/** Default grid: 801 points per axis in 1-D, 201 in 2-D. @internal */
export function defaultGrid(dim: number, given: RealIntegrationGrid | undefined): RealIntegrationGrid {
  return given ?? { low: -10, high: 10, points: dim === 1 ? 801 : 201 };
}

/**
 * Integrates `exp(logProb)` for one params row over the grid `[low, high]^D` (D = 1 or 2) and
 * returns the mass and moments.
 * @internal
 */
export function integrateRow(est: DistributionEstimator, params: Float32Array, row: number, grid: RealIntegrationGrid): GridMoments {
  const D = est.dim;
  const k = grid.points;
  const h = (grid.high - grid.low) / (k - 1);
  const axis = Float64Array.from({ length: k }, (_, i) => grid.low + i * h);
  const w1 = Float64Array.from({ length: k }, (_, i) => (i === 0 || i === k - 1 ? h / 2 : h));
  const n = k ** D;
  const x = new Float32Array(n * D);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const i0 = i % k;
    const i1 = Math.floor(i / k);
    x[i * D] = axis[i0]!;
    if (D === 2) x[i * D + 1] = axis[i1]!;
    w[i] = D === 2 ? w1[i0]! * w1[i1]! : w1[i0]!;
  }
  const lp = evalRowsChunked(est, 'logProb', tileRow(params, row, est.paramSize, n), x, n);
  let mass = 0;
  const s1 = new Array<number>(D).fill(0);
  const p = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    p[i] = w[i]! * Math.exp(lp[i]!);
    mass += p[i]!;
    for (let d = 0; d < D; d++) s1[d]! += p[i]! * x[i * D + d]!;
  }
  const mean = s1.map((v) => v / mass);
  const variance = new Array<number>(D).fill(0);
  const m4 = new Array<number>(D).fill(0);
  for (let i = 0; i < n; i++) {
    for (let d = 0; d < D; d++) {
      const c = x[i * D + d]! - mean[d]!;
      variance[d]! += (p[i]! * c * c) / mass;
      m4[d]! += (p[i]! * c * c * c * c) / mass;
    }
  }
  return { mass, mean, variance, m4 };
}
