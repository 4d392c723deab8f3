import type { DistributionEstimator } from '../estimator/contract';
import type { ResolvedConformanceOptions } from './conformance-types';
import { type CheckOutcome, allBinaryStates, ensure, evalRows, evalRowsChunked, fmt, randomFrames, randomParams, subRng, withEstimator } from './kit-helpers';
import { defaultGrid, integrateRow } from './real-grid';
import { logSumExp } from './stats';

/** Why normalisation / probability checks are skipped for estimators without `logProb`. @internal */
export const NO_LOGPROB = 'logProb is absent (intractable likelihood), so probabilities cannot be checked; the kit tells rather than fails';

/**
 * The `normalisation` check. Binary: Σ over all 2^D states of exp(logProb) = 1 for each random
 * params row. Real (D ≤ 2): the trapezoid integral of exp(logProb) over the grid ≈ 1. Both:
 * `loss == -logProb` on random frames unless `surrogateLoss`.
 * @internal
 */
export async function checkNormalisation(create: () => DistributionEstimator, opts: ResolvedConformanceOptions): Promise<CheckOutcome> {
  return withEstimator(create, (est) => {
    if (!est.logProb) return { status: 'skip', detail: `${NO_LOGPROB}.` };
    const { dim: D, paramSize: P } = est;
    const rng = subRng(opts.seed, 'normalisation');
    const params = randomParams(rng, opts.rows, P, opts.paramScale);
    const parts: string[] = [];

    if (!opts.surrogateLoss) {
      const x = randomFrames(rng, opts.rows, D, est.domain);
      const loss = evalRows(est, 'loss', params, x, opts.rows, { rng: subRng(opts.seed, 'n-loss'), training: false });
      const lp = evalRows(est, 'logProb', params, x, opts.rows, { rng: subRng(opts.seed, 'n-lp') });
      let worst = 0;
      for (let i = 0; i < opts.rows; i++) {
        const err = Math.abs(loss[i]! + lp[i]!) / Math.max(1, Math.abs(lp[i]!));
        ensure(err <= 1e-4, `loss != -logProb at row ${i}: loss ${fmt(loss[i]!)}, logProb ${fmt(lp[i]!)}.`);
        worst = Math.max(worst, err);
      }
      parts.push(`loss == -logProb (max rel. diff ${fmt(worst)})`);
    }

    if (est.domain === 'binary') {
      if (D > opts.maxEnumerationDim) {
        return {
          status: 'skip',
          detail: `D=${D} > ${opts.maxEnumerationDim}: the 2^D states are not enumerated; build the estimator with a small dim to check normalisation.${parts.length ? ` ${parts.join('; ')}.` : ''}`,
        };
      }
      const S = 2 ** D;
      const states = allBinaryStates(D);
      const allParams = new Float32Array(opts.rows * S * P);
      const allX = new Float32Array(opts.rows * S * D);
      for (let r = 0; r < opts.rows; r++) {
        for (let s = 0; s < S; s++) allParams.set(params.subarray(r * P, (r + 1) * P), (r * S + s) * P);
        allX.set(states, r * S * D);
      }
      const lp = evalRowsChunked(est, 'logProb', allParams, allX, opts.rows * S);
      const sums: number[] = [];
      for (let r = 0; r < opts.rows; r++) {
        const total = Math.exp(logSumExp(lp, r * S, (r + 1) * S));
        sums.push(total);
        ensure(
          Math.abs(total - 1) <= opts.normalisationTolerance,
          `sum of exp(logProb) over all 2^${D} states is ${total.toPrecision(7)} for params row ${r} (tolerance ${opts.normalisationTolerance}).`,
        );
      }
      parts.unshift(`sum over all 2^${D} states = ${sums.map((s) => s.toPrecision(7)).join(', ')} for ${opts.rows} params rows`);
      return { status: 'pass', detail: `${parts.join('; ')}.` };
    }

    if (D > 2) {
      return {
        status: 'skip',
        detail: `real domain with D=${D}: numeric integration only for D <= 2; build the estimator with dim 1 or 2 to check normalisation.${parts.length ? ` ${parts.join('; ')}.` : ''}`,
      };
    }
    const grid = defaultGrid(D, opts.realIntegration);
    const masses: number[] = [];
    for (let r = 0; r < opts.rows; r++) {
      const { mass } = integrateRow(est, params, r, grid);
      masses.push(mass);
      ensure(
        Math.abs(mass - 1) <= opts.integralTolerance,
        `integral of exp(logProb) over [${grid.low}, ${grid.high}]^${D} (${grid.points} points per axis) is ${mass.toPrecision(6)} for params row ${r} (tolerance ${opts.integralTolerance}).`,
      );
    }
    parts.unshift(`integral over [${grid.low}, ${grid.high}]^${D} = ${masses.map((m) => m.toPrecision(6)).join(', ')} for ${opts.rows} params rows`);
    return { status: 'pass', detail: `${parts.join('; ')}.` };
  });
}
