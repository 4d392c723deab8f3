import * as tf from '@tensorflow/tfjs-core';
import type { DistributionEstimator } from '../estimator/contract';
import { Rng } from '../util/rng';
import type { ResolvedConformanceOptions } from './conformance-types';
import { type CheckOutcome, ensure, evalRows, firstNonFinite, fmt, randomFrames, randomParams, subRng, weightEntries, withEstimator } from './kit-helpers';
import { norm } from './stats';

/** Relative error of two vectors, `‖a − b‖ / max(‖a‖, ‖b‖, 1e-3)`. @internal */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const diff = Float64Array.from(a, (v, i) => v - b[i]!);
  return norm(diff) / Math.max(norm(a), norm(b), 1e-3);
}

/**
 * The `gradient` check: the gradient of `Σ loss(params, x)` w.r.t. `params` and every weight,
 * from `tf.variableGrads`, against central finite differences `(f(θ+ε) − f(θ−ε)) / 2ε` on up to
 * `gradientEntries` random entries per tensor plus one random direction through all entries.
 * The loss is evaluated with a fresh `Rng(seed)` each time, so stochastic surrogates are
 * deterministic. Passes when every relative error ≤ `gradientTolerance`.
 *
 * With `surrogateLoss`, the loss may be piecewise smooth (e.g. CD-k: the Gibbs chain's samples
 * jump when a perturbation moves a probability across its uniform): a finite difference whose
 * four half-step slopes on [−ε, ε] disagree (spread > 0.5 + 0.05·max |slope|) straddles a
 * jump and is excluded (a random direction is redrawn, up to 5 times); the check fails when
 * more than half the entries of a tensor straddle jumps. Smooth losses never show the
 * disagreement, so a wrong gradient is still caught.
 * @internal
 */
export async function checkGradient(create: () => DistributionEstimator, opts: ResolvedConformanceOptions): Promise<CheckOutcome> {
  return withEstimator(create, (est) => {
    const { dim: D, paramSize: P } = est;
    const n = opts.rows;
    const rng = subRng(opts.seed, 'gradient');
    const params = randomParams(rng, n, P, opts.paramScale);
    const x = randomFrames(rng, n, D, est.domain);
    const lossSeed = rng.nextUint32();
    const weights = weightEntries(est).filter(([, v]) => v.trainable);
    const frozen = weightEntries(est).length - weights.length;
    const original = weights.map(([, v]) => Float32Array.from(v.dataSync()));

    const f = (p: Float32Array): number => {
      const l = evalRows(est, 'loss', p, x, n, { rng: new Rng(lossSeed), training: true });
      let s = 0;
      for (const v of l) s += v;
      return s;
    };
    const setWeight = (k: number, values: Float32Array) => tf.tidy(() => weights[k]![1].assign(tf.tensor(values, weights[k]![1].shape, 'float32')));

    // Analytic gradients.
    const pVar = tf.tidy(() => tf.variable(tf.tensor2d(params, [n, P]), true));
    let analytic: Float32Array[];
    try {
      analytic = tf.tidy(() => {
        const xs = tf.tensor2d(x, [n, D]);
        const vars = [pVar, ...weights.map(([, v]) => v)];
        const { value, grads } = tf.variableGrads(
          () => tf.sum(est.loss(pVar as unknown as tf.Tensor2D, xs, { rng: new Rng(lossSeed), training: true })) as tf.Scalar,
          vars,
        );
        value.dispose();
        return vars.map((v, i) => {
          const g = grads[v.name];
          const what = i === 0 ? 'params' : `weight "${weights[i - 1]![0]}"`;
          ensure(g != null, `${what} receives no gradient from loss.`);
          return Float32Array.from(g.dataSync());
        });
      });
    } finally {
      pVar.dispose();
    }
    const names = ['params', ...weights.map(([name]) => `weight "${name}"`)];
    analytic.forEach((g, i) => {
      const bad = firstNonFinite(g);
      ensure(bad < 0, `the gradient w.r.t. ${names[i]} has a non-finite entry ${g[bad]} at index ${bad}.`);
    });

    const eps = opts.gradientEpsilon;
    const results: { what: string; err: number }[] = [];
    const f0 = opts.surrogateLoss ? f(params) : 0;
    /**
     * Central difference of `g(t) = loss at θ + t·ε·direction`, and (surrogate losses only)
     * whether a jump lies within ±ε: the slopes of the four half-step segments between
     * t = −1, −½, 0, ½, 1 must agree (|s_i − s_j| ≤ 0.5 + 0.05·max|s|) for a smooth g.
     */
    const probe = (g: (t: number) => number): { central: number; jump: boolean } => {
      const up = g(1);
      const down = g(-1);
      const central = (up - down) / (2 * eps);
      if (!opts.surrogateLoss) return { central, jump: false };
      const values = [down, g(-0.5), f0, g(0.5), up];
      const slopes = values.slice(1).map((v, i) => (v - values[i]!) / (eps / 2));
      const spread = Math.max(...slopes) - Math.min(...slopes);
      return { central, jump: spread > 0.5 + 0.05 * Math.max(...slopes.map(Math.abs)) };
    };
    let jumps = 0;
    try {
      // f as a function of tensor k (0 = params, k ≥ 1 = weight k−1) with the others fixed.
      const evalAt = (k: number, values: Float32Array): number => {
        if (k === 0) return f(values);
        setWeight(k - 1, values);
        try {
          return f(params);
        } finally {
          setWeight(k - 1, original[k - 1]!);
        }
      };
      const base = [params, ...original];
      for (let k = 0; k < base.length; k++) {
        const theta = Float32Array.from(base[k]!);
        const m = theta.length;
        const idx = Array.from({ length: m }, (_, i) => i);
        const chosen = m <= opts.gradientEntries ? idx : rng.shuffle(idx).slice(0, opts.gradientEntries);
        const a: number[] = [];
        const fd: number[] = [];
        let excluded = 0;
        for (const i of chosen) {
          const t0 = theta[i]!;
          const { central, jump } = probe((t) => {
            theta[i] = t0 + t * eps;
            try {
              return evalAt(k, theta);
            } finally {
              theta[i] = t0;
            }
          });
          if (jump) {
            excluded++;
            continue;
          }
          a.push(analytic[k]![i]!);
          fd.push(central);
        }
        jumps += excluded;
        ensure(
          excluded * 2 <= chosen.length,
          `${excluded} of ${chosen.length} finite differences of ${names[k]} straddle jumps of the (surrogate) loss; too few smooth points to check the gradient.`,
        );
        results.push({ what: `${names[k]} (${a.length}/${m} entries)`, err: relativeError(a, fd) });
        // One random direction through every entry of this tensor (redrawn if it straddles a jump).
        for (let attempt = 0; ; attempt++) {
          const dir = rng.normals(m);
          const u = norm(dir);
          for (let i = 0; i < m; i++) dir[i]! /= u;
          const { central: fdDir, jump } = probe((t) =>
            evalAt(
              k,
              Float32Array.from(theta, (v, i) => v + t * eps * dir[i]!),
            ),
          );
          if (jump) {
            jumps++;
            ensure(attempt < 4, `5 random directions through ${names[k]} all straddle jumps of the (surrogate) loss.`);
            continue;
          }
          let aDir = 0;
          for (let i = 0; i < m; i++) aDir += analytic[k]![i]! * dir[i]!;
          results.push({ what: `${names[k]} (random direction)`, err: relativeError([aDir], [fdDir]) });
          break;
        }
      }
    } finally {
      weights.forEach((_, k) => {
        setWeight(k, original[k]!);
      });
    }
    const worst = results.reduce((w, r) => (!(r.err <= w.err) ? r : w));
    ensure(
      worst.err <= opts.gradientTolerance,
      `analytic and finite-difference gradients of sum(loss) disagree for ${worst.what}: relative error ${fmt(worst.err)} > ${opts.gradientTolerance} (central differences, eps ${eps}).`,
    );
    return {
      status: 'pass',
      detail: `gradients of sum(loss) w.r.t. params and ${weights.length} trainable weight tensor(s)${frozen ? ` (${frozen} non-trainable skipped)` : ''} match central differences (eps ${eps}); worst relative error ${fmt(worst.err)} for ${worst.what} (tolerance ${opts.gradientTolerance})${opts.surrogateLoss ? `; surrogate loss: ${jumps} difference(s) straddling jumps excluded` : ''}.`,
    };
  });
}
